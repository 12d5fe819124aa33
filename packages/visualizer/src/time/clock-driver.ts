// Moves virtual time while the page plays: on every animation frame, the wall time since the last
// frame times the speed. The engine never reads the wall clock; this driver reads it to pace the
// frames (and the time machine to bound the engine's share of one), and it only ever asks the
// engine to run until a virtual time.
//
// The engine runs after a frame is drawn, in the time left before the next one, and the page is
// drawn from what it reached at the next frame: a frame is not held up by the engine, and the
// engine gets less time when drawing took more. The page still shows exactly the engine's state
// (drawn one frame after the engine reached it).

/** The frames to run on: the browser's requestAnimationFrame, or a fake in tests. */
export interface FrameSource {
  request(callback: (wallMs: number) => void): number;
  cancel(handle: number): void;
  /** Runs `callback` in a task of its own once the frame being made has been drawn. */
  afterFrame(callback: () => void): void;
  /** Wall ms, on the clock of the frames' timestamps. */
  now(): number;
}

/** What the driver moves: the time machine, seen from here. */
export interface Clocked {
  /**
   * Moves virtual time on by up to `ms`, counted from wherever the clock is when the move runs,
   * stopping between tasks once `budgetMs` of wall time is spent; resolves to the ms it moved.
   */
  advanceBy(ms: number, budgetMs: number): Promise<number>;
}

export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 100;

/**
 * The most wall time one frame may count: after the tab slept or a long step, the clock goes on
 * from where it was instead of leaping by minutes.
 */
export const MAX_FRAME_WALL_MS = 250;

/**
 * Of the time between two frames, what drawing the engine's move takes (the page's render): the
 * engine stops this long before the next frame is due. The virtual time it did not reach is owed
 * to the next frames, so a burst of work slows the clock for a few frames instead of freezing the
 * page, and the clock then catches up.
 */
export const RENDER_RESERVE_MS = 3;
/** The engine's least and most wall time per frame: it always moves on a little, and a long gap (a stalled tab) is not filled at once. */
export const MIN_ENGINE_MS = 1;
export const MAX_ENGINE_MS = 12;
/** The time between frames assumed before two frames have been seen, and the bounds of what is taken from them (120 Hz to 30 Hz). */
const DEFAULT_FRAME_MS = 1000 / 60;
const SHORTEST_FRAME_MS = 1000 / 120;
const LONGEST_FRAME_MS = 1000 / 30;

export const browserFrames: FrameSource = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
  // A timer posted from an animation frame runs once that frame's rendering is done.
  afterFrame: (callback) => void setTimeout(callback, 0),
  now: () => performance.now(),
};

const clamp = (value: number, least: number, most: number) => Math.min(most, Math.max(least, value));

export class ClockDriver {
  #speed = 1;
  #playing = false;
  #handle: number | undefined;
  #lastWall: number | undefined;
  /** Virtual milliseconds owed but not yet whole. */
  #carry = 0;
  #busy = false;

  constructor(
    private readonly target: Clocked,
    private readonly frames: FrameSource,
    /** Called after each move of the clock (and on play/pause), to render. */
    private readonly onChange: () => void,
    /** Called when a move fails; the driver has paused. */
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  get playing(): boolean {
    return this.#playing;
  }

  get speed(): number {
    return this.#speed;
  }

  set speed(value: number) {
    if (!(value >= MIN_SPEED && value <= MAX_SPEED)) throw new RangeError(`speed must be from ${MIN_SPEED} to ${MAX_SPEED}, not ${value}`);
    this.#speed = value;
    this.onChange();
  }

  play(): void {
    if (this.#playing) return;
    this.#playing = true;
    this.#lastWall = undefined;
    this.#carry = 0;
    this.#handle = this.frames.request((wall) => this.#frame(wall));
    this.onChange();
  }

  pause(): void {
    if (!this.#playing) return;
    this.#playing = false;
    if (this.#handle !== undefined) this.frames.cancel(this.#handle);
    this.#handle = undefined;
    this.onChange();
  }

  toggle(): void {
    if (this.#playing) this.pause();
    else this.play();
  }

  #frame(wall: number): void {
    if (!this.#playing) return;
    this.#handle = this.frames.request((next) => this.#frame(next));
    const elapsed = this.#lastWall === undefined ? 0 : Math.min(Math.max(wall - this.#lastWall, 0), MAX_FRAME_WALL_MS);
    this.#lastWall = wall;
    // While the engine is still busy with an earlier frame the time owed piles up, capped.
    this.#carry = Math.min(this.#carry + elapsed * this.#speed, MAX_FRAME_WALL_MS * this.#speed);
    if (this.#busy || Math.floor(this.#carry) === 0) return;
    this.#busy = true;
    const period = elapsed === 0 ? DEFAULT_FRAME_MS : clamp(elapsed, SHORTEST_FRAME_MS, LONGEST_FRAME_MS);
    this.frames.afterFrame(() => this.#advance(wall + period - RENDER_RESERVE_MS));
  }

  /** Runs the engine on by what is owed, until `deadline` (wall ms) at the latest, then draws. */
  #advance(deadline: number): void {
    const whole = Math.floor(this.#carry);
    if (!this.#playing || whole === 0) {
      this.#busy = false;
      return;
    }
    this.#carry -= whole;
    this.target
      .advanceBy(whole, clamp(deadline - this.frames.now(), MIN_ENGINE_MS, MAX_ENGINE_MS))
      .then((moved) => {
        this.#carry = Math.min(this.#carry + whole - moved, MAX_FRAME_WALL_MS * this.#speed);
      })
      .catch((error: unknown) => {
        this.pause();
        this.onError(error);
      })
      .finally(() => {
        this.#busy = false;
        this.onChange();
      });
  }
}
