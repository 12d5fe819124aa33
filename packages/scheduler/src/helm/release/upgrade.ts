// `helm upgrade` (pkg/action/upgrade.go, helm 4): a new revision of a deployed (or failed)
// release with a new chart or values. The values are the new ones, or with --reuse-values the last
// ones under the new, --reset-then-reuse-values the same on the new chart's defaults, --reset-values
// only the new. Objects the new manifest adds are created (refusing foreign ones), changed ones
// merged, and ones it no longer renders deleted. On success the previous revision is superseded.

import type { Chart } from '../chart/chart.ts';
import { coalesceTables, coalesceValues } from '../chart/values.ts';
import { RenderError, releaseNameError } from '../render/release-renderer.ts';
import type { GoMap } from '../template/value.ts';
import { deepCopy } from '../functions/convert.ts';
import type { ActionConfig } from './action-config.ts';
import { execHook } from './hooks.ts';
import { checkUserLabels, type DryRunStrategy, ReleaseActionError } from './install.ts';
import { KubeError, messageOf, type Resource } from './kube-client.ts';
import { existingResourceConflict, OwnershipError, setOwnershipMetadata } from './resource-ownership.ts';
import { copyRelease, isPending, type Release } from './release.ts';
import { rollback } from './rollback.ts';
import { NoDeployedReleasesError, ReleaseNotFoundError } from './secrets-driver.ts';
import { DEFAULT_TIMEOUT_MS, type WaitStrategy } from './waiter.ts';

export interface UpgradeOptions {
  dryRun?: DryRunStrategy;
  disableHooks?: boolean;
  waitStrategy?: WaitStrategy;
  waitForJobs?: boolean;
  timeoutMs?: number;
  resetValues?: boolean;
  reuseValues?: boolean;
  resetThenReuseValues?: boolean;
  /** --history-max (default 10; 0 keeps every revision). */
  maxHistory?: number;
  rollbackOnFailure?: boolean;
  cleanupOnFail?: boolean;
  subNotes?: boolean;
  skipSchemaValidation?: boolean;
  description?: string;
  labels?: Record<string, string>;
  takeOwnership?: boolean;
}

type Settled = UpgradeOptions & { waitStrategy: WaitStrategy; timeoutMs: number };

/** The values an upgrade renders with (Upgrade.reuseValues); may replace the chart's defaults. */
function upgradeValues(chart: Chart, current: Release, values: GoMap, options: UpgradeOptions): GoMap {
  if (options.resetValues) return values;
  const previous = current.config ?? new Map();
  if (options.reuseValues) {
    // The old release's values become the new chart's defaults, the old config goes under the new.
    chart.values = coalesceValues(current.chart, previous);
    return coalesceTables(values, deepCopy(previous) as GoMap);
  }
  if (options.resetThenReuseValues) return coalesceTables(values, deepCopy(previous) as GoMap);
  if (values.size === 0 && previous.size > 0) return previous;
  return values;
}

const mergeLabels = (current: Record<string, string>, desired: Record<string, string> | undefined): Record<string, string> => {
  const out = { ...current, ...desired };
  for (const [k, v] of Object.entries(out)) if (v === 'null') delete out[k];
  return out;
};

