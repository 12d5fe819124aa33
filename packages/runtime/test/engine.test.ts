import { describe, expect, it } from 'vitest';
import { Engine, type LogRecord } from '../src/index.ts';

describe('Engine', () => {
  it('runs tasks at their virtual time and stamps log records with it', () => {
    const engine = new Engine({ seed: 1 });
    const ping = engine.defineTask<{ n: number }>('ping', ({ n }) => engine.log.append('ping', { n }));
    engine.schedule(ping, 30_000, { n: 2 });
    engine.schedule(ping, 10_000, { n: 1 });
    engine.runFor(20_000);
    expect(engine.now).toBe(20_000);
    expect(engine.log.records()).toEqual([{ t: 10_000, type: 'ping', n: 1 }]);
    engine.runUntilIdle();
    expect(engine.now).toBe(30_000);
    expect(engine.log.toJSONL()).toBe('{"t":10000,"type":"ping","n":1}\n{"t":30000,"type":"ping","n":2}\n');
  });

  it('publishes every record and the clock on its bus', () => {
    const engine = new Engine({ seed: 1 });
    const seen: LogRecord[] = [];
    const times: number[] = [];
    engine.bus.on('record', (r) => seen.push(r));
    engine.bus.on('time', (t) => times.push(t));
    engine.log.append('hello', { who: 'world' });
    engine.runFor(5000);
    expect(seen).toEqual([{ t: 0, type: 'hello', who: 'world' }]);
    expect(times).toEqual([5000]);
  });

  it('cancels a pending task', () => {
    const engine = new Engine({ seed: 1 });
    const boom = engine.defineTask('boom', () => engine.log.append('boom'));
    const id = engine.schedule(boom, 100, null);
    expect(engine.isPending(id)).toBe(true);
    expect(engine.cancel(id)).toBe(true);
    engine.runUntilIdle();
    expect(engine.log.size).toBe(0);
    expect(engine.now).toBe(0);
  });

  it('refuses to schedule in the past, twice-defined task types and twice-registered names', () => {
    const engine = new Engine({ seed: 1 });
    const kind = engine.defineTask('x', () => {});
    engine.runFor(1000);
    expect(() => engine.schedule(kind, -1, null)).toThrow('cannot be scheduled -1 ms in the past');
    expect(() => engine.scheduleAt(kind, 999, null)).toThrow('cannot be scheduled at 999 ms (now 1000 ms)');
    expect(() => engine.defineTask('x', () => {})).toThrow('task type "x" is already defined');
    const component = { name: 'c', snapshot: () => null, restore: () => {} };
    engine.register(component);
    expect(() => engine.register(component)).toThrow('a component named "c" is already registered');
  });

  it('stops runUntilIdle after maxTasks when a component reschedules forever', () => {
    const engine = new Engine({ seed: 1 });
    const forever = engine.defineTask('forever', () => engine.schedule(forever, 1, null));
    engine.schedule(forever, 0, null);
    expect(engine.runUntilIdle(50)).toBe(50);
    expect(engine.pendingTasks).toBe(1);
  });
});
