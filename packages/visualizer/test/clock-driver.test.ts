// The page's clock: each animation frame moves virtual time by the wall time since the last frame
// times the speed, never reading a clock of its own.

import { describe, expect, it } from 'vitest';
import { ClockDriver, ENGINE_BUDGET_MS, type FrameSource, MAX_FRAME_WALL_MS } from '../src/time/clock-driver.ts';

/** Frames fired by hand at chosen wall times. */
function fakeFrames(): FrameSource & { fire(wall: number): void; pending: number } {
  let next: ((wall: number) => void) | undefined;
  let handles = 0;
  return {
    request(callback) {
      next = callback;
      return ++handles;
    },
    cancel() {
      next = undefined;
    },
    fire(wall) {
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
    expect(budgets.every((b) => b === ENGINE_BUDGET_MS)).toBe(true);
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
