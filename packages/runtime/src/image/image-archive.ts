// `docker save` and `docker load` archives, in the format Docker Engine 25+ writes with the
// classic image store: an OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/…`) that
// also carries docker's legacy `manifest.json`. Layers are stored uncompressed, so each layer
// blob's name is its DiffID. Loading checks every digest before anything is stored: a damaged
// archive changes nothing.

import { type Digest, digestOf, DigestWriter } from './digest.ts';
import type { Image, ImageLayer } from './image.ts';
import { imageFromConfig, type ImageStore } from './image-store.ts';
import { treeFromTarEntries, writeLayerTar } from './layer.ts';
import { imageManifest, MEDIA_TYPE } from './manifest.ts';
import { familiarString, fullString, parseReference } from './reference.ts';
import { readTar, TarError, type TarHeader, TarWriter } from './tar.ts';

/** One member of the archive: its path and how to write its bytes (layers are streamed). */
export interface ArchiveFile {
  path: string;
  /** Directories have no content. */
  type: 'file' | 'dir';
  size: number;
  write(sink: (chunk: Uint8Array) => void): void;
}

export class ImageArchiveError extends Error {
  override name = 'ImageArchiveError';
}

const encoder = new TextEncoder();

function textFile(path: string, text: string): ArchiveFile {
  const bytes = encoder.encode(text);
  return { path, type: 'file', size: bytes.length, write: (sink) => sink(bytes) };
}

/**
 * The members of `docker save` for these references (tags, IDs), in the order docker writes them
 * (sorted paths). Throws ImageArchiveError for a reference the store lacks.
 */
export function exportImages(store: ImageStore, references: readonly string[]): ArchiveFile[] {
  const entries: { image: Image; tags: string[] }[] = [];
  for (const reference of references) {
    const image = store.resolve(reference);
    if (image === undefined) throw new ImageArchiveError(`No such image: ${reference}`);
    const hex = reference.replace(/^sha256:/, '');
    const byId = /^[0-9a-f]+$/.test(hex) && image.id.startsWith(`sha256:${hex}`);
    const tags = byId ? [] : [familiarString(parseReference(reference))];
    const existing = entries.find((e) => e.image.id === image.id);
    if (existing) existing.tags.push(...tags.filter((t) => !existing.tags.includes(t)));
    else entries.push({ image, tags });
  }
  const blobs = new Map<string, ArchiveFile>();
  const index: unknown[] = [];
  const manifests: unknown[] = [];
  for (const { image, tags } of entries) {
    for (const layer of image.layers) blobs.set(layer.diffId, layerFile(layer));
    blobs.set(image.id, textFile(blobPath(image.id), image.configJson));
    const manifest = imageManifest(image);
    blobs.set(manifest.digest, textFile(blobPath(manifest.digest), manifest.json));
    const descriptor = { mediaType: MEDIA_TYPE.manifest, digest: manifest.digest, size: manifest.size };
    if (tags.length === 0) index.push(descriptor);
    for (const tag of tags) {
      const ref = parseReference(tag);
      index.push({ ...descriptor, annotations: { 'io.containerd.image.name': fullString(ref), 'org.opencontainers.image.ref.name': ref.tag ?? 'latest' } });
    }
    manifests.push({ Config: blobPath(image.id), RepoTags: tags.length > 0 ? tags : null, Layers: image.layers.map((l) => blobPath(l.diffId)) });
  }
  const dir = (path: string): ArchiveFile => ({ path, type: 'dir', size: 0, write: () => {} });
  return [
    dir('blobs'),
    dir('blobs/sha256'),
    ...[...blobs.keys()].sort().map((d) => blobs.get(d)!),
    textFile('index.json', `${JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPE.index, manifests: index })}\n`),
    textFile('manifest.json', `${JSON.stringify(manifests)}\n`),
    textFile('oci-layout', `{"imageLayoutVersion":"1.0.0"}`),
  ];
}

function blobPath(digest: string): string {
  return `blobs/sha256/${digest.slice('sha256:'.length)}`;
}

function layerFile(layer: ImageLayer): ArchiveFile {
  return { path: blobPath(layer.diffId), type: 'file', size: layer.size, write: (sink) => writeLayerTar(layer.tree, sink) };
}

/** Tar headers for archive members (root-owned, mtime 0 like docker's manifest.json). */
function archiveHeader(file: ArchiveFile): TarHeader {
  return { path: file.path, type: file.type, mode: file.type === 'dir' ? 0o755 : 0o644, uid: 0, gid: 0, size: file.size };
}

/** Bytes the archive of these members takes (every path fits a ustar header). */
export function archiveSize(files: readonly ArchiveFile[]): number {
  return files.reduce((n, f) => n + 512 + Math.ceil(f.size / 512) * 512, 1024);
}

/** Writes `docker save`'s tar of these members to `sink`, streaming each layer as it is made. */
export function writeImageArchive(files: readonly ArchiveFile[], sink: (chunk: Uint8Array) => void): void {
  const writer = new TarWriter(sink);
  for (const file of files) {
    if (file.type === 'dir') writer.add(archiveHeader(file));
    else writer.addStream(archiveHeader(file), (s) => file.write(s));
  }
  writer.finish();
}

