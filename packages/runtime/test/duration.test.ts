import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DurationError,
  formatDuration,
  formatGoDuration,
  humanDuration,
  parseDuration,
  shortHumanDuration,
} from '../src/index.ts';

describe('parseDuration (Go time.ParseDuration grammar)', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5h', 5_400_000],
    ['2h45m30.5s', 9_930_500],
    ['0', 0],
    ['-2m', -120_000],
    ['+10s', 10_000],
    ['1500us', 1],
    ['1500µs', 1],
    ['999999ns', 0],
    ['.5s', 500],
    ['1.s', 1000],
    ['4.35s', 4350],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['5', 'time: missing unit in duration "5"'],
    ['5x', 'time: unknown unit "x" in duration "5x"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['abc', 'time: invalid duration "abc"'],
    ['.s', 'time: invalid duration ".s"'],
    ['-', 'time: invalid duration "-"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
  ])('%j is refused with Go’s message', (text, message) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(() => parseDuration(text)).toThrow(message);
  });
});

describe('formatting', () => {
  it.each([
    [0, '0s', '0s'],
    [250, '250ms', '250ms'],
    [1500, '1.5s', '1.5s'],
    [30_000, '30s', '30s'],
    [90_000, '1m30s', '1m30s'],
    [300_000, '5m0s', '5m'],
    [3_600_000, '1h0m0s', '1h'],
    [5_400_000, '1h30m0s', '1h30m'],
    [3_601_250, '1h0m1.25s', '1h1.25s'],
    [-90_000, '-1m30s', '-1m30s'],
  ])('%d ms prints as %s (Go) and %s (compact)', (ms, go, compact) => {
    expect(formatGoDuration(ms)).toBe(go);
    expect(formatDuration(ms)).toBe(compact);
  });

  it('compact and Go forms parse back to the same duration', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
        expect(parseDuration(formatGoDuration(ms))).toBe(ms);
      }),
    );
  });

  it.each([
    [-3000, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [5000, '5s'],
    [119_999, '119s'],
    [120_000, '2m'],
    [182_000, '3m2s'],
    [599_000, '9m59s'],
    [600_000, '10m'],
    [45 * 60_000, '45m'],
    [179 * 60_000, '179m'],
    [200 * 60_000, '3h20m'],
    [3 * 3_600_000, '3h'],
    [30 * 3_600_000, '30h'],
    [53 * 3_600_000, '2d5h'],
    [48 * 3_600_000, '2d'],
    [400 * 86_400_000, '400d'],
    [(3 * 365 + 10) * 86_400_000, '3y10d'],
    [9 * 365 * 86_400_000, '9y'],
  ])('kubectl AGE of %d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it.each([
    [59_000, '59s'],
    [60_000, '1m'],
    [3 * 3_600_000 + 1, '3h'],
    [50 * 3_600_000, '2d'],
    [400 * 86_400_000, '1y'],
  ])('short human duration of %d ms is %s', (ms, text) => {
    expect(shortHumanDuration(ms)).toBe(text);
  });
});

describe('virtual time as calendar time', () => {
  it('starts at 2025-01-01T00:00:00Z and round-trips', async () => {
    const { toRFC3339, toRFC3339Nano, fromRFC3339 } = await import('../src/index.ts');
    expect(toRFC3339(0)).toBe('2025-01-01T00:00:00Z');
    expect(toRFC3339(90_500)).toBe('2025-01-01T00:01:30Z');
    expect(toRFC3339Nano(90_500)).toBe('2025-01-01T00:01:30.500000000Z');
    expect(fromRFC3339('2025-01-01T00:01:30Z')).toBe(90_000);
    expect(fromRFC3339('yesterday')).toBeNaN();
  });
});
