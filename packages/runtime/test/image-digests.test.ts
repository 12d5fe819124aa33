// Content addressing per the OCI image spec: layer DiffIDs are the sha256 of deterministic
// tarballs, the image ID the sha256 of the configuration, ChainIDs chain them; the same build
// gives the same digests in every run, and the catalog's cached digests are what hashing gives.
import { describe, expect, it } from 'vitest';
import { CATALOG, catalogFingerprint, catalogKey, computeCatalogDigests } from '../src/registry/catalog.ts';
import { CATALOG_DIGESTS } from '../src/registry/catalog-digests.ts';
import { chainIds, createLayer, type Digest, digestOf, FileTree, readTar, writeLayerTar } from '../src/index.ts';
import { buildImage, memoryContext, newWorld } from './support/images.ts';

describe('layer tarballs', () => {
  it('are ustar archives in tree order with mtime 0 and owners from the tree', () => {
    const tree = new FileTree();
    tree.mkdir('/app', { uid: 1000, gid: 1000 });
    tree.writeFile('/app/b.txt', 'b', { mode: 0o600, uid: 1000, gid: 1000 });
    tree.writeFile('/app/a.txt', 'a');
    tree.symlink('a.txt', '/app/link');
    const layer = createLayer(tree);
    expect(layer.size).toBe(512 * 4 + 512 * 2 + 1024);
    const bytes = new Uint8Array(layer.size);
    let offset = 0;
    writeLayerTar(tree, (c) => {
      bytes.set(c, offset);
      offset += c.length;
    });
    expect(digestOf(bytes)).toBe(layer.diffId);
    const entries = readTar(bytes);
    expect(entries.map((e) => [e.path, e.type, e.mode.toString(8), e.uid])).toEqual([
      ['app', 'dir', '755', 1000],
      ['app/a.txt', 'file', '644', 0],
      ['app/b.txt', 'file', '600', 1000],
      ['app/link', 'symlink', '777', 0],
    ]);
    // mtime field (offset 136) is all zeros in octal.
    expect(new TextDecoder().decode(bytes.subarray(136, 147))).toBe('00000000000');
  });

  it('long paths go into ustar\'s prefix or a PAX header and read back', () => {
    const tree = new FileTree();
    const deep = `/${'d'.repeat(90)}/${'e'.repeat(90)}`;
    tree.mkdir(deep, { recursive: true });
    tree.writeFile(`${deep}/file.txt`, 'x');
    tree.writeFile(`/${'n'.repeat(120)}`, 'y');
    const layer = createLayer(tree);
    const parts: number[] = [];
    writeLayerTar(tree, (c) => parts.push(...c));
    expect(readTar(new Uint8Array(parts)).map((e) => e.path)).toEqual([`${'d'.repeat(90)}`, `${'d'.repeat(90)}/${'e'.repeat(90)}`, `${'d'.repeat(90)}/${'e'.repeat(90)}/file.txt`, 'n'.repeat(120)]);
    expect(layer.diffId).toMatch(/^sha256:/);
  });
});

describe('image digests', () => {
  it('the image ID is the sha256 of the configuration JSON, which lists the DiffIDs', () => {
    const world = newWorld();
    const { image } = buildImage(world, 'FROM alpine:3.19\nRUN echo hi > /hi\nCMD ["cat", "/hi"]\n', memoryContext({}));
    expect(image!.id).toBe(digestOf(image!.configJson));
    expect(JSON.parse(image!.configJson).rootfs).toEqual({ type: 'layers', diff_ids: image!.layers.map((l) => l.diffId) });
  });

  it('are the same for the same build in another run and with another seed', () => {
    const dockerfile = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "index.js"]\n';
    const files = { 'package.json': '{"name":"x","version":"1.0.0","dependencies":{"express":"^4.19.2"}}', 'index.js': 'console.log(1)\n' };
    const a = buildImage(newWorld(1), dockerfile, memoryContext(files)).image!;
    const b = buildImage(newWorld(99), dockerfile, memoryContext(files)).image!;
    expect(b.layers.map((l) => l.diffId)).toEqual(a.layers.map((l) => l.diffId));
    expect(b.id).toBe(a.id);
  });

  it('ChainIDs follow the spec\'s recursion', () => {
    const ids: [Digest, Digest] = [`sha256:${'a'.repeat(64)}`, `sha256:${'b'.repeat(64)}`];
    expect(chainIds(ids)).toEqual([ids[0], digestOf(`${ids[0]} ${ids[1]}`)]);
  });
});

describe('the catalog\'s cached digests', () => {
  it('cover every catalog image and match its current layers', () => {
    for (const entry of CATALOG) {
      const cached = CATALOG_DIGESTS[catalogKey(entry)];
      expect(cached, `${catalogKey(entry)} has no cached digests: run pnpm --filter @dockyard/runtime catalog:digests`).toBeDefined();
      expect(cached!.fingerprint, `${catalogKey(entry)} changed: run pnpm --filter @dockyard/runtime catalog:digests`).toBe(catalogFingerprint(entry));
      expect(cached!.layers).toHaveLength(entry.layers);
    }
  });

  it.each(['busybox:latest', 'alpine:3.19', 'registry.k8s.io/pause:3.10', 'redis:7-alpine'])('hashing %s gives the cached digests', (key) => {
    const entry = CATALOG.find((e) => catalogKey(e) === key)!;
    expect(computeCatalogDigests(entry)).toEqual(CATALOG_DIGESTS[key]);
  });

  it('image sizes are the real images\' sizes', () => {
    for (const entry of CATALOG) {
      const size = CATALOG_DIGESTS[catalogKey(entry)]!.layers.reduce((n, [, , contentSize]) => n + contentSize, 0);
      expect(Math.abs(size - entry.sizeMB * 1e6) / (entry.sizeMB * 1e6), catalogKey(entry)).toBeLessThan(0.02);
    }
  });
});
