import { describe, expect, it } from 'vitest';
import { FileTree, FsError, fromBase64, materialize, resolvePath, toBase64 } from '../src/index.ts';

function tree(): FileTree {
  const t = new FileTree();
  t.mkdir('/etc');
  t.writeFile('/etc/hostname', 'web\n');
  t.mkdir('/usr/local/bin', { recursive: true });
  t.writeFile('/usr/local/bin/app', 'run', { mode: 0o755, uid: 1000, gid: 1000 });
  t.symlink('/usr/local/bin', '/bin');
  t.symlink('../etc/hostname', '/usr/name');
  return t;
}

describe('FileTree', () => {
  it('reads, lists in byte order and describes entries', () => {
    const t = tree();
    expect(t.readText('/etc/hostname')).toBe('web\n');
    expect(t.readdir('/')).toEqual(['bin', 'etc', 'usr']);
    expect(t.stat('/usr/local/bin/app')).toEqual({ kind: 'file', mode: 0o755, uid: 1000, gid: 1000, size: 3 });
    t.writeFile('/etc/Zebra', '');
    t.writeFile('/etc/apple', '');
    expect(t.readdir('/etc')).toEqual(['Zebra', 'apple', 'hostname']);
  });

  it('follows symbolic links in the middle and, for stat, at the end', () => {
    const t = tree();
    expect(t.readText('/bin/app')).toBe('run');
    expect(t.readText('/usr/name')).toBe('web\n');
    expect(t.lstat('/bin')?.kind).toBe('symlink');
    expect(t.stat('/bin')?.kind).toBe('dir');
    expect(t.readlink('/usr/name')).toBe('../etc/hostname');
    t.writeFile('/bin/tool', 'x');
    expect(t.readText('/usr/local/bin/tool')).toBe('x');
  });

  it('gives errno-style errors', () => {
    const t = tree();
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as FsError).code;
      }
      return 'no error';
    };
    expect(code(() => t.readFile('/nope'))).toBe('ENOENT');
    expect(code(() => t.readFile('/etc'))).toBe('EISDIR');
    expect(code(() => t.readdir('/etc/hostname'))).toBe('ENOTDIR');
    expect(code(() => t.mkdir('/etc'))).toBe('EEXIST');
    expect(code(() => t.writeFile('/missing/x', ''))).toBe('ENOENT');
    expect(code(() => t.remove('/usr'))).toBe('ENOTEMPTY');
    t.symlink('/loop', '/loop');
    expect(code(() => t.readFile('/loop'))).toBe('ELOOP');
    expect(() => t.readFile('/nope')).toThrow('/nope: No such file or directory');
  });

  it('removes, renames and changes owners', () => {
    const t = tree();
    t.rename('/usr/local', '/opt');
    expect(t.readText('/opt/bin/app')).toBe('run');
    expect(t.exists('/usr/local')).toBe(false);
    t.chown('/opt', 5, 6);
    expect(t.stat('/opt')).toMatchObject({ uid: 5, gid: 6 });
    expect(t.readdir('/opt')).toEqual(['bin']);
    t.remove('/opt', { recursive: true });
    t.remove('/opt', { force: true });
    expect(t.readdir('/')).toEqual(['bin', 'etc', 'usr']);
  });

  it('walks parents before children, in byte order', () => {
    expect([...tree().walk()].map((e) => e.path)).toEqual([
      '/',
      '/bin',
      '/etc',
      '/etc/hostname',
      '/usr',
      '/usr/local',
      '/usr/local/bin',
      '/usr/local/bin/app',
      '/usr/name',
    ]);
  });

  it('saves to JSON and loads back the same tree, binary and synthetic content included', () => {
    const t = tree();
    t.writeFile('/bin.dat', new Uint8Array([0, 255, 128, 7]));
    t.writeFile('/big', { size: 5_000_000, seed: 'layer-1' });
    const copy = FileTree.load(JSON.parse(JSON.stringify(t.save())));
    expect(copy.save()).toEqual(t.save());
    expect(copy.readFile('/bin.dat')).toEqual(new Uint8Array([0, 255, 128, 7]));
    expect(copy.stat('/big')?.size).toBe(5_000_000);
  });

  it('saves an unchanged tree as the same frozen rows, and any change as new ones', () => {
    const t = tree();
    const first = t.save();
    expect(Object.isFrozen(first) && first.every((row) => Object.isFrozen(row))).toBe(true);
    expect(t.save()).toBe(first);
    const changes: [string, (t: FileTree) => void][] = [
      ['write', (t) => t.writeFile('/etc/hostname', 'db\n')],
      ['chmod', (t) => t.chmod('/etc/hostname', 0o600)],
      ['remove', (t) => t.remove('/usr/name')],
      ['mkdir', (t) => t.mkdir('/tmp')],
    ];
    let before = first;
    for (const [what, change] of changes) {
      change(t);
      const after = t.save();
      expect(after, what).not.toBe(before);
      expect(after, what).not.toEqual(before);
      before = after;
    }
    // A tree loaded from saved rows saves as those rows until it changes.
    const copy = FileTree.load(before);
    expect(copy.save()).toBe(before);
    copy.writeFile('/etc/motd', 'hi');
    expect(copy.save()).not.toBe(before);
    expect(t.save()).toBe(before);
  });

  it('generates synthetic content the same way every time', () => {
    const a = materialize({ size: 64, seed: 'x' });
    expect(a).toEqual(materialize({ size: 64, seed: 'x' }));
    expect(a).not.toEqual(materialize({ size: 64, seed: 'y' }));
    expect(a.length).toBe(64);
  });

  it('encodes base64 as RFC 4648', () => {
    const text = new TextEncoder().encode('s3cret');
    expect(toBase64(text)).toBe('czNjcmV0');
    expect(toBase64(new TextEncoder().encode('admin'))).toBe('YWRtaW4=');
    expect(new TextDecoder().decode(fromBase64('YWRtaW4='))).toBe('admin');
  });

  it('resolves relative paths like a shell', () => {
    expect(resolvePath('/app', '../etc/./x')).toBe('/etc/x');
    expect(resolvePath('/app', '/abs/../y')).toBe('/y');
    expect(resolvePath('/', '../../..')).toBe('/');
  });
});
