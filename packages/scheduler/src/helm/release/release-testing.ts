// `helm test` (pkg/action/release_testing.go): runs the release's `helm.sh/hook: test` hooks (Pods
// until Succeeded, Jobs until Complete) on virtual time and records how each one ended; --filter
// name=... picks tests, !name=... leaves them out.

import { releaseNameError } from '../render/release-renderer.ts';
import type { ActionConfig } from './action-config.ts';
import { execHook } from './hooks.ts';
import { ReleaseActionError } from './install.ts';
import { messageOf } from './kube-client.ts';
import type { Release } from './release.ts';
import { DEFAULT_TIMEOUT_MS } from './waiter.ts';

export interface TestOptions {
  timeoutMs?: number;
  /** Only these tests (by name), when given. */
  include?: string[];
  /** Not these. */
  exclude?: string[];
}

/** The release with its tests' last runs; `error` says why a test failed, if one did. */
export interface TestResult {
  release: Release;
  error?: string;
}

export async function runTests(cfg: ActionConfig, name: string, options: TestOptions = {}): Promise<TestResult> {
  if (releaseNameError(name) !== undefined) throw new ReleaseActionError(`releaseTest: Release name is invalid: ${name}`);
  const release = cfg.releases.last(name);
  const include = options.include ?? [];
  const exclude = options.exclude ?? [];
  const all = release.hooks;
  const chosen = all.filter((h) => !h.events.includes('test') || ((include.length === 0 || include.includes(h.name)) && !exclude.includes(h.name)));
  release.hooks = chosen;
  let error: string | undefined;
  try {
    await execHook(cfg, release, 'test', cfg.waiter('hookOnly'), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  } catch (err) {
    error = messageOf(err);
  }
  release.hooks = [...chosen, ...all.filter((h) => !chosen.includes(h))];
  cfg.record(release);
  return error === undefined ? { release } : { release, error };
}
