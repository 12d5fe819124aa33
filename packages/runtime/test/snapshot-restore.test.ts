import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cloneJson, Engine, parseSnapshot, SNAPSHOT_VERSION, SnapshotError } from '../src/index.ts';
import { createToyEngine, runToyWorkload } from './fixtures/toy-cluster.ts';

const JOBS = 400;

/** Runs the toy workload, stopping at each of `cuts` to save to JSON and resume in a fresh engine. */
function runWithRestores(seed: number, cuts: number[]): string {
  let { engine, cluster } = createToyEngine(seed, JOBS);
  cluster.start();
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    engine.runUntil(Math.max(cut, engine.now));
    const text = JSON.stringify(engine.snapshot());
    ({ engine } = createToyEngine(seed, JOBS));
    engine.restore(parseSnapshot(text));
  }
  engine.runUntilIdle();
  return engine.log.toJSONL();
}

describe('snapshot and restore', () => {
  it('restoring at any instant and running on gives the log of a run that never stopped', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer({ min: 0, max: 12_000 }), { minLength: 1, maxLength: 4 }), (seed, cuts) => {
        expect(runWithRestores(seed, cuts)).toBe(runToyWorkload(seed, JOBS));
      }),
      { numRuns: 40 },
    );
  });

  it('restores between two tasks due at the same millisecond', () => {
    const { engine, cluster } = createToyEngine(5, JOBS);
    cluster.start();
    // Step one task at a time and snapshot after each, through the first few hundred.
    const expected = runToyWorkload(5, JOBS);
    for (let i = 0; i < 300; i++) {
      engine.step();
      if (i % 37 !== 0) continue;
      const { engine: copy } = createToyEngine(5, JOBS);
      copy.restore(JSON.parse(JSON.stringify(engine.snapshot())));
      copy.runUntilIdle();
      expect(copy.log.toJSONL()).toBe(expected);
    }
  });
});

describe('bad snapshots', () => {
  const good = () => {
    const { engine, cluster } = createToyEngine(9, 50);
    cluster.start();
    engine.runFor(500);
    return JSON.parse(JSON.stringify(engine.snapshot())) as Record<string, unknown>;
  };

  it('refuses text that is not JSON', () => {
    expect(() => parseSnapshot('{"format": "dockyard.engine",')).toThrow(/^corrupt snapshot: not valid JSON/);
  });

  it('refuses a snapshot from a newer format version, saying so', () => {
    const snap = { ...good(), version: SNAPSHOT_VERSION + 1 };
    expect(() => parseSnapshot(JSON.stringify(snap))).toThrow(
      `snapshot format version ${SNAPSHOT_VERSION + 1} is newer than this Dockyard supports (${SNAPSHOT_VERSION}); upgrade Dockyard to read it`,
    );
  });

  it.each([
    ['a missing clock', (s: Record<string, unknown>) => delete s['now'], '"now" is missing'],
    ['another file', (s: Record<string, unknown>) => (s['format'] = 'kubeconfig'), '"format" is "kubeconfig"'],
    ['a broken task', (s: any) => (s.queue.tasks[0] = [1, 2]), '"queue.tasks[0]" must be [at, seq, type, data]'],
    ['a task in the past', (s: any) => (s.queue.tasks[0][0] = 0), 'is due at 0 ms, before now (500 ms)'],
    ['a record out of order', (s: any) => (s.log[1].t = -5), '"log[1].t" is -5'],
  ])('names the field of %s', (_label, corrupt, message) => {
    const snap = good();
    corrupt(snap);
    expect(() => parseSnapshot(JSON.stringify(snap))).toThrow(SnapshotError);
    expect(() => parseSnapshot(JSON.stringify(snap))).toThrow(message);
  });

  it('leaves the engine untouched when a snapshot does not fit it', () => {
    const { engine, cluster } = createToyEngine(9, 50);
    cluster.start();
    engine.runFor(200);
    const before = JSON.stringify(engine.snapshot());
    const otherSeed = { ...good(), seed: 10 };
    expect(() => engine.restore(otherSeed)).toThrow('snapshot was taken with seed 10, this engine has seed 9');
    const unknownTask: any = good();
    unknownTask.queue.tasks[0][2] = 'toy.explode';
    expect(() => engine.restore(unknownTask)).toThrow('has unknown type "toy.explode"');
    const bare = new Engine({ seed: 9 });
    expect(() => bare.restore({ ...good(), queue: { nextSeq: 0, tasks: [] } })).toThrow(
      'snapshot holds state for unknown component "toy-cluster"',
    );
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('rolls back when a component refuses its state', () => {
    const engine = new Engine({ seed: 3 });
    let state = 'original';
    engine.register({
      name: 'picky',
      snapshot: () => state,
      restore: (s) => {
        if (s !== 'original') throw new Error('picky: cannot read this state');
        state = s;
      },
    });
    engine.log.append('before');
    const snap = engine.snapshot();
    engine.runFor(1000);
    expect(() => engine.restore({ ...snap, components: { picky: 'other' } })).toThrow('picky: cannot read this state');
    expect(engine.now).toBe(1000);
    expect(engine.log.size).toBe(1);
  });
});

describe('cloneJson', () => {
  it('copies what may change and shares what is frozen', () => {
    const frozen = Object.freeze({ name: 'web', labels: Object.freeze({ app: 'web' }) });
    const live = { count: 1, list: [1, { deep: true }], gone: undefined, frozen };
    const copy = cloneJson(live);
    expect(copy).toEqual({ count: 1, list: [1, { deep: true }], frozen });
    expect('gone' in copy).toBe(false);
    expect(copy.frozen).toBe(frozen);
    expect(copy.list).not.toBe(live.list);
    expect(copy.list[1]).not.toBe(live.list[1]);
    live.count = 2;
    (live.list[1] as { deep: boolean }).deep = false;
    expect(copy).toEqual({ count: 1, list: [1, { deep: true }], frozen });
  });

  it('keeps a key named __proto__ as data (a valid ConfigMap key), and the copy an ordinary object', () => {
    const live = { data: JSON.parse('{"__proto__":{"x":"1"},"b":"2"}') as Record<string, unknown> };
    const copy = cloneJson(live);
    expect(Object.keys(copy.data)).toEqual(['__proto__', 'b']);
    expect(JSON.stringify(copy)).toBe('{"data":{"__proto__":{"x":"1"},"b":"2"}}');
    expect(Object.getPrototypeOf(copy.data)).toBe(Object.prototype);
    expect((copy.data as { x?: string }).x).toBeUndefined();
  });
});
