// Running a release's hooks for one event (pkg/action/hooks.go): by weight, then name; each hook's
// old copy deleted first (before-hook-creation, the default policy), created, and waited for (a
// Job until Complete, a Pod until Succeeded) on virtual time. Afterwards hook-succeeded hooks are
// deleted newest first; on a failure the failed hook goes if it is hook-failed, and the ones that
// already succeeded go if they are hook-succeeded. CustomResourceDefinitions are never deleted.

import type { HookEvent } from '../render/manifest-sorter.ts';
import type { ActionConfig } from './action-config.ts';
import { messageOf } from './kube-client.ts';
import type { Release, ReleaseHook } from './release.ts';
import { WaitCancelledError, type Waiter } from './waiter.ts';

export class HookError extends Error {
  override name = 'HookError';
}

/** hookByWeight, stable: weight, then name. */
function byWeight(a: ReleaseHook, b: ReleaseHook): number {
  if (a.weight !== b.weight) return a.weight - b.weight;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

async function deleteHookByPolicy(cfg: ActionConfig, release: Release, hook: ReleaseHook, policy: string, waiter: Waiter, timeoutMs: number): Promise<void> {
  if (hook.kind === 'CustomResourceDefinition' || !hook.deletePolicies.includes(policy)) return;
  let resources;
  try {
    resources = cfg.kube.build(hook.manifest, release.namespace);
  } catch (err) {
    throw new HookError(`unable to build kubernetes object for deleting hook ${hook.path}: ${messageOf(err)}`);
  }
  const { errors } = cfg.kube.delete(resources);
  if (errors.length > 0) throw new HookError(errors.join('; '));
  await waiter.waitForDelete(resources, timeoutMs);
}

/** execHook: runs every hook of `release` for `event`, recording each one's last run in storage. */
export async function execHook(cfg: ActionConfig, release: Release, event: HookEvent, waiter: Waiter, timeoutMs: number): Promise<void> {
  const executing = release.hooks.filter((h) => h.events.includes(event)).sort(byWeight);
  for (let i = 0; i < executing.length; i++) {
    const hook = executing[i]!;
    if (hook.deletePolicies.length === 0) hook.deletePolicies = ['before-hook-creation'];
    await deleteHookByPolicy(cfg, release, hook, 'before-hook-creation', waiter, timeoutMs);
    let resources;
    try {
      resources = cfg.kube.build(hook.manifest, release.namespace);
    } catch (err) {
      throw new HookError(`unable to build kubernetes object for ${event} hook ${hook.path}: ${messageOf(err)}`);
    }
    hook.lastRun = { startedAt: cfg.now(), completedAt: 0, phase: 'Running' };
    cfg.record(release);
    hook.lastRun.phase = 'Unknown';
    try {
      cfg.kube.create(resources);
    } catch (err) {
      hook.lastRun.completedAt = cfg.now();
      hook.lastRun.phase = 'Failed';
      throw new HookError(`warning: Hook ${event} ${hook.path} failed: ${messageOf(err)}`);
    }
    try {
      await waiter.watchUntilReady(resources, timeoutMs);
    } catch (err) {
      hook.lastRun.completedAt = cfg.now();
      hook.lastRun.phase = 'Failed';
      try {
        await deleteHookByPolicy(cfg, release, hook, 'hook-failed', waiter, timeoutMs);
      } catch (deleteError) {
        // helm logs a failure to delete the failed hook and reports the hook's own failure
        if (deleteError instanceof WaitCancelledError) throw deleteError;
      }
      for (const done of executing.slice(0, i)) await deleteHookByPolicy(cfg, release, done, 'hook-succeeded', waiter, timeoutMs);
      throw err;
    }
    hook.lastRun.completedAt = cfg.now();
    hook.lastRun.phase = 'Succeeded';
  }
  for (let i = executing.length - 1; i >= 0; i--) await deleteHookByPolicy(cfg, release, executing[i]!, 'hook-succeeded', waiter, timeoutMs);
}
