// The engine's only source of randomness: xoroshiro128+ from pure-rand, seeded once per engine.
// Every choice that Kubernetes or Docker make at random (name suffixes, container ids, tie-breaks
// between equal nodes, kube-proxy's endpoint pick) draws from here, so a seed fixes them all.

import { customRandom } from 'nanoid';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

export class SeededRandom {
  #rng: JumpableRandomGenerator;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`a seed is a whole number, not ${seed}`);
    // pure-rand keeps 32 bits of the seed; fold the high bits in so that large seeds differ too.
    this.#rng = xoroshiro128plus((seed ^ Math.floor(seed / 2 ** 32)) | 0);
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return uniformInt(this.#rng, min, max);
  }

  /** A number in [0, 1) with 32 bits of randomness. */
  float(): number {
    return (this.#rng.next() >>> 0) / 2 ** 32;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  /** `count` random bytes; what nanoid's customRandom draws from. */
  bytes(count: number): Uint8Array {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = this.#rng.next() & 0xff;
    return out;
  }

  /** A generator of random strings over `alphabet` (nanoid's customRandom fed by this engine). */
  strings(alphabet: string, size: number): () => string {
    return customRandom(alphabet, size, (count) => this.bytes(count));
  }

  getState(): number[] {
    return [...this.#rng.getState()];
  }

  setState(state: readonly number[]): void {
    this.#rng = xoroshiro128plusFromState(state);
  }
}
