// The page's clock: each animation frame moves virtual time by the wall time since the last frame
// times the speed. The engine runs once the frame is drawn, in the time left before the next one.

import { describe, expect, it } from 'vitest';
import { ClockDriver, type FrameSource, MAX_ENGINE_MS, MAX_FRAME_WALL_MS, MIN_ENGINE_MS, RENDER_RESERVE_MS } from '../src/time/clock-driver.ts';

/**
 * Frames fired by hand at chosen wall times; what runs after a frame runs on the next timer.
 * `drawing` is the wall time a frame takes to draw: the clock reads the fired time plus it.
 */
function fakeFrames(): FrameSource & { fire(wall: number): void; pending: number; drawing: number } {
  let next: ((wall: number) => void) | undefined;
  let handles = 0;
  let last = 0;
  return {
    drawing: 0,
    afterFrame(callback) {
      setTimeout(callback, 0);
    },
    now() {
      return last + this.drawing;
    },
    request(callback) {
      next = callback;
      return ++handles;
    },
    cancel() {
      next = undefined;
    },
    fire(wall) {
      last = wall;
      const callback = next;
      next = undefined;
      callback?.(wall);
    },
    get pending() {
      return next ? 1 : 0;
    },
  };
}

/** `reach()`: the most virtual ms the engine gets through in one frame's budget (less in a busy world). */
function setup(reach: () => number = () => Infinity) {
  const frames = fakeFrames();
  const moves: number[] = [];
  const budgets: number[] = [];
  let now = 0;
  const driver = new ClockDriver(
    {
      advanceBy: async (ms, budget) => {
        const moved = Math.min(ms, reach());
        moves.push(moved);
        budgets.push(budget);
        now += moved;
        return moved;
      },
    },
    frames,
    () => undefined,
  );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { frames, moves, budgets, driver, settle, now: () => now };
}

describe('the clock driver', () => {
  it('moves virtual time by wall delta times speed, carrying fractions of a millisecond', async () => {
    const { frames, driver, settle, now } = setup();
    driver.speed = 10;
    driver.play();
    frames.fire(1000); // the first frame only sets the start
    for (let wall = 1016.7; wall < 2000; wall += 16.7) {
      frames.fire(wall);
      await settle();
    }
    expect(now()).toBe(9853); // 59 frames of 16.7 ms at 10×, whole ms only, the rest carried
  });

  it('plays at 0.25× as well as 100×', async () => {
    for (const [speed, expected] of [
      [0.25, 25],
      [100, 10_000],
    ] as const) {
      const { frames, driver, settle, now } = setup();
      driver.speed = speed;
      driver.play();
      for (let wall = 0; wall <= 100; wall += 10) {
        frames.fire(wall);
        await settle();
      }
      expect(now()).toBe(expected);
    }
  });

  it('refuses speeds outside 0.25× to 100×', () => {
    const { driver } = setup();
    expect(() => (driver.speed = 0.1)).toThrow('speed must be from 0.25 to 100');
    expect(() => (driver.speed = 101)).toThrow(RangeError);
  });

  it('counts at most a quarter second of wall time for one frame (after the tab slept)', async () => {
    const { frames, driver, settle, now } = setup();
    driver.play();
    frames.fire(0);
    frames.fire(60_000);
    await settle();
    expect(now()).toBe(MAX_FRAME_WALL_MS);
  });

  it('owes the time a busy engine did not reach to the next frames, up to a quarter second of wall time', async () => {
    let reach = 100;
    const { frames, moves, budgets, driver, settle, now } = setup(() => reach);
    driver.speed = 10;
    driver.play();
    frames.fire(0);
    // Ten frames of 16 ms ask for 160 ms each; the engine gets through 100 ms in a frame's budget.
    for (let wall = 16; wall <= 160; wall += 16) {
      frames.fire(wall);
      await settle();
    }
    expect(budgets.every((b) => b === Math.min(MAX_ENGINE_MS, 16 - RENDER_RESERVE_MS))).toBe(true);
    expect(moves).toEqual(Array(10).fill(100));
    // The burst over, the next frame catches up: 11 frames' worth in all.
    reach = Infinity;
    frames.fire(176);
    await settle();
    expect(now()).toBe(11 * 160);
    // A world too busy to move at all owes at most a quarter second of wall time at the speed.
    reach = 0;
    for (let wall = 192; wall <= 10_000; wall += 16) {
      frames.fire(wall);
      await settle();
    }
    expect(now()).toBe(11 * 160);
    reach = Infinity;
    frames.fire(10_000);
    await settle();
    expect(now()).toBe(11 * 160 + MAX_FRAME_WALL_MS * 10);
  });

  it('runs the engine after the frame is drawn, in what is left before the next one', async () => {
    const { frames, moves, budgets, driver, settle } = setup();
    driver.speed = 10;
    driver.play();
    frames.fire(0);
    frames.fire(16);
    // Nothing moved while the frame was made: the page draws what the engine reached before it.
    expect(moves).toEqual([]);
    await settle();
    expect(moves).toEqual([160]);
    // Drawing took 9 ms of the 16: the engine gets what is left, less the time to draw its move.
    frames.drawing = 9;
    frames.fire(32);
    await settle();
    expect(budgets.at(-1)).toBe(16 - 9 - RENDER_RESERVE_MS);
    // A frame that took longer than the gap still moves the engine on a little.
    frames.drawing = 40;
    frames.fire(48);
    await settle();
    expect(budgets.at(-1)).toBe(MIN_ENGINE_MS);
    expect(moves).toEqual([160, 160, 160]);
  });

  it('stops asking for frames when paused, and starts afresh when played again', async () => {
    const { frames, driver, settle, now } = setup();
    driver.play();
    frames.fire(0);
    frames.fire(100);
    await settle();
    driver.pause();
    expect(frames.pending).toBe(0);
    driver.play();
    frames.fire(5_000);
    frames.fire(5_050);
    await settle();
    expect(now()).toBe(150);
  });
});
