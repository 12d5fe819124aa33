// A token bucket as golang.org/x/time/rate's Limiter behaves behind client-go's
// `flowcontrol.NewTokenBucketRateLimiter` / `NewTokenBucketPassiveRateLimiter`: it starts full
// (`burst` tokens), refills continuously at `qps` tokens a second up to `burst`, and `tryAccept`
// takes one token when one is there. A qps of 0 with burst 0 never accepts (client-go's
// `NewFakeNeverRateLimiter`, what the node lifecycle controller swaps in to halt evictions).
// Time is the engine's virtual milliseconds; the state is plain JSON for snapshots.

export interface SavedTokenBucket {
  qps: number;
  burst: number;
  tokens: number;
  /** Virtual time of the last refill, ms. */
  last: number;
}

export class TokenBucket {
  #qps: number;
  #burst: number;
  #tokens: number;
  #last: number;

  constructor(qps: number, burst: number, now: number) {
    this.#qps = qps;
    this.#burst = burst;
    this.#tokens = burst;
    this.#last = now;
  }

  get qps(): number {
    return this.#qps;
  }

  /** Takes a token if one is available at `now`. */
  tryAccept(now: number): boolean {
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Milliseconds from `now` until a token is available; Infinity when the bucket never refills. */
  msUntilToken(now: number): number {
    this.#refill(now);
    if (this.#tokens >= 1) return 0;
    if (this.#qps <= 0 || this.#burst < 1) return Infinity;
    return Math.ceil(((1 - this.#tokens) / this.#qps) * 1000);
  }

  #refill(now: number): void {
    if (now > this.#last) {
      this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.#qps);
      this.#last = now;
    }
  }

  save(): SavedTokenBucket {
    return { qps: this.#qps, burst: this.#burst, tokens: this.#tokens, last: this.#last };
  }

  static load(saved: SavedTokenBucket): TokenBucket {
    const bucket = new TokenBucket(saved.qps, saved.burst, saved.last);
    bucket.#tokens = saved.tokens;
    return bucket;
  }
}
