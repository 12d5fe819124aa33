// Virtual time that follows the wall clock: each `sync()` moves the engine on by the real time
// since the last one, times the speed, running what falls due. Fractions of a virtual millisecond
// are carried over, so a slow speed does not lose time to rounding. Speed 0 stops the clock but
// still runs what is due now (a write's immediate consequences).

import type { World } from '../world.ts';

export class LiveClock {
  #last: number;
  #carry = 0;

  constructor(
    private readonly world: World,
    readonly speed: number,
    private readonly wallNow: () => number = Date.now,
  ) {
    this.#last = wallNow();
  }

  sync(): void {
    const now = this.wallNow();
    const exact = Math.max(0, now - this.#last) * this.speed + this.#carry;
    this.#last = now;
    const whole = Math.floor(exact);
    this.#carry = exact - whole;
    this.world.advance(whole);
  }
}
