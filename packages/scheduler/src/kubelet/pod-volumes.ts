// A pod's volumes on its node, laid out as the kubelet lays them out: every volume is a directory
// under /var/lib/kubelet/pods/<uid>/volumes/<plugin>/<name> on the host, bind-mounted into the
// containers (subPath mounts a path inside it). emptyDir starts empty and lives as long as the pod;
// hostPath is the host's own path; configMap, secret, downwardAPI and projected volumes (the
// service account token every pod gets) are files written from the objects, with their modes; a
// missing ConfigMap or Secret fails the mount (FailedMount) and the pod waits in ContainerCreating.
// persistentVolumeClaim volumes keep their data in a directory of the node named after the claim.
// Projected files are laid out as the kubelet's AtomicWriter does (a timestamped directory, `..data`
// pointing at it, a symlink per name) and re-projected at each sync of a running pod: mounted
// ConfigMaps and Secrets follow updates within the sync period, environment variables never do.

import type { FileSystem, MountSpec } from '@dockyard/runtime';
import { fromBase64, fromRFC3339, toBase64, toRFC3339 } from '@dockyard/runtime';
import type { Container, Pod, Volume } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import type { DeepReadonly } from '../api/kinds.ts';
import { atomicWriterLayout } from '../config/volume-projection.ts';

export const PODS_DIR = '/var/lib/kubelet/pods';

export type VolumeSetup = { ok: true } | { ok: false; volume: string; message: string };

class MountError extends Error {}

function pluginOf(volume: DeepReadonly<Volume>): string {
  if (volume.emptyDir !== undefined) return 'kubernetes.io~empty-dir';
  if (volume.configMap !== undefined) return 'kubernetes.io~configmap';
  if (volume.secret !== undefined) return 'kubernetes.io~secret';
  if (volume.projected !== undefined) return 'kubernetes.io~projected';
  if (volume.downwardAPI !== undefined) return 'kubernetes.io~downward-api';
  return 'kubernetes.io~local-volume';
}

/** Where a volume's files are on the host. */
export function volumeHostPath(pod: DeepReadonly<Pod>, volume: DeepReadonly<Volume>): string {
  if (volume.hostPath !== undefined) return volume.hostPath.path;
  if (volume.persistentVolumeClaim !== undefined) return `/var/local-path-provisioner/${pod.metadata?.namespace}_${volume.persistentVolumeClaim.claimName}`;
  return `${PODS_DIR}/${pod.metadata?.uid}/volumes/${pluginOf(volume)}/${volume.name}`;
}

/** A placeholder service account token: a JWT's shape with the claims the real one carries. */
function serviceAccountToken(pod: DeepReadonly<Pod>, now: number): string {
  const encode = (value: unknown) => toBase64(new TextEncoder().encode(JSON.stringify(value))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  // Issued when the pod was created (stable across re-projections; the kubelet rotates it only near expiry).
  const created = pod.metadata?.creationTimestamp;
  const iat = 1735689600 + Math.floor((created === undefined ? now : fromRFC3339(created)) / 1000);
  const claims = {
    aud: ['https://kubernetes.default.svc.cluster.local'],
    exp: iat + 3607,
    iat,
    iss: 'https://kubernetes.default.svc.cluster.local',
    'kubernetes.io': { namespace: pod.metadata?.namespace, pod: { name: pod.metadata?.name, uid: pod.metadata?.uid }, serviceaccount: { name: pod.spec?.serviceAccountName ?? 'default' } },
    sub: `system:serviceaccount:${pod.metadata?.namespace}:${pod.spec?.serviceAccountName ?? 'default'}`,
  };
  return `${encode({ alg: 'RS256', kid: 'dockyard' })}.${encode(claims)}.${encode('signature')}`;
}

type Files = Map<string, { data: Uint8Array | string; mode: number }>;

function itemsOf(
  data: Record<string, string | Uint8Array>,
  items: readonly { key: string; path: string; mode?: number }[] | undefined,
  mode: number,
  describe: string,
  optional: boolean,
): Files {
  const files: Files = new Map();
  if (items === undefined || items.length === 0) {
    for (const key of Object.keys(data).sort()) files.set(key, { data: data[key]!, mode });
    return files;
  }
  for (const item of items) {
    if (!(item.key in data)) {
      if (optional) continue;
      throw new MountError(`configmap references non-existent config key: ${item.key}`.replace('configmap', describe));
    }
    files.set(item.path, { data: data[item.key]!, mode: item.mode ?? mode });
  }
  return files;
}

function configMapData(store: ApiStore, namespace: string, name: string, optional: boolean): Record<string, string | Uint8Array> | undefined {
  const cm = store.tryGet('ConfigMap', namespace, name);
  if (cm === undefined) {
    if (optional) return undefined;
    throw new MountError(`configmap "${name}" not found`);
  }
  const out: Record<string, string | Uint8Array> = { ...(cm.data ?? {}) };
  for (const [key, value] of Object.entries(cm.binaryData ?? {})) out[key] = fromBase64(value);
  return out;
}

function secretData(store: ApiStore, namespace: string, name: string, optional: boolean): Record<string, Uint8Array> | undefined {
  const secret = store.tryGet('Secret', namespace, name);
  if (secret === undefined) {
    if (optional) return undefined;
    throw new MountError(`secret "${name}" not found`);
  }
  const out: Record<string, Uint8Array> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) out[key] = fromBase64(value);
  return out;
}

