// Sprig's random functions (randAlphaNum, randAlpha, randNumeric, randAscii, randInt, uuidv4,
// shuffle) drawing from a generator the caller passes in: the engine's seeded random, so the
// same seed renders the same "random" names.

import { FuncError } from '../template/errors.ts';
import { GoInt, type GoFunc } from '../template/value.ts';
import { fn, int } from './convert.ts';

/** What the random functions need: a whole number from min to max, both included. */
export interface RandomSource {
  int(min: number, max: number): number;
}

const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NUMERIC = '0123456789';

export function randomFuncs(random: RandomSource): ReadonlyMap<string, GoFunc> {
  const pick = (alphabet: string) => (count: unknown): string => {
    const n = (count as GoInt).value;
    if (n < 0) throw new FuncError(`Requested random length ${n} is less than 0.`);
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[random.int(0, alphabet.length - 1)];
    return out;
  };
  const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
  const uuidv4 = (): string => {
    const bytes = Array.from({ length: 16 }, () => random.int(0, 255));
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  const shuffle = (s: unknown): string => {
    const chars = [...(s as string)];
    for (let i = chars.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    return chars.join('');
  };
  return new Map<string, GoFunc>([
    ['randAlphaNum', fn(['int'], pick(ALPHA + NUMERIC))],
    ['randAlpha', fn(['int'], pick(ALPHA))],
    ['randNumeric', fn(['int'], pick(NUMERIC))],
    ['randAscii', fn(['int'], pick(ascii))],
    [
      'randInt',
      fn(['int', 'int'], (min, max) => {
        const lo = (min as GoInt).value;
        const hi = (max as GoInt).value;
        if (hi <= lo) throw new FuncError('invalid argument to Intn');
        return int(lo + random.int(0, hi - lo - 1));
      }),
    ],
    ['uuidv4', fn([], uuidv4)],
    ['shuffle', fn(['string'], shuffle)],
  ]);
}
