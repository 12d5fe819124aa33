import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FileTree, OverlayFs } from '../src/index.ts';

function base(): FileTree {
  const t = new FileTree();
  t.mkdir('/app/src', { recursive: true });
  t.writeFile('/app/src/a.js', 'a');
  t.writeFile('/app/src/b.js', 'b');
  t.writeFile('/app/package.json', '{}');
  t.mkdir('/etc');
  t.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\n');
  return t;
}

/** The union as plain data, for comparisons. */
const view = (fs: { walk(): Iterable<{ path: string; stat: object }>; readFile(p: string): Uint8Array }) =>
  [...fs.walk()].map(({ path, stat }) => [path, stat, (stat as { kind: string }).kind === 'file' ? [...fs.readFile(path)] : null]);

describe('OverlayFs', () => {
  it('reads through to the lower layers, top layer winning', () => {
    const top = new FileTree();
    top.mkdir('/app');
    top.writeFile('/app/package.json', '{"v":2}');
    const fs = new OverlayFs([base(), top], new FileTree());
    expect(fs.readText('/app/package.json')).toBe('{"v":2}');
    expect(fs.readdir('/app')).toEqual(['package.json', 'src']);
    expect(fs.readText('/app/src/a.js')).toBe('a');
  });

  it('writes only to the upper tree, copying parent directories up', () => {
    const lower = base();
    const upper = new FileTree();
    const fs = new OverlayFs([lower], upper);
    fs.writeFile('/app/src/c.js', 'c');
    expect(lower.exists('/app/src/c.js')).toBe(false);
    expect([...upper.walk()].map((e) => e.path)).toEqual(['/', '/app', '/app/src', '/app/src/c.js']);
    expect(fs.readdir('/app/src')).toEqual(['a.js', 'b.js', 'c.js']);
  });

  it('leaves an OCI whiteout for what it deletes from a lower layer', () => {
    const upper = new FileTree();
    const fs = new OverlayFs([base()], upper);
    fs.remove('/app/src/a.js');
    expect(fs.exists('/app/src/a.js')).toBe(false);
    expect(fs.readdir('/app/src')).toEqual(['b.js']);
    expect(upper.exists('/app/src/.wh.a.js')).toBe(true);
    fs.writeFile('/app/src/a.js', 'again');
    expect(upper.exists('/app/src/.wh.a.js')).toBe(false);
    expect(fs.readText('/app/src/a.js')).toBe('again');
  });

  it('marks a directory re-created over a lower one opaque', () => {
    const upper = new FileTree();
    const fs = new OverlayFs([base()], upper);
    fs.remove('/app/src', { recursive: true });
    fs.mkdir('/app/src');
    expect(fs.readdir('/app/src')).toEqual([]);
    expect(upper.exists('/app/src/.wh..wh..opq')).toBe(true);
  });

  it('copies a file up when only its mode changes', () => {
    const upper = new FileTree();
    const fs = new OverlayFs([base()], upper);
    fs.chmod('/app/src', 0o700);
    expect(fs.readdir('/app/src')).toEqual(['a.js', 'b.js']);
    expect(fs.stat('/app/src')?.mode).toBe(0o700);
    fs.chown('/etc/passwd', 1, 1);
    expect(upper.readText('/etc/passwd')).toContain('root:x:0:0');
  });

  it('behaves like a plain tree under any sequence of operations', () => {
    const paths = ['/app', '/app/src', '/app/src/a.js', '/app/src/new', '/etc/passwd', '/etc', '/x', '/x/y'];
    const op = fc.oneof(
      fc.record({ op: fc.constant('write' as const), path: fc.constantFrom(...paths), text: fc.string({ maxLength: 3 }) }),
      fc.record({ op: fc.constant('mkdir' as const), path: fc.constantFrom(...paths) }),
      fc.record({ op: fc.constant('remove' as const), path: fc.constantFrom(...paths) }),
      fc.record({ op: fc.constant('chmod' as const), path: fc.constantFrom(...paths), mode: fc.constantFrom(0o600, 0o755) }),
      fc.record({ op: fc.constant('rename' as const), path: fc.constantFrom(...paths), to: fc.constantFrom(...paths) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const plain = base();
        const union = new OverlayFs([base()], new FileTree());
        for (const step of ops) {
          const run = (fs: FileTree | OverlayFs) => {
            try {
              if (step.op === 'write') fs.writeFile(step.path, step.text);
              else if (step.op === 'mkdir') fs.mkdir(step.path);
              else if (step.op === 'remove') fs.remove(step.path, { recursive: true });
              else if (step.op === 'chmod') fs.chmod(step.path, step.mode);
              else fs.rename(step.path, step.to);
              return 'ok';
            } catch (error) {
              return (error as { code?: string }).code ?? String(error);
            }
          };
          expect(run(union)).toBe(run(plain));
        }
        expect(view(union)).toEqual(view(plain));
      }),
      { numRuns: 300 },
    );
  });
});
