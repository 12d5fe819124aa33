import { bench, describe } from 'vitest';
import { Engine, SeededRandom } from '../src/index.ts';
import { runToyWorkload } from '../test/fixtures/toy-cluster.ts';

const TASKS = 1_000_000;
const times = (() => {
  const random = new SeededRandom(1);
  return Array.from({ length: TASKS }, () => random.int(0, 3_600_000));
})();

describe('timed-task queue', () => {
  bench(
    'schedule and run 1,000,000 timed tasks',
    () => {
      const engine = new Engine({ seed: 1 });
      let ran = 0;
      const tick = engine.defineTask('tick', () => {
        ran++;
      });
      for (let i = 0; i < TASKS; i++) engine.scheduleAt(tick, times[i]!, null);
      engine.runUntilIdle(Infinity);
      if (ran !== TASKS) throw new Error(`ran ${ran} tasks`);
    },
    { iterations: 5, warmupIterations: 1 },
  );

  bench(
    'schedule 1,000,000 tasks, cancel every other one, run the rest',
    () => {
      const engine = new Engine({ seed: 1 });
      const tick = engine.defineTask('tick', () => {});
      for (let i = 0; i < TASKS; i++) {
        const id = engine.scheduleAt(tick, times[i]!, null);
        if (i % 2 === 1) engine.cancel(id);
      }
      engine.runUntilIdle(Infinity);
    },
    { iterations: 5, warmupIterations: 1 },
  );

  bench('toy workload: 5,000 jobs (~11,000 tasks, random choices, log to JSON Lines)', () => {
    runToyWorkload(42);
  });
});
