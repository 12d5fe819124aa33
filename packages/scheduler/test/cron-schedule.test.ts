// CronJob schedules as robfig/cron's ParseStandard reads them: fields, ranges, steps, names,
// descriptors, time zones, the day-of-month / day-of-week rule, and its error texts.

import { describe, expect, it } from 'vitest';
import { parseCronSchedule } from '../src/index.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

function nextN(spec: string, from: string, n: number, zone?: string): (string | undefined)[] {
  const s = parseCronSchedule(spec, zone);
  const out: (string | undefined)[] = [];
  let t: number | undefined = at(from);
  for (let i = 0; i < n && t !== undefined; i++) {
    t = s.next(t);
    out.push(iso(t));
  }
  return out;
}

describe('cron schedules', () => {
  it('steps, ranges, lists and names', () => {
    expect(nextN('*/15 * * * *', '2025-01-01T00:00:00Z', 3)).toEqual(['2025-01-01T00:15:00.000Z', '2025-01-01T00:30:00.000Z', '2025-01-01T00:45:00.000Z']);
    expect(nextN('30 6-16/4 * * mon-fri', '2025-01-03T15:00:00Z', 3)).toEqual(['2025-01-06T06:30:00.000Z', '2025-01-06T10:30:00.000Z', '2025-01-06T14:30:00.000Z']);
    expect(nextN('0 0 1 jan,jul *', '2025-01-01T00:00:00Z', 2)).toEqual(['2025-07-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']);
    expect(nextN('5/20 * * * *', '2025-01-01T00:00:00Z', 3)).toEqual(['2025-01-01T00:05:00.000Z', '2025-01-01T00:25:00.000Z', '2025-01-01T00:45:00.000Z']);
  });

  it('descriptors and @every', () => {
    expect(nextN('@hourly', '2025-01-01T00:10:00Z', 1)).toEqual(['2025-01-01T01:00:00.000Z']);
    expect(nextN('@weekly', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-01-05T00:00:00.000Z']);
    expect(nextN('@every 90s', '2025-01-01T00:00:00Z', 2)).toEqual(['2025-01-01T00:01:30.000Z', '2025-01-01T00:03:00.000Z']);
  });

  it('matches either day field when both are restricted, both when one is *', () => {
    // The 13th, or any Friday.
    expect(nextN('0 0 13 * 5', '2025-06-01T00:00:00Z', 3)).toEqual(['2025-06-06T00:00:00.000Z', '2025-06-13T00:00:00.000Z', '2025-06-20T00:00:00.000Z']);
    expect(nextN('0 0 * * 5', '2025-06-01T00:00:00Z', 1)).toEqual(['2025-06-06T00:00:00.000Z']);
  });

  it('runs on the wall clock of spec.timeZone', () => {
    // 03:00 in Seoul (UTC+9) is 18:00 UTC the day before.
    expect(nextN('0 3 * * *', '2025-01-01T00:00:00Z', 2, 'Asia/Seoul')).toEqual(['2025-01-01T18:00:00.000Z', '2025-01-02T18:00:00.000Z']);
    expect(nextN('CRON_TZ=America/New_York 0 9 * * *', '2025-07-01T00:00:00Z', 1)).toEqual(['2025-07-01T13:00:00.000Z']);
  });

  it('never matches an impossible date', () => {
    expect(nextN('0 0 30 2 *', '2025-01-01T00:00:00Z', 1)).toEqual([undefined]);
  });

  it.each([
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['a * * * *', 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
  ])('refuses %s', (spec, message) => {
    expect(() => parseCronSchedule(spec)).toThrow(message);
  });
});