function fieldValue(pod: DeepReadonly<Pod>, path: string): string {
  const meta = pod.metadata ?? {};
  if (path === 'metadata.namespace') return meta.namespace ?? '';
  if (path === 'metadata.name') return meta.name ?? '';
  if (path === 'metadata.uid') return meta.uid ?? '';
  if (path === 'metadata.labels' || path === 'metadata.annotations') {
    const map = (path === 'metadata.labels' ? meta.labels : meta.annotations) ?? {};
    return Object.keys(map)
      .sort()
      .map((k) => `${k}=${JSON.stringify(map[k])}`)
      .join('\n');
  }
  return '';
}

/** The files of a configMap, secret, downwardAPI or projected volume, or a MountError. */
function projectedFiles(store: ApiStore, pod: DeepReadonly<Pod>, volume: DeepReadonly<Volume>, now: number): Files {
  const namespace = pod.metadata?.namespace ?? 'default';
  if (volume.configMap !== undefined) {
    const source = volume.configMap;
    const data = configMapData(store, namespace, source.name ?? '', source.optional === true);
    return data === undefined ? new Map() : itemsOf(data, source.items, source.defaultMode ?? 0o644, 'configmap', source.optional === true);
  }
  if (volume.secret !== undefined) {
    const source = volume.secret;
    const data = secretData(store, namespace, source.secretName ?? '', source.optional === true);
    return data === undefined ? new Map() : itemsOf(data, source.items, source.defaultMode ?? 0o644, 'secret', source.optional === true);
  }
  if (volume.downwardAPI !== undefined) {
    const files: Files = new Map();
    for (const item of volume.downwardAPI.items ?? []) {
      if (item.fieldRef !== undefined) files.set(item.path, { data: fieldValue(pod, item.fieldRef.fieldPath), mode: item.mode ?? volume.downwardAPI.defaultMode ?? 0o644 });
    }
    return files;
  }
  const files: Files = new Map();
  const mode = volume.projected?.defaultMode ?? 0o644;
  for (const source of volume.projected?.sources ?? []) {
    if (source.serviceAccountToken !== undefined) files.set(source.serviceAccountToken.path, { data: serviceAccountToken(pod, now), mode: 0o600 });
    if (source.configMap !== undefined) {
      const data = configMapData(store, namespace, source.configMap.name ?? '', source.configMap.optional === true);
      if (data !== undefined) for (const [path, file] of itemsOf(data, source.configMap.items, mode, 'configmap', source.configMap.optional === true)) files.set(path, file);
    }
    if (source.secret !== undefined) {
      const data = secretData(store, namespace, source.secret.name ?? '', source.secret.optional === true);
      if (data !== undefined) for (const [path, file] of itemsOf(data, source.secret.items, mode, 'secret', source.secret.optional === true)) files.set(path, file);
    }
    for (const item of source.downwardAPI?.items ?? []) {
      if (item.fieldRef !== undefined) files.set(item.path, { data: fieldValue(pod, item.fieldRef.fieldPath), mode: item.mode ?? mode });
    }
  }
  return files;
}

/**
 * Sets up every volume of the pod on the host; with `refresh` (a later sync of a running pod),
 * re-projects the files of configMap, secret, downwardAPI and projected volumes, leaving a volume
 * as it was when its source is gone (the kubelet keeps the last files and retries). `suffix` is
 * the random number of MkdirTemp's timestamped directory.
 */
