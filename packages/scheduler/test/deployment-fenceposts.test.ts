// maxSurge and maxUnavailable from ints or percentages of spec.replicas (reference §4 "Rounding"):
// surge rounds up, unavailable rounds down, both 0 makes unavailable 1; maxUnavailable never
// exceeds the replicas; Recreate has neither.

import { describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { maxSurge, maxUnavailable, resolveFenceposts, type Stored } from '../src/index.ts';

const deployment = (replicas: number, surge: number | string, unavailable: number | string, type = 'RollingUpdate') =>
  ({ spec: { replicas, strategy: { type, rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } } }) as Deployment as Stored<'Deployment'>;

describe('fenceposts', () => {
  it.each([
    [3, '25%', '25%', 1, 0],
    [10, '25%', '25%', 3, 2],
    [4, '25%', '25%', 1, 1],
    [1, '25%', '25%', 1, 0],
    [3, '0%', '10%', 0, 1],
    [10, 3, 2, 3, 2],
    [5, '50%', '50%', 3, 2],
    [100, '1%', '1%', 1, 1],
  ])('%i replicas, maxSurge %s, maxUnavailable %s → surge %i, unavailable %i', (replicas, surge, unavailable, wantSurge, wantUnavailable) => {
    expect(resolveFenceposts(surge, unavailable, replicas)).toEqual([wantSurge, wantUnavailable]);
  });

  it('caps maxUnavailable at the replicas and has none for 0 replicas or Recreate', () => {
    expect(maxUnavailable(deployment(2, 0, 5))).toBe(2);
    expect(maxUnavailable(deployment(0, 0, 5))).toBe(0);
    expect(maxUnavailable(deployment(3, 1, 1, 'Recreate'))).toBe(0);
    expect(maxSurge(deployment(3, 1, 1, 'Recreate'))).toBe(0);
    expect(maxSurge(deployment(3, '34%', 0))).toBe(2);
  });
});
