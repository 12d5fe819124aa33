// π for perl's bpi(N): Machin's formula in BigInt, rounded half-to-even to N significant digits.
// Checked against an independent algorithm (Rabinowitz and Wagon's decimal spigot, written here in
// the test), the well-known first decimals, and the Feynman point (six 9s from decimal 762).

import { describe, expect, it } from 'vitest';
import { piDigits } from '../src/programs/pi-digits.ts';

/** The first `count` digits of π ("31415..."), by the Rabinowitz–Wagon spigot with predigits. */
function spigot(count: number): string {
  const len = Math.floor((10 * count) / 3) + 1;
  const a = new Array<number>(len).fill(2);
  let out = '';
  let nines = 0;
  let predigit = 0;
  for (let j = 0; j < count; j++) {
    let q = 0;
    for (let i = len; i > 0; i--) {
      const x = 10 * a[i - 1]! + q * i;
      a[i - 1] = x % (2 * i - 1);
      q = Math.floor(x / (2 * i - 1));
    }
    a[0] = q % 10;
    q = Math.floor(q / 10);
    if (q === 9) nines++;
    else if (q === 10) {
      out += String(predigit + 1) + '0'.repeat(nines);
      predigit = 0;
      nines = 0;
    } else {
      if (j > 0) out += String(predigit);
      predigit = q;
      out += '9'.repeat(nines);
      nines = 0;
    }
  }
  return out + String(predigit) + '9'.repeat(nines);
}

describe('piDigits', () => {
  it('gives 2000 significant digits that agree with the spigot, rounded at the last one', () => {
    const pi = piDigits(2000);
    expect(pi).toHaveLength(2001);
    const reference = spigot(2010);
    const digits = pi.replace('.', '');
    expect(digits.slice(0, 1999)).toBe(reference.slice(0, 1999));
    const last = Number(reference[1999]) + (Number(reference.slice(2000, 2010)) >= 5e9 ? 1 : 0);
    expect(digits.slice(1999)).toBe(String(last));
  });

  it('starts 3.14159265358979323846 and holds the Feynman point', () => {
    const pi = piDigits(2000);
    expect(pi.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    expect(pi.slice(2 + 761, 2 + 767)).toBe('999999');
  });

  it('rounds short requests as bpi does', () => {
    expect([1, 2, 3, 5, 6, 10].map(piDigits)).toEqual(['3', '3.1', '3.14', '3.1416', '3.14159', '3.141592654']);
  });
});