export async function upgrade(cfg: ActionConfig, name: string, chartIn: Chart, valuesIn: GoMap, options: UpgradeOptions = {}): Promise<Release> {
  const waitStrategy: WaitStrategy =
    (options.waitStrategy ?? 'hookOnly') === 'hookOnly' && options.rollbackOnFailure ? 'watcher' : (options.waitStrategy ?? 'hookOnly');
  const settled: Settled = { ...options, waitStrategy, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  if (releaseNameError(name) !== undefined) throw new ReleaseActionError(`release name is invalid: ${name}`);

  let last: Release;
  try {
    last = cfg.releases.last(name);
  } catch (err) {
    if (err instanceof ReleaseNotFoundError) throw new ReleaseActionError(new NoDeployedReleasesError(name).message);
    throw err;
  }
  if (isPending(last.info.status)) throw new ReleaseActionError('another operation (install/upgrade/rollback) is in progress');
  let current: Release;
  if (last.info.status === 'deployed') current = last;
  else {
    try {
      current = cfg.releases.deployed(name);
    } catch (err) {
      if (err instanceof NoDeployedReleasesError && (last.info.status === 'failed' || last.info.status === 'superseded')) current = last;
      else throw new ReleaseActionError(messageOf(err));
    }
  }

  const chart: Chart = { ...chartIn };
  const values = upgradeValues(chart, current, valuesIn, options);
  const revision = last.version + 1;
  let rendered;
  try {
    rendered = cfg.render(chart, values, { name, namespace: current.namespace, revision, isInstall: false, isUpgrade: true }, {
      subNotes: options.subNotes ?? false,
      skipSchemaValidation: options.skipSchemaValidation ?? false,
      interactWithServer: options.dryRun !== 'client',
    });
  } catch (err) {
    if (err instanceof RenderError) throw new ReleaseActionError(err.message);
    throw err;
  }
  checkUserLabels(options.labels);
  const upgraded: Release = {
    name,
    namespace: current.namespace,
    version: revision,
    info: {
      firstDeployed: current.info.firstDeployed,
      lastDeployed: cfg.now(),
      deleted: 0,
      description: 'Preparing upgrade',
      status: 'pending-upgrade',
      notes: rendered.notes,
    },
    // The stored chart carries the defaults it was rendered with (--reuse-values replaces them).
    chart,
    config: values,
    manifest: rendered.manifest,
    hooks: rendered.hooks.map((h) => ({ ...h, lastRun: { startedAt: 0, completedAt: 0, phase: '' } })),
    applyMethod: 'ssa',
    labels: mergeLabels(last.labels, options.labels),
  };
  cfg.releases.maxHistory = options.maxHistory ?? cfg.releases.maxHistory;
  let original: Resource[];
  let target: Resource[];
  try {
    original = cfg.kube.build(current.manifest, current.namespace);
  } catch (err) {
    throw new ReleaseActionError(`unable to build kubernetes objects from current release manifest: ${messageOf(err)}`, upgraded);
  }
  try {
    target = cfg.kube.build(upgraded.manifest, upgraded.namespace);
  } catch (err) {
    throw new ReleaseActionError(`unable to build kubernetes objects from new release manifest: ${messageOf(err)}`, upgraded);
  }
  setOwnershipMetadata(target, name, upgraded.namespace);
  const known = (r: Resource) => original.some((o) => o.name === r.name && o.namespace === r.namespace && o.type.kind === r.type.kind && o.type.group === r.type.group);
  const toBeCreated = target.filter((r) => !known(r));
  try {
    const adopted = options.takeOwnership ? toBeCreated.filter((r) => cfg.kube.get(r) !== undefined) : existingResourceConflict(cfg.kube, toBeCreated, name, upgraded.namespace);
    original.push(...adopted);
  } catch (err) {
    if (err instanceof OwnershipError) throw new ReleaseActionError(`unable to continue with update: ${err.message}`);
    throw err;
  }
  if (options.dryRun === 'client' || options.dryRun === 'server') {
    upgraded.info.description = options.description || 'Dry run complete';
    return upgraded;
  }

  try {
    cfg.releases.create(upgraded);
  } catch (err) {
    throw new ReleaseActionError(messageOf(err));
  }
  try {
    await releasingUpgrade(cfg, current, upgraded, original, target, settled);
  } catch (err) {
    const created = err instanceof UpgradeStepError ? err.created : [];
    return failRelease(cfg, upgraded, created, err instanceof UpgradeStepError ? err.inner : err, settled);
  }
  cfg.releases.update(upgraded);
  return upgraded;
}

/** A failure after the new revision was written, with the objects created so far (for --cleanup-on-fail). */
class UpgradeStepError extends Error {
  override name = 'UpgradeStepError';
  constructor(
    readonly inner: unknown,
    readonly created: Resource[],
  ) {
    super(messageOf(inner));
  }
}

async function releasingUpgrade(cfg: ActionConfig, current: Release, upgraded: Release, original: Resource[], target: Resource[], options: Settled): Promise<void> {
  const waiter = cfg.waiter(options.waitStrategy);
  if (!options.disableHooks) {
    try {
      await execHook(cfg, upgraded, 'pre-upgrade', waiter, options.timeoutMs);
    } catch (err) {
      throw new UpgradeStepError(new ReleaseActionError(`pre-upgrade hooks failed: ${messageOf(err)}`), []);
    }
  }
  let created: Resource[] = [];
  try {
    const result = cfg.kube.update(original, target);
    created = result.created;
    if (options.waitForJobs) await waiter.wait(target, options.timeoutMs, true);
    else await waiter.wait(target, options.timeoutMs);
  } catch (err) {
    if (err instanceof KubeError && err.result) created = err.result.created;
    cfg.record(current);
    throw new UpgradeStepError(err, created);
  }
  if (!options.disableHooks) {
    try {
      await execHook(cfg, upgraded, 'post-upgrade', waiter, options.timeoutMs);
    } catch (err) {
      throw new UpgradeStepError(new ReleaseActionError(`post-upgrade hooks failed: ${messageOf(err)}`), created);
    }
  }
  current.info.status = 'superseded';
  cfg.record(current);
  upgraded.info.status = 'deployed';
  upgraded.info.description = options.description || 'Upgrade complete';
}

async function failRelease(cfg: ActionConfig, release: Release, created: Resource[], err: unknown, options: Settled): Promise<never> {
  const cause = messageOf(err);
  release.info.status = 'failed';
  release.info.description = `Upgrade ${JSON.stringify(release.name)} failed: ${cause}`;
  cfg.log('WARN', 'upgrade failed', { name: release.name, error: cause });
  cfg.record(release);
  if (options.cleanupOnFail && created.length > 0) {
    const { errors } = cfg.kube.delete(created);
    if (errors.length > 0) {
      throw new ReleaseActionError(`an error occurred while cleaning up resources. original upgrade error: ${cause}: unable to cleanup resources: ${errors.join(', ')}`, copyRelease(release));
    }
  }
  if (options.rollbackOnFailure) {
    const successful = cfg.releases.history(release.name).filter((r) => r.info.status === 'superseded' || r.info.status === 'deployed');
    if (successful.length === 0) {
      throw new ReleaseActionError(`unable to find a previously successful release when attempting to rollback. original upgrade error: ${cause}`, copyRelease(release));
    }
    try {
      await rollback(cfg, release.name, {
        version: successful[successful.length - 1]!.version,
        waitStrategy: options.waitStrategy === 'hookOnly' ? 'watcher' : options.waitStrategy,
        waitForJobs: options.waitForJobs ?? false,
        disableHooks: options.disableHooks ?? false,
        timeoutMs: options.timeoutMs,
      });
    } catch (rollbackError) {
      throw new ReleaseActionError(`an error occurred while rolling back the release. original upgrade error: ${cause}: ${messageOf(rollbackError)}`, copyRelease(release));
    }
    throw new ReleaseActionError(`release ${release.name} failed, and has been rolled back due to rollback-on-failure being set: ${cause}`, copyRelease(release));
  }
  throw new ReleaseActionError(cause, copyRelease(release));
}
