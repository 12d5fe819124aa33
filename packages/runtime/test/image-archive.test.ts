// docker save / docker load: the OCI layout with docker's manifest.json, read back into an
// identical image; a damaged archive is refused whole.
import { extract } from 'tar-stream';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { digestOf, ImageArchiveError, importArchive, packTar, readTar, TarError } from '../src/index.ts';
import { saveArchive } from './support/archive.ts';
import { buildImage, memoryContext, newWorld } from './support/images.ts';

function builtWorld() {
  const world = newWorld();
  const built = buildImage(world, 'FROM busybox:1.36\nRUN mkdir /data && echo hello > /data/greeting && rm /bin/true\nCMD ["cat", "/data/greeting"]\n', memoryContext({}), { tags: ['my-app:1.0'] });
  return { world, image: built.image! };
}

/** Members of a tar as tar-stream (an independent implementation) reads them. */
async function members(archive: Uint8Array): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const parts: Buffer[] = [];
      stream.on('data', (c: unknown) => parts.push(c as Buffer));
      stream.on('end', () => {
        out.set(header.name, Buffer.concat(parts));
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  Readable.from([Buffer.from(archive)]).pipe(ex);
  await done;
  return out;
}

describe('docker save', () => {
  it('writes an OCI layout with docker\'s manifest.json, blobs named by their digests', async () => {
    const { world, image } = builtWorld();
    const files = await members(saveArchive(world.host.store, ['my-app:1.0']));
    expect(JSON.parse(files.get('oci-layout')!.toString())).toEqual({ imageLayoutVersion: '1.0.0' });
    const manifest = JSON.parse(files.get('manifest.json')!.toString());
    expect(manifest).toEqual([{ Config: `blobs/sha256/${image.id.slice(7)}`, RepoTags: ['my-app:1.0'], Layers: image.layers.map((l) => `blobs/sha256/${l.diffId.slice(7)}`) }]);
    const index = JSON.parse(files.get('index.json')!.toString());
    expect(index.manifests[0].annotations).toEqual({ 'io.containerd.image.name': 'docker.io/library/my-app:1.0', 'org.opencontainers.image.ref.name': '1.0' });
    for (const [name, bytes] of files) {
      if (name.startsWith('blobs/sha256/') && bytes.length > 0) expect(digestOf(new Uint8Array(bytes))).toBe(`sha256:${name.slice('blobs/sha256/'.length)}`);
    }
    // The whiteout for the deleted /bin/true is in the top layer's tarball.
    const top = readTar(new Uint8Array(files.get(`blobs/sha256/${image.layers[1]!.diffId.slice(7)}`)!));
    expect(top.map((e) => e.path)).toContain('bin/.wh.true');
  });

  it('writes the same bytes every time', () => {
    const a = builtWorld();
    const b = builtWorld();
    expect(digestOf(saveArchive(a.world.host.store, ['my-app:1.0']))).toBe(digestOf(saveArchive(b.world.host.store, ['my-app:1.0'])));
  });
});

describe('docker load', () => {
  it('round-trips: save, remove, load gives the same image, tag and files', () => {
    const { world, image } = builtWorld();
    const archive = saveArchive(world.host.store, ['my-app:1.0']);
    const other = newWorld(2);
    const result = importArchive(other.host.store, archive);
    expect(result.lines).toEqual(['Loaded image: my-app:1.0']);
    const loaded = other.host.store.resolve('my-app:1.0')!;
    expect(loaded.id).toBe(image.id);
    expect(loaded.layers.map((l) => l.diffId)).toEqual(image.layers.map((l) => l.diffId));
    expect(loaded.layers[1]!.tree.readText('/data/greeting')).toBe('hello\n');
    // Synthetic content comes back synthetic, not as megabytes of bytes.
    const filler = [...loaded.layers[0]!.tree.walk('/')].find((e) => e.path.endsWith('.bin'))!;
    expect(loaded.layers[0]!.tree.readContent(filler.path)).not.toBeInstanceOf(Uint8Array);
  });

  it('refuses a tampered layer and keeps nothing', () => {
    const { world } = builtWorld();
    const entries = readTar(saveArchive(world.host.store, ['my-app:1.0']));
    const layerEntry = entries.find((e) => e.path.startsWith('blobs/sha256/') && e.size > 10_000)!;
    const tampered = packTar(entries.map((e) => ({ header: e, ...(e.type === 'file' ? { content: e === layerEntry ? new Uint8Array(e.data).fill(7, 600, 700) : e.data } : {}) })));
    const other = newWorld();
    expect(() => importArchive(other.host.store, tampered)).toThrow(ImageArchiveError);
    expect(() => importArchive(other.host.store, tampered)).toThrow(/^invalid diffID for layer 0: expected "sha256:[0-9a-f]{64}", got "sha256:[0-9a-f]{64}"$/);
    expect(other.host.store.images()).toHaveLength(0);
  });

  it('refuses a truncated archive and one without manifest.json', () => {
    const { world } = builtWorld();
    const archive = saveArchive(world.host.store, ['my-app:1.0']);
    const other = newWorld();
    expect(() => importArchive(other.host.store, archive.subarray(0, 5000))).toThrow(TarError);
    expect(() => importArchive(other.host.store, packTar([{ header: { path: 'hello.txt', type: 'file', mode: 0o644, uid: 0, gid: 0, size: 2 }, content: new Uint8Array([104, 105]) }]))).toThrow(
      'open /var/lib/docker/tmp/docker-import/repositories: no such file or directory',
    );
    expect(() => importArchive(other.host.store, new TextEncoder().encode('this is not a tar archive at all'.repeat(40)))).toThrow(/invalid tar header/);
    expect(other.host.store.images()).toHaveLength(0);
  });
});
