// A pod's volumes on its node, laid out as the kubelet lays them out: every volume is a directory
// under /var/lib/kubelet/pods/<uid>/volumes/<plugin>/<name> on the host, bind-mounted into the
// containers (subPath mounts a path inside it). emptyDir starts empty and lives as long as the pod;
// hostPath is the host's own path; a persistentVolumeClaim is the directory its bound volume names
// (`claimMount`: local-path's pvc-… directory on the node, so the data outlives the pod).
// configMap, secret, downwardAPI and projected volumes hold the files `projectVolume` gives,
// written by the AtomicWriter's layout (`atomicWriterLayout`: a timestamped directory, `..data`
// pointing at it, a symlink per top-level name). Each sync of the pod writes them again when they
// changed, by swapping `..data`, so a mounted ConfigMap follows the object within a sync period
// (the kubelet also syncs every pod that mounts a changed object at its next periodic sync); a
// subPath mount holds what the path held when the container started and never changes. A missing
// ConfigMap, Secret or unbound claim fails the mount (FailedMount) and the pod waits in
// ContainerCreating.

import type { FileSystem, MountSpec } from '@dockyard/runtime';
import { toRFC3339 } from '@dockyard/runtime';
import type { Container, Pod, Volume } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import type { DeepReadonly } from '../api/kinds.ts';
import { atomicWriterLayout, type ProjectedFile, projectVolume } from '../config/volume-projection.ts';
import { claimMount } from '../storage/scheduler-volume-binder.ts';

export const PODS_DIR = '/var/lib/kubelet/pods';

/** The AtomicWriter's link to the current files. */
const DATA_LINK = '..data';

export type VolumeSetup = { ok: true } | { ok: false; volume: string; message: string };

function pluginOf(volume: DeepReadonly<Volume>): string {
  if (volume.emptyDir !== undefined) return 'kubernetes.io~empty-dir';
  if (volume.configMap !== undefined) return 'kubernetes.io~configmap';
  if (volume.secret !== undefined) return 'kubernetes.io~secret';
  if (volume.projected !== undefined) return 'kubernetes.io~projected';
  if (volume.downwardAPI !== undefined) return 'kubernetes.io~downward-api';
  return 'kubernetes.io~local-volume';
}

const writesFiles = (volume: DeepReadonly<Volume>) => volume.configMap !== undefined || volume.secret !== undefined || volume.downwardAPI !== undefined || volume.projected !== undefined;

/** Where the files of a volume that is not a claim are on the host. */
function volumeHostPath(pod: DeepReadonly<Pod>, volume: DeepReadonly<Volume>): string {
  if (volume.hostPath !== undefined) return volume.hostPath.path;
  return `${PODS_DIR}/${pod.metadata?.uid}/volumes/${pluginOf(volume)}/${volume.name}`;
}

/** MkdirTemp's random suffix, drawn from what the write is about instead of the engine's random (which would shift every later draw). */
function stampSuffix(key: string): string {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619) >>> 0;
  return String(hash);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Files under `dir`, as paths relative to it. */
function filesUnder(host: FileSystem, dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of host.readdir(dir)) {
    const path = `${dir}/${name}`;
    if (host.lstat(path)?.kind === 'dir') out.push(...filesUnder(host, path, `${prefix}${name}/`));
    else out.push(prefix + name);
  }
  return out;
}

/** Whether the volume's current files are exactly `files` (names, bytes and modes). */
function holds(host: FileSystem, dir: string, files: readonly ProjectedFile[]): boolean {
  if (host.lstat(`${dir}/${DATA_LINK}`) === undefined) return false;
  const current = `${dir}/${host.readlink(`${dir}/${DATA_LINK}`)}`;
  const names = filesUnder(host, current).sort();
  if (names.join('\n') !== files.map((f) => f.path).sort().join('\n')) return false;
  return files.every((f) => sameBytes(host.readFile(`${current}/${f.path}`), f.data) && (host.stat(`${current}/${f.path}`)!.mode & 0o7777) === f.mode);
}

/** Writes `files` into the volume directory as the AtomicWriter does: a new timestamped directory, then `..data` swapped to it. */
function writeAtomically(host: FileSystem, dir: string, files: readonly ProjectedFile[], now: number): void {
  const stamp = toRFC3339(now);
  const layout = atomicWriterLayout(files, stamp, stampSuffix(`${dir}@${now}`));
  const old = host.lstat(`${dir}/${DATA_LINK}`) === undefined ? undefined : host.readlink(`${dir}/${DATA_LINK}`);
  // The volume's own directory is world-writable, as the emptyDir the kubelet wraps it in.
  if (host.stat(dir) === undefined) host.mkdir(dir, { recursive: true, mode: 0o777 });
  const tops = new Set<string>();
  for (const entry of layout) {
    const path = `${dir}/${entry.path}`;
    if (entry.kind === 'dir') host.mkdir(path, { recursive: true });
    else if (entry.kind === 'file') host.writeFile(path, entry.data, { mode: entry.mode });
    else if (entry.path === DATA_LINK) {
      host.symlink(entry.target, `${dir}/..data_tmp`);
      host.rename(`${dir}/..data_tmp`, path);
    } else {
      tops.add(entry.path);
      if (host.lstat(path) === undefined) host.symlink(entry.target, path);
    }
  }
  // Names gone from the payload lose their links; the old directory goes.
  for (const name of host.readdir(dir)) {
    if (!name.startsWith('..') && !tops.has(name)) host.remove(`${dir}/${name}`, { force: true });
  }
  if (old !== undefined && old !== layout[0]!.path) host.remove(`${dir}/${old}`, { recursive: true, force: true });
}

