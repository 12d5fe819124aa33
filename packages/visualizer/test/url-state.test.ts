// A shared link carries the scenario, seed, time, view, selection and the view's pick, readably.
import { describe, expect, it } from 'vitest';
import { formatUrlState, parseTime, parseUrlState } from '../src/url/url-state.ts';

describe('links', () => {
  it('write and read back the same state', () => {
    const hash = formatUrlState({ scenario: 'clock', seed: 7, t: 90_500, view: 'world', selection: 'pod/web-1' });
    expect(hash).toBe('#scenario=clock&seed=7&t=1m30.5s&view=world&sel=pod%2Fweb-1');
    expect(parseUrlState(hash)).toEqual({ scenario: 'clock', seed: 7, t: 90_500, view: 'world', selection: 'pod/web-1' });
    const image = formatUrlState({ t: 5_000, view: 'images', pick: 'node-1:nginx:1.27' });
    expect(image).toBe('#t=5s&view=images&pick=node-1%3Anginx%3A1.27');
    expect(parseUrlState(image)).toEqual({ t: 5_000, view: 'images', pick: 'node-1:nginx:1.27' });
  });

  it('read an empty or broken link as the empty cluster at 0s', () => {
    expect(parseUrlState('')).toEqual({ t: 0 });
    expect(parseUrlState('#seed=many&t=soon')).toEqual({ t: 0 });
  });

  it('take times as durations or as bare seconds', () => {
    expect(parseTime('1m30s')).toBe(90_000);
    expect(parseTime(' 90 ')).toBe(90_000);
    expect(parseTime('2.5')).toBe(2_500);
    expect(parseTime('250ms')).toBe(250);
    expect(parseTime('-5s')).toBeUndefined();
    expect(parseTime('soon')).toBeUndefined();
  });
});
