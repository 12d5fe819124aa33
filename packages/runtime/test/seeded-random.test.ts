import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SeededRandom } from '../src/index.ts';

const K8S_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = new SeededRandom(seed);
        const b = new SeededRandom(seed);
        const draw = (r: SeededRandom) => [r.int(0, 1000), r.float(), r.pick(['x', 'y', 'z']), ...r.bytes(4)];
        expect(draw(a)).toEqual(draw(b));
      }),
    );
  });

  it('gives different name suffixes for different seeds', () => {
    const names = (seed: number) => {
      const next = new SeededRandom(seed).strings(K8S_ALPHABET, 5);
      return Array.from({ length: 10 }, () => next());
    };
    expect(names(1)).toEqual(names(1));
    expect(names(1)).not.toEqual(names(2));
    expect(names(2 ** 40)).not.toEqual(names(0));
  });

  it('draws name suffixes from the alphabet, at the size asked', () => {
    const next = new SeededRandom(7).strings(K8S_ALPHABET, 5);
    for (let i = 0; i < 1000; i++) expect(next()).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('keeps ints within bounds, floats in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -100, max: 100 }), fc.nat(100), (seed, min, span) => {
        const r = new SeededRandom(seed);
        const n = r.int(min, min + span);
        expect(n).toBeGreaterThanOrEqual(min);
        expect(n).toBeLessThanOrEqual(min + span);
        const f = r.float();
        expect(f >= 0 && f < 1).toBe(true);
      }),
    );
  });

  it('continues the same sequence from a saved state', () => {
    const a = new SeededRandom(99);
    a.int(0, 10);
    const b = new SeededRandom(0);
    b.setState(a.getState());
    expect([b.int(0, 1e6), b.int(0, 1e6)]).toEqual([a.int(0, 1e6), a.int(0, 1e6)]);
  });

  it('refuses a seed that is not a whole number, and picking from nothing', () => {
    expect(() => new SeededRandom(1.5)).toThrow('a seed is a whole number, not 1.5');
    expect(() => new SeededRandom(3).pick([])).toThrow('cannot pick from an empty list');
  });
});
