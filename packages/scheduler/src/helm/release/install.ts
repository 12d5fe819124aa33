// `helm install` (pkg/action/install.go, helm 4): checks the name is free, installs the chart's
// CRDs, renders the chart against the cluster, refuses to take over objects another owner holds,
// records revision 1 as pending-install, runs pre-install hooks, creates the objects, waits if
// asked, runs post-install hooks and marks the release deployed. A failure marks it failed, or with
// --rollback-on-failure (--atomic) uninstalls it.

import { StatusError } from '../../api/api-errors.ts';
import { type Chart, crdObjects } from '../chart/chart.ts';
import { RenderError, releaseNameError } from '../render/release-renderer.ts';
import type { GoMap } from '../template/value.ts';
import { utf8Decode } from '../template/utf8.ts';
import type { ActionConfig } from './action-config.ts';
import { execHook } from './hooks.ts';
import { KubeError, messageOf, type Resource } from './kube-client.ts';
import { existingResourceConflict, OwnershipError, setOwnershipMetadata } from './resource-ownership.ts';
import { copyRelease, type Release } from './release.ts';
import { ReleaseNotFoundError } from './secrets-driver.ts';
import { uninstall } from './uninstall.ts';
import { DEFAULT_TIMEOUT_MS, type WaitStrategy } from './waiter.ts';

export type DryRunStrategy = 'none' | 'client' | 'server';

export interface InstallOptions {
  releaseName: string;
  createNamespace?: boolean;
  dryRun?: DryRunStrategy;
  disableHooks?: boolean;
  /** Reuse the name of an uninstalled (kept in history) or failed release. */
  replace?: boolean;
  waitStrategy?: WaitStrategy;
  waitForJobs?: boolean;
  timeoutMs?: number;
  description?: string;
  rollbackOnFailure?: boolean;
  skipCrds?: boolean;
  subNotes?: boolean;
  skipSchemaValidation?: boolean;
  labels?: Record<string, string>;
  takeOwnership?: boolean;
}

/** An install, upgrade or rollback that failed; `release` is what was recorded, if anything. */
export class ReleaseActionError extends Error {
  override name = 'ReleaseActionError';
  constructor(
    message: string,
    readonly release?: Release,
  ) {
    super(message);
  }
}

/** pkg/storage/driver GetSystemLabels. */
export const SYSTEM_LABELS = ['name', 'owner', 'status', 'version', 'createdAt', 'modifiedAt'];

export function checkUserLabels(labels: Record<string, string> | undefined): void {
  if (Object.keys(labels ?? {}).some((k) => SYSTEM_LABELS.includes(k))) {
    throw new ReleaseActionError(`user supplied labels contains system reserved label name. System labels: [${SYSTEM_LABELS.join(' ')}]`);
  }
}

const isDryRun = (s: DryRunStrategy | undefined): boolean => s === 'client' || s === 'server';
const interactWithServer = (s: DryRunStrategy | undefined): boolean => s !== 'client';

function availableName(cfg: ActionConfig, name: string, options: InstallOptions): void {
  const fail = (error: string): never => {
    cfg.log('ERROR', 'release name check failed', { error });
    throw new ReleaseActionError(`release name check failed: ${error}`);
  };
  const invalid = releaseNameError(name);
  if (invalid) fail(invalid);
  if (isDryRun(options.dryRun)) return;
  let history: Release[];
  try {
    history = cfg.releases.history(name);
  } catch (err) {
    if (err instanceof ReleaseNotFoundError) return;
    throw err;
  }
  const last = history[history.length - 1]!;
  if (options.replace && (last.info.status === 'uninstalled' || last.info.status === 'failed')) return;
  fail('cannot reuse a name that is still in use');
}

function installCrds(cfg: ActionConfig, chart: Chart): void {
  for (const crd of crdObjects(chart)) {
    let resources: Resource[];
    try {
      resources = cfg.kube.build(utf8Decode(crd.file.data), cfg.namespace);
    } catch (err) {
      throw new ReleaseActionError(`failed to install CRD ${crd.file.name}: ${messageOf(err)}`);
    }
    for (const r of resources) {
      try {
        cfg.store.create(r.object);
      } catch (err) {
        if (err instanceof StatusError && err.reason === 'AlreadyExists') continue;
        throw new ReleaseActionError(`failed to install CRD ${crd.file.name}: ${messageOf(err)}`);
      }
    }
  }
}