export function setUpPodVolumes(store: ApiStore, pod: DeepReadonly<Pod>, host: FileSystem, now: number, suffix: () => string, refresh = false): VolumeSetup {
  for (const volume of pod.spec?.volumes ?? []) {
    const path = volumeHostPath(pod, volume);
    const writesFiles = volume.configMap !== undefined || volume.secret !== undefined || volume.downwardAPI !== undefined || volume.projected !== undefined;
    if (!writesFiles) {
      if (host.stat(path) === undefined) host.mkdir(path, { recursive: true, ...(volume.emptyDir !== undefined ? { mode: 0o777 } : {}) });
      continue;
    }
    let files: Files;
    try {
      files = projectedFiles(store, pod, volume, now);
    } catch (error) {
      if (!(error instanceof MountError)) throw error;
      if (refresh) continue;
      return { ok: false, volume: volume.name, message: `MountVolume.SetUp failed for volume ${JSON.stringify(volume.name)} : ${error.message}` };
    }
    writeAtomically(host, path, files, toRFC3339(now), suffix);
  }
  return { ok: true };
}

/** The AtomicWriter: writes the files only when they differ from what `..data` shows; swaps `..data`. */
function writeAtomically(host: FileSystem, dir: string, files: Files, rfc3339: string, suffix: () => string): void {
  const current = host.lstat(`${dir}/..data`)?.kind === 'symlink' ? host.readlink(`${dir}/..data`) : undefined;
  const list = [...files].map(([path, { data, mode }]) => ({ path, data: typeof data === 'string' ? new TextEncoder().encode(data) : data, mode }));
  if (current !== undefined && sameFiles(host, `${dir}/${current}`, list)) return;
  host.mkdir(dir, { recursive: true });
  const tops = new Set<string>();
  for (const entry of atomicWriterLayout(list, rfc3339, suffix())) {
    const target = `${dir}/${entry.path}`;
    if (entry.kind === 'dir') host.mkdir(target, { recursive: true });
    else if (entry.kind === 'file') host.writeFile(target, entry.data, { mode: entry.mode });
    else if (entry.path === '..data') {
      if (host.lstat(target) !== undefined) host.remove(target);
      host.symlink(entry.target, target);
    } else {
      tops.add(entry.path);
      if (host.lstat(target) === undefined) host.symlink(entry.target, target);
    }
  }
  for (const name of host.readdir(dir)) if (!name.startsWith('..') && !tops.has(name)) host.remove(`${dir}/${name}`, { recursive: true, force: true });
  if (current !== undefined) host.remove(`${dir}/${current}`, { recursive: true, force: true });
}

function sameFiles(host: FileSystem, dir: string, files: readonly { path: string; data: Uint8Array; mode: number }[]): boolean {
  const present: string[] = [];
  const walk = (sub: string) => {
    for (const name of host.readdir(`${dir}${sub}`)) {
      const kind = host.lstat(`${dir}${sub}/${name}`)?.kind;
      if (kind === 'dir') walk(`${sub}/${name}`);
      else present.push(`${sub}/${name}`.slice(1));
    }
  };
  walk('');
  if (present.length !== files.length) return false;
  return files.every((f) => {
    const stat = host.lstat(`${dir}/${f.path}`);
    if (stat?.kind !== 'file' || (stat.mode & 0o7777) !== f.mode) return false;
    const bytes = host.readFile(`${dir}/${f.path}`);
    return bytes.length === f.data.length && bytes.every((b, i) => b === f.data[i]);
  });
}

/** The bind mounts of a container's volumeMounts. */
export function containerMounts(pod: DeepReadonly<Pod>, container: DeepReadonly<Container>): MountSpec[] {
  const mounts: MountSpec[] = [];
  for (const mount of container.volumeMounts ?? []) {
    const volume = pod.spec?.volumes?.find((v) => v.name === mount.name);
    if (volume === undefined) continue;
    const base = volumeHostPath(pod, volume);
    const source = mount.subPath ? `${base}/${mount.subPath}` : base;
    mounts.push({ type: 'bind', source, target: mount.mountPath, readOnly: mount.readOnly === true });
  }
  return mounts;
}

/** Removes the pod's directory (its emptyDirs and projected files) once the pod is gone. */
export function tearDownPodVolumes(uid: string, host: FileSystem): void {
  host.remove(`${PODS_DIR}/${uid}`, { recursive: true, force: true });
}
