// `helm uninstall` (pkg/action/uninstall.go): runs the pre-delete hooks, deletes the release's
// objects in helm's UninstallOrder (objects marked `helm.sh/resource-policy: keep` stay), runs the
// post-delete hooks, then deletes every revision from storage, or with --keep-history marks the
// last one uninstalled.

import { type Manifest, sortManifests, UNINSTALL_ORDER } from '../render/manifest-sorter.ts';
import type { ActionConfig } from './action-config.ts';
import { execHook } from './hooks.ts';
import { KEEP_POLICY, messageOf, RESOURCE_POLICY_ANNOTATION, type Resource } from './kube-client.ts';
import { releaseNameError } from '../render/release-renderer.ts';
import type { Release } from './release.ts';
import { ReleaseNotFoundError } from './secrets-driver.ts';
import { DEFAULT_TIMEOUT_MS, type WaitStrategy } from './waiter.ts';

export interface UninstallOptions {
  disableHooks?: boolean;
  keepHistory?: boolean;
  dryRun?: boolean;
  ignoreNotFound?: boolean;
  waitStrategy?: WaitStrategy;
  timeoutMs?: number;
  description?: string;
}

export interface UninstallResult {
  /** The release as it was last recorded; undefined with --ignore-not-found for a missing one. */
  release?: Release;
  /** "These resources were kept due to the resource policy:\n[Kind] name\n..." or empty. */
  info: string;
}

export class UninstallError extends Error {
  override name = 'UninstallError';
}

/** releaseutil.SplitManifests: documents keyed manifest-0, manifest-1, ... */
function splitReleaseManifest(manifest: string): Map<string, string> {
  const files = new Map<string, string>();
  let count = 0;
  for (const doc of manifest.trim().split(/(?:^|\s*\n)---\s*/)) {
    if (doc === '') continue;
    files.set(`manifest-${count++}`, doc.trim());
  }
  return files;
}

const keeps = (m: Manifest): boolean => (m.head.annotations[RESOURCE_POLICY_ANNOTATION] ?? '').trim().toLowerCase() === KEEP_POLICY;

export async function uninstall(cfg: ActionConfig, name: string, options: UninstallOptions = {}): Promise<UninstallResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const waiter = cfg.waiter(options.waitStrategy ?? 'hookOnly');
  if (options.dryRun) {
    try {
      return { release: cfg.releases.last(name), info: '' };
    } catch (err) {
      if (options.ignoreNotFound && err instanceof ReleaseNotFoundError) return { info: '' };
      throw err;
    }
  }
  if (releaseNameError(name) !== undefined) throw new UninstallError(`uninstall: Release name is invalid: ${name}`);
  let history: Release[];
  try {
    history = cfg.releases.history(name);
  } catch (err) {
    if (options.ignoreNotFound) return { info: '' };
    throw new UninstallError(`uninstall: Release not loaded: ${name}: ${messageOf(err)}`);
  }
  const release = history[history.length - 1]!;
  const purge = (): void => {
    for (const r of history) cfg.releases.delete(r.name, r.version);
  };
  if (release.info.status === 'uninstalled') {
    if (!options.keepHistory) {
      purge();
      return { release, info: '' };
    }
    throw new UninstallError(`the release named ${JSON.stringify(name)} is already deleted`);
  }

  release.info.status = 'uninstalling';
  release.info.deleted = cfg.now();
  release.info.description = 'Deletion in progress (or silently failed)';
  if (!options.disableHooks) await execHook(cfg, release, 'pre-delete', waiter, timeoutMs);
  cfg.record(release);

  const { deleted, kept, errors: deleteErrors } = deleteReleaseResources(cfg, release);
  if (deleteErrors.length > 0) throw new UninstallError(`failed to delete release: ${name}`);
  const errors: string[] = [];
  try {
    await waiter.waitForDelete(deleted, timeoutMs);
  } catch (err) {
    errors.push(messageOf(err));
  }
  if (!options.disableHooks) {
    try {
      await execHook(cfg, release, 'post-delete', waiter, timeoutMs);
    } catch (err) {
      errors.push(messageOf(err));
    }
  }
  release.info.status = 'uninstalled';
  release.info.description = options.description || 'Uninstallation complete';
  const info = kept === '' ? '' : `These resources were kept due to the resource policy:\n${kept}`;
  if (!options.keepHistory) {
    try {
      purge();
    } catch (err) {
      errors.push(`uninstall: Failed to purge the release: ${messageOf(err)}`);
    }
  } else {
    cfg.record(release);
  }
  if (errors.length > 0) throw new UninstallError(`uninstallation completed with ${errors.length} error(s): ${errors.join('; ')}`);
  return { release, info };
}

/** deleteRelease: the release's objects deleted in UninstallOrder, minus the ones kept by policy. */
function deleteReleaseResources(cfg: ActionConfig, release: Release): { deleted: Resource[]; kept: string; errors: string[] } {
  let manifests: Manifest[];
  try {
    manifests = sortManifests(splitReleaseManifest(release.manifest), UNINSTALL_ORDER).manifests;
  } catch (err) {
    return { deleted: [], kept: release.manifest, errors: [`corrupted release record. You must manually delete the resources: ${messageOf(err)}`] };
  }
  let kept = '';
  let content = '';
  for (const m of manifests) {
    if (keeps(m)) kept += `[${m.head.kind}] ${m.head.name}\n`;
    else content += '\n---\n' + m.content;
  }
  let resources: Resource[];
  try {
    resources = cfg.kube.build(content, release.namespace);
  } catch (err) {
    return { deleted: [], kept: '', errors: [`unable to build kubernetes objects for delete: ${messageOf(err)}`] };
  }
  const { deleted, errors } = cfg.kube.delete(resources);
  return { deleted, kept, errors };
}
