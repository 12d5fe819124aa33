// `helm get values` (pkg/action/get_values.go): the values the user supplied for a revision, or
// with --all the computed values (the stored chart's defaults under them).

import { coalesceValues } from '../chart/values.ts';
import type { GoMap } from '../template/value.ts';
import type { ActionConfig } from './action-config.ts';
import { releaseContent } from './status.ts';

/** null when the user supplied none (helm prints `null`). */
export function getValues(cfg: ActionConfig, name: string, options: { version?: number; all?: boolean } = {}): GoMap | null {
  const release = releaseContent(cfg, name, options.version ?? 0);
  if (options.all) return coalesceValues(release.chart, release.config ?? new Map());
  return release.config;
}
