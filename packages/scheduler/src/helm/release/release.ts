// A release as helm keeps it (pkg/release/v1): one revision of an installed chart with the values
// the user gave, the rendered manifest and hooks, and its status. Every install, upgrade,
// rollback or uninstall writes one of these to storage; `helm history` lists them.

import type { Chart } from '../chart/chart.ts';
import type { HookEvent } from '../render/manifest-sorter.ts';
import type { GoMap } from '../template/value.ts';

/** pkg/release/common/status.go, in its order. */
export const RELEASE_STATUSES = [
  'unknown',
  'deployed',
  'uninstalled',
  'superseded',
  'failed',
  'uninstalling',
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
] as const;

export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export const isPending = (status: ReleaseStatus): boolean =>
  status === 'pending-install' || status === 'pending-upgrade' || status === 'pending-rollback';

export type HookPhase = '' | 'Unknown' | 'Running' | 'Succeeded' | 'Failed';

/** When a hook last ran; times are Unix milliseconds, 0 for never (Go's zero time). */
export interface HookExecution {
  startedAt: number;
  completedAt: number;
  phase: HookPhase;
}

export interface ReleaseHook {
  name: string;
  kind: string;
  /** The template it came from: "mychart/templates/tests/test-connection.yaml". */
  path: string;
  manifest: string;
  events: HookEvent[];
  lastRun: HookExecution;
  weight: number;
  deletePolicies: string[];
  outputLogPolicies: string[];
}

export interface ReleaseInfo {
  /** Unix milliseconds; 0 is Go's zero time (omitted from storage). */
  firstDeployed: number;
  lastDeployed: number;
  deleted: number;
  description: string;
  status: ReleaseStatus;
  notes: string;
}

export interface Release {
  name: string;
  namespace: string;
  /** The revision. */
  version: number;
  info: ReleaseInfo;
  /** The chart as stored: its own templates, files and values, without its sub-charts (helm does not store them). */
  chart: Chart;
  /** The values the user supplied (-f, --set); null when none were (helm stores no config then). */
  config: GoMap | null;
  manifest: string;
  hooks: ReleaseHook[];
  /** "ssa" or "csa" (helm 4); empty for releases written by older helm. */
  applyMethod: string;
  /** Custom labels (--labels), kept in the storage object's labels, not in the release data. */
  labels: Record<string, string>;
}

/** The storage key: sh.helm.release.v1.<name>.v<revision> (pkg/storage/storage.go makeKey). */
export const releaseKey = (name: string, version: number): string => `sh.helm.release.v1.${name}.v${version}`;

/** The chart column of `helm list` and `helm history`: name-version. */
export const chartLabel = (release: Release): string => `${release.chart.metadata.name}-${release.chart.metadata.version}`;

/** A copy that can be changed without touching the original (hooks and info are mutable records). */
export function copyRelease(release: Release): Release {
  return {
    ...release,
    info: { ...release.info },
    hooks: release.hooks.map((h) => ({ ...h, lastRun: { ...h.lastRun }, events: [...h.events] })),
    labels: { ...release.labels },
  };
}
