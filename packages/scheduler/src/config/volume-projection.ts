// The files the kubelet puts into configMap, secret, downwardAPI and projected volumes
// (pkg/volume/configmap, secret, downwardapi, projected): every key, or only the listed `items`
// at their paths; each file's mode is the item's, else the volume's defaultMode (0644 = 420 by
// default). A missing ConfigMap or Secret (not optional) fails the mount with the kubelet's
// message; an optional one gives an empty directory. Secret values are written decoded.
//
// When the kubelet refreshes: mounted files follow changes to the ConfigMap or Secret on the
// kubelet's next sync of the pod (syncFrequency, 1 min, plus the watch's propagation: "as long as
// the kubelet sync period + cache propagation delay", docs: configure-pod-configmap), never for a
// subPath mount; environment variables never change. The kubelet calls `projectVolume` at each
// sync and writes the files atomically (the `..data` symlink swap).

import type { Container, Pod, Volume } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import type { DeepReadonly } from '../api/kinds.ts';
import { decodeGoBase64, encodeBase64Text } from '../api/go-base64.ts';
import { resourceValue } from './container-environment.ts';

/** The kubelet's --sync-frequency: how often each pod is synced, mounted config refreshed. */
export const KUBELET_SYNC_FREQUENCY_MS = 60_000;
/** The volume default mode, 0644. */
export const DEFAULT_VOLUME_MODE = 0o644;

export interface ProjectedFile {
  path: string;
  data: Uint8Array;
  mode: number;
}

export type ProjectionResult = { ok: true; files: ProjectedFile[] } | { ok: false; message: string };

class MountError extends Error {}

const text = (value: string) => new TextEncoder().encode(value);
const decoded = (value: string) => {
  const result = decodeGoBase64(value);
  return 'bytes' in result ? result.bytes : new Uint8Array();
};

interface KeySource {
  kind: 'configmap' | 'secret';
  name: string;
  optional: boolean;
  items: readonly DeepReadonly<{ key: string; path: string; mode?: number }>[] | undefined;
  mode: number | undefined;
}

function keyFiles(store: ApiStore, namespace: string, source: KeySource, defaultMode: number): ProjectedFile[] {
  let entries: Map<string, Uint8Array> | undefined;
  if (source.kind === 'configmap') {
    const cm = store.tryGet('ConfigMap', namespace, source.name);
    if (cm !== undefined) {
      entries = new Map([...Object.entries(cm.data ?? {}).map(([k, v]) => [k, text(v)] as const), ...Object.entries(cm.binaryData ?? {}).map(([k, v]) => [k, decoded(v)] as const)]);
    }
  } else {
    const secret = store.tryGet('Secret', namespace, source.name);
    if (secret !== undefined) entries = new Map(Object.entries(secret.data ?? {}).map(([k, v]) => [k, decoded(v)]));
  }
  if (entries === undefined) {
    if (source.optional) return [];
    throw new MountError(`${source.kind} "${source.name}" not found`);
  }
  const mode = source.mode ?? defaultMode;
  if (source.items === undefined || source.items.length === 0) {
    return [...entries.keys()].sort().map((key) => ({ path: key, data: entries.get(key)!, mode }));
  }
  const files: ProjectedFile[] = [];
  for (const item of source.items) {
    const data = entries.get(item.key);
    if (data === undefined) {
      if (source.optional) continue;
      throw new MountError(source.kind === 'configmap' ? `configmap references non-existent config key: ${item.key}` : `references non-existent secret key: ${item.key}`);
    }
    files.push({ path: item.path, data, mode: item.mode ?? mode });
  }
  return files;
}

function downwardFiles(pod: DeepReadonly<Pod>, items: readonly DeepReadonly<NonNullable<NonNullable<Volume['downwardAPI']>['items']>[number]>[], defaultMode: number): ProjectedFile[] {
  return items.map((item) => {
    let value = '';
    const path = item.fieldRef?.fieldPath;
    if (path === 'metadata.labels' || path === 'metadata.annotations') {
      const map = (path === 'metadata.labels' ? pod.metadata?.labels : pod.metadata?.annotations) ?? {};
      value = Object.keys(map).sort().map((k) => `${k}=${JSON.stringify(map[k])}`).join('\n');
    } else if (path !== undefined) {
      const meta = pod.metadata ?? {};
      const one = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      if (one !== null) value = (one[1] === 'labels' ? meta.labels : meta.annotations)?.[one[2]!] ?? '';
      else if (path === 'metadata.name') value = meta.name ?? '';
      else if (path === 'metadata.namespace') value = meta.namespace ?? '';
      else if (path === 'metadata.uid') value = meta.uid ?? '';
      else throw new MountError(`unsupported fieldPath: ${path}`);
    } else if (item.resourceFieldRef !== undefined) {
      const ref = item.resourceFieldRef;
      const container = pod.spec?.containers.find((c) => c.name === ref.containerName) as DeepReadonly<Container> | undefined;
      if (container === undefined) throw new MountError(`container ${ref.containerName} not found`);
      value = resourceValue(container, ref.resource, ref.divisor as string | undefined, undefined);
    }
    return { path: item.path, data: text(value), mode: item.mode ?? defaultMode };
  });
}

