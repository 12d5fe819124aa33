// The docker CLI's formatting: go-units sizes and durations, tabwriter columns.
import { describe, expect, it } from 'vitest';
import { humanDuration } from '../src/commands/docker/docker-format.ts';
import { humanSize } from '../src/commands/docker/formatting.ts';
import { formatTable } from '../src/commands/docker/table.ts';

describe('docker formatting', () => {
  it.each([
    [0, '0B'],
    [999, '999B'],
    [1000, '1kB'],
    [16_886, '16.9kB'],
    [7_300_593, '7.3MB'],
    [187_654_321, '188MB'],
    [999_500, '1e+03kB'],
    [1_430_000_000, '1.43GB'],
  ])('HumanSizeWithPrecision(%i, 3) is %s', (bytes, text) => {
    expect(humanSize(bytes)).toBe(text);
  });

  it.each([
    [500, 'Less than a second'],
    [1_000, '1 second'],
    [59_999, '59 seconds'],
    [60_000, 'About a minute'],
    [119_999, 'About a minute'],
    [120_000, '2 minutes'],
    [59 * 60_000, '59 minutes'],
    [60 * 60_000, 'About an hour'],
    [90 * 60_000, '2 hours'],
    [47 * 3_600_000, '47 hours'],
    [48 * 3_600_000, '2 days'],
    [14 * 86_400_000, '2 weeks'],
    [60 * 86_400_000, '2 months'],
    [730 * 86_400_000, '2 years'],
  ])('HumanDuration(%i ms) is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('pads columns as tabwriter(minwidth 10, padding 3) does', () => {
    expect(formatTable([['REPOSITORY', 'TAG', 'IMAGE ID'], ['nginx', '1.25', 'abc']])).toBe('REPOSITORY   TAG       IMAGE ID\nnginx        1.25      abc\n');
  });
});
