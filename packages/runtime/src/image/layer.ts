// A layer: a file tree (the diff a build step or a base image adds, with OCI whiteouts) and the
// uncompressed tarball that represents it. The tarball's sha256 is the layer's DiffID, and since
// Dockyard's registries and `docker save` keep layers uncompressed, also its blob digest.
//
// Synthetic files (big content that is generated, never held) carry a PAX record
// `DOCKYARD.synthetic=<seed>` so that `docker load` can turn them back into synthetic content
// instead of hundreds of megabytes of bytes; the record is part of the tarball and its digest.

import { contentChunks, type FileContent } from '../fs/file-system.ts';
import { FileTree } from '../fs/file-tree.ts';
import { DigestWriter, type Digest } from './digest.ts';
import type { ImageLayer } from './image.ts';
import { type TarEntry, type TarHeader, TarWriter } from './tar.ts';

export const SYNTHETIC_PAX_KEY = 'DOCKYARD.synthetic';

/** The archive entries of a tree, in tar order, without the root directory. */
export function* layerTarEntries(tree: FileTree): Generator<{ header: TarHeader; content?: FileContent }> {
  for (const { path, stat } of tree.walk('/')) {
    if (path === '/') continue;
    const header: TarHeader = { path: path.slice(1), type: stat.kind, mode: stat.mode, uid: stat.uid, gid: stat.gid, size: 0 };
    if (stat.kind === 'symlink') {
      yield { header: { ...header, linkname: stat.target! } };
    } else if (stat.kind === 'file') {
      const content = tree.readContent(path);
      header.size = stat.size;
      if (!(content instanceof Uint8Array)) header.pax = { [SYNTHETIC_PAX_KEY]: content.seed };
      yield { header, content };
    } else {
      yield { header };
    }
  }
}

/** Streams a tree's tarball into `sink`. */
export function writeLayerTar(tree: FileTree, sink: (chunk: Uint8Array) => void): void {
  const writer = new TarWriter(sink);
  for (const { header, content } of layerTarEntries(tree)) writer.add(header, content);
  writer.finish();
}

/** Bytes of regular files, as docker reports a layer's size (`docker history`, `docker images`). */
export function treeContentSize(tree: FileTree): number {
  let size = 0;
  for (const { stat } of tree.walk('/')) if (stat.kind === 'file') size += stat.size;
  return size;
}

/** A layer whose tree is at hand; digest and sizes are computed once, now. */
export function createLayer(tree: FileTree): ImageLayer {
  const writer = new DigestWriter();
  writeLayerTar(tree, (chunk) => writer.write(chunk));
  return { diffId: writer.digest(), size: writer.size, contentSize: treeContentSize(tree), tree };
}

/** A layer whose tree is made only when something reads it (a base image's layers from the catalog). */
export function lazyLayer(diffId: Digest, size: number, contentSize: number, makeTree: () => FileTree): ImageLayer {
  let tree: FileTree | undefined;
  return {
    diffId,
    size,
    contentSize,
    get tree() {
      tree ??= makeTree();
      return tree;
    },
  };
}

/**
 * A tree from a layer tarball's entries. Synthetic files are checked against their seed before
 * they become synthetic again; a mismatch keeps the bytes as they are.
 */
export function treeFromTarEntries(entries: readonly TarEntry[]): FileTree {
  const tree = new FileTree();
  for (const entry of entries) {
    if (entry.path === '') continue;
    const parts = entry.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (tree.entryAt(parts.slice(0, i)) === undefined) tree.putEntry(parts.slice(0, i), { kind: 'dir', meta: { mode: 0o755, uid: 0, gid: 0 } });
    }
    const meta = { mode: entry.mode, uid: entry.uid, gid: entry.gid };
    const existing = tree.entryAt(parts);
    if (entry.type === 'dir') {
      if (existing?.kind === 'dir') tree.setMeta(parts, meta);
      else tree.putEntry(parts, { kind: 'dir', meta });
    } else if (entry.type === 'symlink') {
      tree.putEntry(parts, { kind: 'symlink', meta, target: entry.linkname ?? '' });
    } else {
      const seed = entry.pax?.[SYNTHETIC_PAX_KEY];
      const content: FileContent = seed !== undefined && matchesSynthetic(entry.data, seed) ? { size: entry.size, seed } : entry.data.slice();
      tree.putEntry(parts, { kind: 'file', meta, content });
    }
  }
  return tree;
}

function matchesSynthetic(data: Uint8Array, seed: string): boolean {
  let offset = 0;
  for (const chunk of contentChunks({ size: data.length, seed })) {
    for (let i = 0; i < chunk.length; i++) if (chunk[i] !== data[offset + i]) return false;
    offset += chunk.length;
  }
  return true;
}
