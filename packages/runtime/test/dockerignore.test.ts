// .dockerignore with Docker's rules (moby/patternmatcher), not .gitignore's.
import { describe, expect, it } from 'vitest';
import { DockerIgnore } from '../src/index.ts';
import { memoryContext } from './support/images.ts';

describe('.dockerignore', () => {
  const tutorial = new DockerIgnore('node_modules\n.git\n.env\n*.md\ndist\n.DS_Store\ncoverage\n');

  it.each([
    ['node_modules', true],
    ['node_modules/express/index.js', true],
    ['README.md', true],
    ['docs/guide.md', false], // *.md matches at the root only
    ['src/node_modules', false],
    ['.env', true],
    ['src/server.js', false],
  ])('the tutorial\'s file: %s excluded: %s', (path, excluded) => {
    expect(tutorial.excludes(path)).toBe(excluded);
  });

  it('** spans directories, ! re-includes, the last match wins', () => {
    const ignore = new DockerIgnore('# comment\n**/*.log\n*.md\n!README.md\n/tmp/\nsrc/**/test\n');
    expect(ignore.excludes('a/b/c.log')).toBe(true);
    expect(ignore.excludes('c.log')).toBe(true);
    expect(ignore.excludes('CHANGES.md')).toBe(true);
    expect(ignore.excludes('README.md')).toBe(false);
    expect(ignore.excludes('tmp/x')).toBe(true);
    expect(ignore.excludes('src/a/b/test/x.js')).toBe(true);
    expect(new DockerIgnore('*.md\n!README.md\nREADME.md\n').excludes('README.md')).toBe(true);
  });

  it('the build context leaves excluded files out', () => {
    const context = memoryContext({ '.dockerignore': 'node_modules\n*.md\n!KEEP.md\n', 'a.md': 'x', 'KEEP.md': 'y', 'node_modules/x/i.js': 'z', 'src/s.js': 's' });
    expect([...context.tree.walk('/')].map((e) => e.path)).toEqual(['/', '/.dockerignore', '/KEEP.md', '/src', '/src/s.js']);
    expect(context.size).toBe(new TextEncoder().encode('node_modules\n*.md\n!KEEP.md\n').length + 2);
  });
});