export async function install(cfg: ActionConfig, chart: Chart, values: GoMap, options: InstallOptions): Promise<Release> {
  const name = options.releaseName;
  const namespace = cfg.namespace;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  availableName(cfg, name, options);
  if (interactWithServer(options.dryRun) && !options.skipCrds && crdObjects(chart).length > 0 && !isDryRun(options.dryRun)) installCrds(cfg, chart);
  const waitStrategy: WaitStrategy = options.waitStrategy === undefined || options.waitStrategy === 'hookOnly' ? (options.rollbackOnFailure ? 'watcher' : 'hookOnly') : options.waitStrategy;
  checkUserLabels(options.labels);

  const now = cfg.now();
  const release: Release = {
    name,
    namespace,
    version: 1,
    info: { firstDeployed: now, lastDeployed: now, deleted: 0, description: '', status: 'unknown', notes: '' },
    chart,
    config: values,
    manifest: '',
    hooks: [],
    applyMethod: 'ssa',
    labels: { ...options.labels },
  };
  try {
    const rendered = cfg.render(chart, values, { name, namespace, revision: 1, isInstall: true, isUpgrade: false }, {
      subNotes: options.subNotes ?? false,
      skipSchemaValidation: options.skipSchemaValidation ?? false,
      interactWithServer: interactWithServer(options.dryRun),
    });
    release.manifest = rendered.manifest;
    release.info.notes = rendered.notes;
    release.hooks = rendered.hooks.map((h) => ({ ...h, lastRun: { startedAt: 0, completedAt: 0, phase: '' } }));
  } catch (err) {
    if (err instanceof RenderError) throw new ReleaseActionError(err.message);
    throw err;
  }
  release.info.status = 'pending-install';
  release.info.description = 'Initial install underway';

  let resources: Resource[];
  try {
    resources = cfg.kube.build(release.manifest, namespace);
  } catch (err) {
    if (err instanceof KubeError) throw new ReleaseActionError(`unable to build kubernetes objects from release manifest: ${err.message}`);
    throw err;
  }
  setOwnershipMetadata(resources, name, namespace);
  let toBeAdopted: Resource[] = [];
  if (interactWithServer(options.dryRun) && resources.length > 0) {
    try {
      toBeAdopted = options.takeOwnership ? resources.filter((r) => cfg.kube.get(r) !== undefined) : existingResourceConflict(cfg.kube, resources, name, namespace);
    } catch (err) {
      if (err instanceof OwnershipError) throw new ReleaseActionError(`unable to continue with install: ${err.message}`);
      throw err;
    }
  }
  if (isDryRun(options.dryRun)) {
    release.info.description = 'Dry run complete';
    return release;
  }

  if (options.createNamespace) {
    try {
      cfg.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { name: namespace } } });
    } catch (err) {
      if (!(err instanceof StatusError && err.reason === 'AlreadyExists')) throw new ReleaseActionError(messageOf(err));
    }
  }
  if (options.replace) replaceRelease(cfg, release);
  try {
    cfg.releases.create(release);
  } catch (err) {
    throw new ReleaseActionError(messageOf(err));
  }

  try {
    await performInstall(cfg, release, toBeAdopted, resources, { ...options, waitStrategy, timeoutMs });
  } catch (err) {
    return failRelease(cfg, release, err, { ...options, waitStrategy, timeoutMs });
  }
  return release;
}

async function performInstall(
  cfg: ActionConfig,
  release: Release,
  toBeAdopted: Resource[],
  resources: Resource[],
  options: InstallOptions & { waitStrategy: WaitStrategy; timeoutMs: number },
): Promise<void> {
  const waiter = cfg.waiter(options.waitStrategy);
  if (!options.disableHooks) {
    try {
      await execHook(cfg, release, 'pre-install', waiter, options.timeoutMs);
    } catch (err) {
      throw new ReleaseActionError(`failed pre-install: ${messageOf(err)}`);
    }
  }
  if (toBeAdopted.length === 0 && resources.length > 0) cfg.kube.create(resources);
  else if (resources.length > 0) cfg.kube.update(toBeAdopted, resources);
  await waiter.wait(resources, options.timeoutMs, options.waitForJobs);
  if (!options.disableHooks) {
    try {
      await execHook(cfg, release, 'post-install', waiter, options.timeoutMs);
    } catch (err) {
      throw new ReleaseActionError(`failed post-install: ${messageOf(err)}`);
    }
  }
  release.info.status = 'deployed';
  release.info.description = options.description || 'Install complete';
  cfg.record(release);
}

async function failRelease(cfg: ActionConfig, release: Release, err: unknown, options: InstallOptions & { waitStrategy: WaitStrategy; timeoutMs: number }): Promise<never> {
  const cause = messageOf(err);
  release.info.status = 'failed';
  release.info.description = `Release ${JSON.stringify(release.name)} failed: ${cause}`;
  if (options.rollbackOnFailure) {
    try {
      await uninstall(cfg, release.name, { disableHooks: options.disableHooks ?? false, keepHistory: false, timeoutMs: options.timeoutMs, waitStrategy: options.waitStrategy });
    } catch (uninstallError) {
      throw new ReleaseActionError(`an error occurred while uninstalling the release. original install error: ${cause}: ${messageOf(uninstallError)}`, copyRelease(release));
    }
    throw new ReleaseActionError(`release ${release.name} failed, and has been uninstalled due to rollback-on-failure being set: ${cause}`, copyRelease(release));
  }
  cfg.record(release);
  throw new ReleaseActionError(cause, copyRelease(release));
}

/** replaceRelease: the new revision follows the last one, which is superseded unless it failed. */
function replaceRelease(cfg: ActionConfig, release: Release): void {
  let history: Release[];
  try {
    history = cfg.releases.history(release.name);
  } catch (err) {
    if (err instanceof ReleaseNotFoundError) return;
    throw err;
  }
  const last = history[history.length - 1]!;
  release.version = last.version + 1;
  if (last.info.status === 'failed') return;
  last.info.status = 'superseded';
  last.info.description = 'superseded by new release';
  cfg.record(last);
}
