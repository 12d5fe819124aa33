// `helm list` (pkg/action/list.go): the newest revision of each release whose status the filters
// admit (by default deployed and failed), optionally matching a regular expression, sorted by name
// (or by date with --date), then cut to --max from --offset.

import type { ActionConfig } from './action-config.ts';
import type { Release, ReleaseStatus } from './release.ts';

export interface ListOptions {
  allNamespaces?: boolean;
  /** --all: every status. */
  all?: boolean;
  deployed?: boolean;
  failed?: boolean;
  pending?: boolean;
  superseded?: boolean;
  uninstalled?: boolean;
  uninstalling?: boolean;
  /** A regular expression releases' names must match (--filter). */
  filter?: string;
  byDate?: boolean;
  reverse?: boolean;
  /** --max (default 256; 0 for no limit). */
  limit?: number;
  offset?: number;
}

export class ListError extends Error {
  override name = 'ListError';
}

/** SetStateMask: the statuses the flags ask for, deployed and failed when none do. */
function statesOf(options: ListOptions): Set<ReleaseStatus> {
  if (options.all) return new Set(['deployed', 'uninstalled', 'uninstalling', 'pending-install', 'pending-upgrade', 'pending-rollback', 'superseded', 'failed']);
  const states = new Set<ReleaseStatus>();
  if (options.deployed) states.add('deployed');
  if (options.uninstalled) states.add('uninstalled');
  if (options.uninstalling) states.add('uninstalling');
  if (options.pending) for (const s of ['pending-install', 'pending-rollback', 'pending-upgrade'] as const) states.add(s);
  if (options.failed) states.add('failed');
  if (options.superseded) states.add('superseded');
  if (states.size === 0) return new Set(['deployed', 'failed']);
  return states;
}

const compareNames = (a: Release, b: Release): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function list(cfg: ActionConfig, options: ListOptions = {}): Release[] {
  let pattern: RegExp | undefined;
  if (options.filter) {
    try {
      pattern = new RegExp(options.filter);
    } catch {
      throw new ListError(`error parsing regexp: invalid regular expression: \`${options.filter}\``);
    }
  }
  const states = statesOf(options);
  const storage = options.allNamespaces ? cfg.releasesIn('') : cfg.releases;
  const matching = storage.list((r) => states.has(r.info.status) && (pattern === undefined || pattern.test(r.name)));
  // filterList: only the newest matching revision of each release (per namespace).
  const newest = new Map<string, number>();
  const key = (r: Release) => `${r.namespace}/${r.name}`;
  for (const r of matching) newest.set(key(r), Math.max(newest.get(key(r)) ?? 0, r.version));
  const results = matching.filter((r) => newest.get(key(r)) === r.version);
  if (options.byDate) results.sort((a, b) => b.info.lastDeployed - a.info.lastDeployed);
  else results.sort(compareNames);
  if (options.reverse) results.reverse();
  const offset = options.offset ?? 0;
  if (offset >= results.length) return [];
  const limit = options.limit ?? 256;
  const count = limit > 0 && limit < results.length ? limit : results.length;
  return results.slice(offset, offset + count);
}