/** Sets up every volume of the pod on the host (idempotent: existing directories are kept). */
export function setUpPodVolumes(store: ApiStore, pod: DeepReadonly<Pod>, host: FileSystem, now: number): VolumeSetup {
  for (const volume of pod.spec?.volumes ?? []) {
    if (volume.persistentVolumeClaim !== undefined) {
      const claim = claimMount(store, pod, volume)!;
      if (!claim.ok) return { ok: false, volume: volume.name, message: `MountVolume.SetUp failed for volume ${JSON.stringify(volume.name)} : ${claim.message}` };
      if (host.stat(claim.hostPath) === undefined) host.mkdir(claim.hostPath, { recursive: true, mode: 0o777 });
      continue;
    }
    const path = volumeHostPath(pod, volume);
    if (!writesFiles(volume)) {
      if (host.stat(path) === undefined) host.mkdir(path, { recursive: true, ...(volume.emptyDir !== undefined ? { mode: 0o777 } : {}) });
      continue;
    }
    const projection = projectVolume(store, pod, volume)!;
    if (!projection.ok) return { ok: false, volume: volume.name, message: projection.message };
    if (!holds(host, path, projection.files)) writeAtomically(host, path, projection.files, now);
  }
  return { ok: true };
}

/** A sync of a running pod: rewrites the file volumes whose objects changed (one that cannot be read now keeps its files). */
export function refreshPodVolumes(store: ApiStore, pod: DeepReadonly<Pod>, host: FileSystem, now: number): void {
  for (const volume of pod.spec?.volumes ?? []) {
    if (!writesFiles(volume)) continue;
    const path = volumeHostPath(pod, volume);
    const projection = projectVolume(store, pod, volume)!;
    if (projection.ok && !holds(host, path, projection.files)) writeAtomically(host, path, projection.files, now);
  }
}

/** Whether the pod mounts the ConfigMap or Secret `name` as files. */
export function mountsObject(pod: DeepReadonly<Pod>, kind: 'ConfigMap' | 'Secret', name: string): boolean {
  return (pod.spec?.volumes ?? []).some((v) => {
    if (kind === 'ConfigMap') return v.configMap?.name === name || (v.projected?.sources ?? []).some((s) => s.configMap?.name === name);
    return v.secret?.secretName === name || (v.projected?.sources ?? []).some((s) => s.secret?.name === name);
  });
}

/** Copies a file or a directory tree (following links) from `from` to `to` on the host. */
function copyTree(host: FileSystem, from: string, to: string): void {
  const stat = host.stat(from);
  if (stat === undefined) return;
  if (stat.kind === 'dir') {
    host.mkdir(to, { recursive: true, mode: stat.mode & 0o7777 });
    for (const name of host.readdir(from)) if (!name.startsWith('..')) copyTree(host, `${from}/${name}`, `${to}/${name}`);
  } else {
    host.mkdir(to.slice(0, to.lastIndexOf('/')), { recursive: true });
    host.writeFile(to, host.readFile(from), { mode: stat.mode & 0o7777 });
  }
}

/**
 * The bind mounts of a container's volumeMounts. A subPath into a ConfigMap, Secret, downwardAPI
 * or projected volume is what that path holds now, pinned under volume-subpaths/ (the kubelet
 * bind-mounts it there), so later updates of the volume never reach it.
 */
export function containerMounts(store: ApiStore, pod: DeepReadonly<Pod>, container: DeepReadonly<Container>, host: FileSystem): MountSpec[] {
  const mounts: MountSpec[] = [];
  (container.volumeMounts ?? []).forEach((mount, index) => {
    const volume = pod.spec?.volumes?.find((v) => v.name === mount.name);
    if (volume === undefined) return;
    const claim = claimMount(store, pod, volume);
    if (claim?.ok === false) return;
    const base = claim?.ok === true ? claim.hostPath : volumeHostPath(pod, volume);
    let source = mount.subPath ? `${base}/${mount.subPath}` : base;
    if (mount.subPath && writesFiles(volume)) {
      const pinned = `${PODS_DIR}/${pod.metadata?.uid}/volume-subpaths/${volume.name}/${container.name}/${index}`;
      host.remove(pinned, { recursive: true, force: true });
      copyTree(host, source, pinned);
      source = pinned;
    }
    mounts.push({ type: 'bind', source, target: mount.mountPath, readOnly: mount.readOnly === true || claim?.readOnly === true });
  });
  return mounts;
}

/** Removes the pod's directory (its emptyDirs and projected files) once the pod is gone. */
export function tearDownPodVolumes(uid: string, host: FileSystem): void {
  host.remove(`${PODS_DIR}/${uid}`, { recursive: true, force: true });
}
