import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TaskQueue } from '../src/index.ts';

/** A random script of queue operations: push at a time, cancel the k-th pushed task, pop. */
const operations = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('push' as const), at: fc.integer({ min: 0, max: 50 }) }),
    fc.record({ op: fc.constant('cancel' as const), index: fc.nat() }),
    fc.record({ op: fc.constant('pop' as const) }),
  ),
  { maxLength: 400 },
);

describe('TaskQueue', () => {
  it('runs tasks by time, then in the order they were scheduled', () => {
    const queue = new TaskQueue();
    queue.push(20, 'c', null);
    queue.push(10, 'a', null);
    queue.push(20, 'd', null);
    queue.push(10, 'b', null);
    const order: string[] = [];
    for (let task = queue.pop(); task; task = queue.pop()) order.push(task.type);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('never runs a cancelled task, and cancelling twice or after running says false', () => {
    const queue = new TaskQueue();
    const a = queue.push(1, 'a', null);
    const b = queue.push(2, 'b', null);
    expect(queue.cancel(a)).toBe(true);
    expect(queue.cancel(a)).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.pop()?.type).toBe('b');
    expect(queue.cancel(b)).toBe(false);
    expect(queue.pop()).toBeUndefined();
  });

  it('matches a sorted-list model under any mix of push, cancel and pop', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        const queue = new TaskQueue();
        const model: { at: number; seq: number }[] = [];
        const ids: number[] = [];
        for (const step of ops) {
          if (step.op === 'push') {
            const seq = queue.push(step.at, 't', null);
            ids.push(seq);
            model.push({ at: step.at, seq });
          } else if (step.op === 'cancel' && ids.length > 0) {
            const id = ids[step.index % ids.length]!;
            const where = model.findIndex((t) => t.seq === id);
            expect(queue.cancel(id)).toBe(where >= 0);
            if (where >= 0) model.splice(where, 1);
          } else if (step.op === 'pop') {
            model.sort((x, y) => x.at - y.at || x.seq - y.seq);
            const expected = model.shift();
            const got = queue.pop();
            expect(got && { at: got.at, seq: got.seq }).toEqual(expected);
          }
          expect(queue.size).toBe(model.length);
        }
      }),
    );
  });

  it('saves and loads its pending tasks, keeping order and ids', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 100 }), fc.nat(), (times, cut) => {
        const queue = new TaskQueue();
        times.forEach((at, i) => queue.push(at, `t${i}`, { i }));
        for (let i = 0; i < cut % (times.length + 1); i++) queue.pop();
        const copy = new TaskQueue();
        copy.load(JSON.parse(JSON.stringify(queue.save())));
        expect(copy.push(0, 'next', null)).toBe(queue.push(0, 'next', null));
        const drain = (q: TaskQueue) => {
          const out: unknown[] = [];
          for (let t = q.pop(); t; t = q.pop()) out.push([t.at, t.seq, t.type, t.data]);
          return out;
        };
        expect(drain(copy)).toEqual(drain(queue));
      }),
    );
  });

  it('keeps only the live timer when one is rescheduled and cancelled many times', () => {
    const queue = new TaskQueue();
    let id = queue.push(1_000_000, 'timer', null);
    for (let i = 0; i < 100_000; i++) {
      queue.cancel(id);
      id = queue.push(1_000_000 + i, 'timer', null);
    }
    expect(queue.size).toBe(1);
    expect(queue.save().tasks).toHaveLength(1);
    expect(queue.pop()?.at).toBe(1_099_999);
  });
});