/** A stand-in service account token (the simulated cluster signs nothing). */
function serviceAccountToken(pod: DeepReadonly<Pod>, audience: string | undefined): string {
  const claims = JSON.stringify({ aud: [audience ?? 'https://kubernetes.default.svc.cluster.local'], sub: `system:serviceaccount:${pod.metadata?.namespace}:${pod.spec?.serviceAccountName ?? 'default'}` });
  const b64 = (s: string) => encodeBase64Text(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64('{"alg":"RS256","kid":"dockyard"}')}.${b64(claims)}.c2ltdWxhdGVk`;
}

/** The files of a pod volume of kind configMap, secret, downwardAPI or projected; undefined for other kinds. */
export function projectVolume(store: ApiStore, pod: DeepReadonly<Pod>, volume: DeepReadonly<Volume>): ProjectionResult | undefined {
  const namespace = pod.metadata?.namespace ?? 'default';
  try {
    if (volume.configMap !== undefined) {
      const v = volume.configMap;
      return { ok: true, files: keyFiles(store, namespace, { kind: 'configmap', name: v.name ?? '', optional: v.optional === true, items: v.items, mode: undefined }, v.defaultMode ?? DEFAULT_VOLUME_MODE) };
    }
    if (volume.secret !== undefined) {
      const v = volume.secret;
      return { ok: true, files: keyFiles(store, namespace, { kind: 'secret', name: v.secretName ?? '', optional: v.optional === true, items: v.items, mode: undefined }, v.defaultMode ?? DEFAULT_VOLUME_MODE) };
    }
    if (volume.downwardAPI !== undefined) return { ok: true, files: downwardFiles(pod, volume.downwardAPI.items ?? [], volume.downwardAPI.defaultMode ?? DEFAULT_VOLUME_MODE) };
    if (volume.projected !== undefined) {
      const mode = volume.projected.defaultMode ?? DEFAULT_VOLUME_MODE;
      const files: ProjectedFile[] = [];
      for (const source of volume.projected.sources ?? []) {
        if (source.configMap !== undefined) files.push(...keyFiles(store, namespace, { kind: 'configmap', name: source.configMap.name ?? '', optional: source.configMap.optional === true, items: source.configMap.items, mode: undefined }, mode));
        if (source.secret !== undefined) files.push(...keyFiles(store, namespace, { kind: 'secret', name: source.secret.name ?? '', optional: source.secret.optional === true, items: source.secret.items, mode: undefined }, mode));
        if (source.downwardAPI !== undefined) files.push(...downwardFiles(pod, source.downwardAPI.items ?? [], mode));
        if (source.serviceAccountToken !== undefined) files.push({ path: source.serviceAccountToken.path, data: text(serviceAccountToken(pod, source.serviceAccountToken.audience)), mode });
      }
      return { ok: true, files };
    }
    return undefined;
  } catch (error) {
    if (error instanceof MountError) return { ok: false, message: `MountVolume.SetUp failed for volume "${volume.name}" : ${error.message}` };
    throw error;
  }
}

export type AtomicWriterEntry =
  | { kind: 'dir'; path: string }
  | { kind: 'file'; path: string; data: Uint8Array; mode: number }
  | { kind: 'symlink'; path: string; target: string };

/**
 * How the kubelet's AtomicWriter lays the files out in the volume (pkg/volume/util/atomic_writer.go):
 * a timestamped directory `..2025_01_01_00_00_00.<random>` holding the files, `..data` pointing
 * at it, and one symlink per top-level name into `..data`. An update writes a new directory and
 * swaps `..data`, which is why `ls -la` in a pod shows symlinks and why readers never see half an
 * update. `suffix` is MkdirTemp's random number (draw it from the engine's random).
 */
export function atomicWriterLayout(files: readonly ProjectedFile[], rfc3339: string, suffix: string): AtomicWriterEntry[] {
  const stamp = `..${rfc3339.replace(/Z$/, '').replace(/[-T:]/g, '_')}.${suffix}`;
  const entries: AtomicWriterEntry[] = [{ kind: 'dir', path: stamp }];
  const tops = new Set<string>();
  for (const file of files) {
    const parts = file.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = `${stamp}/${parts.slice(0, i).join('/')}`;
      if (!entries.some((e) => e.path === dir)) entries.push({ kind: 'dir', path: dir });
    }
    entries.push({ kind: 'file', path: `${stamp}/${file.path}`, data: file.data, mode: file.mode });
    tops.add(parts[0]!);
  }
  entries.push({ kind: 'symlink', path: '..data', target: stamp });
  for (const top of [...tops].sort()) entries.push({ kind: 'symlink', path: top, target: `..data/${top}` });
  return entries;
}
