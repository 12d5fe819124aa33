// The one virtual clock of an engine: whole milliseconds from 0. It only moves forward, and only
// when the engine runs a task or is told to advance; nothing reads the wall clock.

export class VirtualClock {
  #now: number;

  constructor(now = 0) {
    assertTime(now);
    this.#now = now;
  }

  get now(): number {
    return this.#now;
  }

  /** Moves the clock to `time`; asking it to go backwards is a bug in the caller. */
  advanceTo(time: number): void {
    assertTime(time);
    if (time < this.#now) {
      throw new RangeError(`the virtual clock cannot go backwards (now ${this.#now} ms, asked ${time} ms)`);
    }
    this.#now = time;
  }
}

function assertTime(time: number): void {
  if (!Number.isSafeInteger(time) || time < 0) {
    throw new RangeError(`a virtual time is a whole, non-negative number of milliseconds, not ${time}`);
  }
}