/** The whole archive in one buffer of exactly its size. */
export function packImageArchive(files: readonly ArchiveFile[]): Uint8Array {
  const out = new Uint8Array(archiveSize(files));
  let offset = 0;
  writeImageArchive(files, (chunk) => {
    out.set(chunk, offset);
    offset += chunk.length;
  });
  return out;
}

export interface ImportResult {
  images: Image[];
  /** docker's lines: `Loaded image: my-app:1.0`, or `Loaded image ID: sha256:…` for untagged ones. */
  lines: string[];
}

/**
 * `docker load`: reads archive members (path → bytes) and stores the images and tags. Every
 * blob's digest, every DiffID and the configuration are checked first; on any error nothing is
 * stored. `known` finds layers the world already holds so their tarballs need not be unpacked.
 */
export function importImages(store: ImageStore, files: ReadonlyMap<string, Uint8Array>): ImportResult {
  const read = (path: string): Uint8Array => {
    const bytes = files.get(path);
    if (bytes === undefined) throw new ImageArchiveError(`open /var/lib/docker/tmp/docker-import/${path}: no such file or directory`);
    return bytes;
  };
  const manifestBytes = files.get('manifest.json');
  if (manifestBytes === undefined) {
    throw new ImageArchiveError('open /var/lib/docker/tmp/docker-import/repositories: no such file or directory');
  }
  let entries: { Config: string; RepoTags: string[] | null; Layers: string[] }[];
  try {
    entries = JSON.parse(new TextDecoder().decode(manifestBytes));
    if (!Array.isArray(entries)) throw new SyntaxError('not an array');
  } catch (error) {
    throw new ImageArchiveError(`invalid manifest.json: ${(error as Error).message}`);
  }
  const staged: { image: Image; tags: string[] }[] = [];
  for (const entry of entries) {
    if (typeof entry?.Config !== 'string' || !Array.isArray(entry.Layers)) throw new ImageArchiveError('invalid manifest.json: an entry lacks Config or Layers');
    const configBytes = read(entry.Config);
    const configDigest = digestOf(configBytes);
    const named = entry.Config.split('/').pop()!.replace(/\.json$/, '');
    if (configDigest !== `sha256:${named}` && named.length === 64) throw new ImageArchiveError(`invalid checksum for ${entry.Config}: expected sha256:${named}, got ${configDigest}`);
    const configJson = new TextDecoder().decode(configBytes);
    let diffIds: string[];
    try {
      diffIds = (JSON.parse(configJson) as { rootfs: { diff_ids: string[] } }).rootfs.diff_ids;
    } catch {
      throw new ImageArchiveError(`invalid image config ${entry.Config}`);
    }
    if (diffIds.length !== entry.Layers.length) throw new ImageArchiveError(`invalid manifest, layers length mismatch: expected ${diffIds.length}, got ${entry.Layers.length}`);
    const layers: ImageLayer[] = entry.Layers.map((path, i) => {
      const bytes = read(path);
      const writer = new DigestWriter();
      writer.write(bytes);
      const actual = writer.digest();
      if (actual !== diffIds[i]) throw new ImageArchiveError(`invalid diffID for layer ${i}: expected "${diffIds[i]}", got "${actual}"`);
      const known = store.layers.get(actual);
      if (known !== undefined) return known;
      let tree;
      try {
        tree = treeFromTarEntries(readTar(bytes));
      } catch (error) {
        if (error instanceof TarError) throw new ImageArchiveError(`layer ${i} (${path}): ${error.message}`);
        throw error;
      }
      let contentSize = 0;
      for (const { stat } of tree.walk('/')) if (stat.kind === 'file') contentSize += stat.size;
      return { diffId: actual as Digest, size: bytes.length, contentSize, tree };
    });
    const tags = (entry.RepoTags ?? []).map((t) => {
      try {
        return familiarString(parseReference(t));
      } catch {
        throw new ImageArchiveError(`invalid tag ${JSON.stringify(t)} in manifest.json`);
      }
    });
    staged.push({ image: imageFromConfig(configJson, layers), tags });
  }
  const lines: string[] = [];
  const images: Image[] = [];
  for (const { image, tags } of staged) {
    const stored = store.add(image);
    images.push(stored);
    for (const tag of tags) {
      store.tag(stored, tag);
      lines.push(`Loaded image: ${tag}`);
    }
    if (tags.length === 0) lines.push(`Loaded image ID: ${stored.id}`);
  }
  return { images, lines };
}

/** `docker load` of a whole archive held in memory (the browser's way; the CLI streams from disk). */
export function importArchive(store: ImageStore, archive: Uint8Array): ImportResult {
  const files = new Map<string, Uint8Array>();
  for (const entry of readTar(archive)) if (entry.type === 'file') files.set(entry.path, entry.data);
  return importImages(store, files);
}
