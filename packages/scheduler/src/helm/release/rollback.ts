// `helm rollback` (pkg/action/rollback.go): never rewinds; it writes revision last+1 with the
// chart, values, manifest and hooks of the target revision (default: the one before the last),
// described "Rollback to N", applies that manifest with pre/post-rollback hooks, and supersedes
// every other deployed revision.

import type { ActionConfig } from './action-config.ts';
import { execHook } from './hooks.ts';
import { ReleaseActionError } from './install.ts';
import { messageOf, type Resource } from './kube-client.ts';
import { releaseNameError } from '../render/release-renderer.ts';
import { setOwnershipMetadata } from './resource-ownership.ts';
import type { Release } from './release.ts';
import { NoDeployedReleasesError } from './secrets-driver.ts';
import { DEFAULT_TIMEOUT_MS, type WaitStrategy } from './waiter.ts';

export interface RollbackOptions {
  /** The revision to go back to; 0 (default) means the one before the last. */
  version?: number;
  timeoutMs?: number;
  waitStrategy?: WaitStrategy;
  waitForJobs?: boolean;
  disableHooks?: boolean;
  dryRun?: boolean;
  cleanupOnFail?: boolean;
  maxHistory?: number;
}

export async function rollback(cfg: ActionConfig, name: string, options: RollbackOptions = {}): Promise<Release> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (options.maxHistory !== undefined) cfg.releases.maxHistory = options.maxHistory;
  if (releaseNameError(name) !== undefined) throw new ReleaseActionError(`prepareRollback: Release name is invalid: ${name}`);
  const requested = options.version ?? 0;
  if (requested < 0) throw new ReleaseActionError('invalid release revision');
  const current = cfg.releases.last(name);
  const previousVersion = requested === 0 ? current.version - 1 : requested;
  const history = cfg.releases.history(name);
  if (!history.some((r) => r.version === previousVersion)) throw new ReleaseActionError(`release has no ${previousVersion} version`);
  const previous = cfg.releases.get(name, previousVersion);

  const target: Release = {
    name,
    namespace: current.namespace,
    version: current.version + 1,
    info: {
      firstDeployed: current.info.firstDeployed,
      lastDeployed: cfg.now(),
      deleted: 0,
      // Set now; only a failure replaces it.
      description: `Rollback to ${previousVersion}`,
      status: 'pending-rollback',
      notes: previous.info.notes,
    },
    chart: previous.chart,
    config: previous.config,
    manifest: previous.manifest,
    hooks: previous.hooks,
    applyMethod: 'ssa',
    labels: previous.labels,
  };
  if (options.dryRun) return target;
  cfg.releases.create(target);

  let currentResources: Resource[];
  let targetResources: Resource[];
  try {
    currentResources = cfg.kube.build(current.manifest, current.namespace);
  } catch (err) {
    throw new ReleaseActionError(`unable to build kubernetes objects from current release manifest: ${messageOf(err)}`);
  }
  try {
    targetResources = cfg.kube.build(target.manifest, target.namespace);
  } catch (err) {
    throw new ReleaseActionError(`unable to build kubernetes objects from new release manifest: ${messageOf(err)}`);
  }
  const waiter = cfg.waiter(options.waitStrategy ?? 'hookOnly');
  if (!options.disableHooks) await execHook(cfg, target, 'pre-rollback', waiter, timeoutMs);
  setOwnershipMetadata(targetResources, name, target.namespace);
  try {
    cfg.kube.update(currentResources, targetResources);
  } catch (err) {
    const message = `Rollback ${JSON.stringify(name)} failed: ${messageOf(err)}`;
    current.info.status = 'superseded';
    target.info.status = 'failed';
    target.info.description = message;
    cfg.record(current);
    cfg.record(target);
    throw new ReleaseActionError(messageOf(err), target);
  }
  try {
    await waiter.wait(targetResources, timeoutMs, options.waitForJobs ?? false);
  } catch (err) {
    target.info.status = 'failed';
    target.info.description = `Release ${JSON.stringify(name)} failed: ${messageOf(err)}`;
    cfg.record(current);
    cfg.record(target);
    throw new ReleaseActionError(`release ${name} failed: ${messageOf(err)}`, target);
  }
  if (!options.disableHooks) await execHook(cfg, target, 'post-rollback', waiter, timeoutMs);

  let deployed: Release[] = [];
  try {
    deployed = cfg.releases.deployedAll(name);
  } catch (err) {
    if (!(err instanceof NoDeployedReleasesError)) throw err;
  }
  for (const r of deployed) {
    r.info.status = 'superseded';
    cfg.record(r);
  }
  target.info.status = 'deployed';
  cfg.releases.update(target);
  return target;
}
