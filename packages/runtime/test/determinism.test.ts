import { describe, expect, it } from 'vitest';
import { runToyWorkload } from './fixtures/toy-cluster.ts';

const parse = (jsonl: string) => jsonl.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

const jobsOf = (records: Record<string, unknown>[]) => records.filter((r) => r['type'] === 'toy.started').map((r) => String(r['job']));

describe('determinism', () => {
  it('the same seed gives a byte-identical event log', () => {
    expect(runToyWorkload(42)).toBe(runToyWorkload(42));
  });

  it('a different seed changes names and choices but not what the rules fix', () => {
    const a = parse(runToyWorkload(42));
    const b = parse(runToyWorkload(43));
    expect(jobsOf(a)).toHaveLength(5000);
    expect(jobsOf(b)).toHaveLength(5000);
    expect(jobsOf(a)).not.toEqual(jobsOf(b));
    // Every job that started ends exactly once, finished or killed, whatever the seed (a name is
    // only reused after its job ended).
    for (const records of [a, b]) {
      const ended = records.filter((r) => r['type'] === 'toy.finished' || r['type'] === 'toy.killed');
      expect(ended.map((r) => r['job']).sort()).toEqual(jobsOf(records).sort());
      expect(ended).toHaveLength(5000);
    }
  });

  it('the workload runs at least 10,000 timed tasks with random choices', () => {
    const records = parse(runToyWorkload(42));
    const started = records.filter((r) => r['type'] === 'toy.started').length;
    const ended = records.filter((r) => r['type'] !== 'toy.started').length;
    // One arrival and one ending task per job, plus the watchdogs that fired or were cancelled.
    expect(started + ended).toBeGreaterThanOrEqual(10_000);
  });
});
