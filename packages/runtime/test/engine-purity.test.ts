// The engine packages run unchanged in a browser and deterministically: no Node modules, no
// process, no wall clock, no unseeded randomness, no host timers. This test reads their sources.

import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const ENGINE_SOURCES = ['packages/runtime/src', 'packages/scheduler/src'];

const builtins = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));

const RULES: { what: string; pattern: RegExp }[] = [
  { what: 'a node: import', pattern: /(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"]node:/ },
  { what: 'process', pattern: /(?<![\w$.-])process\s*\./ },
  { what: 'Date.now', pattern: /\bDate\s*\.\s*now\b/ },
  { what: 'new Date()', pattern: /\bnew\s+Date\s*\(\s*\)/ },
  { what: 'Math.random', pattern: /\bMath\s*\.\s*random\b/ },
  { what: 'setTimeout', pattern: /\bsetTimeout\b/ },
  { what: 'setInterval', pattern: /\bsetInterval\b/ },
  { what: 'setImmediate', pattern: /\bsetImmediate\b/ },
  { what: 'performance.now', pattern: /\bperformance\s*\.\s*now\b/ },
];

/** Comments may mention what the code must not do; only code counts. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Text in quotes is data (a file name like './scheduler-process.ts', a message), not a call. */
function stripStrings(code: string): string {
  return code.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, "''");
}

function findViolations(source: string): string[] {
  const code = stripComments(source);
  const bare = stripStrings(code);
  const found = RULES.filter((rule) => (rule.what === 'a node: import' ? rule.pattern.test(code) : rule.pattern.test(bare))).map((rule) => rule.what);
  for (const match of code.matchAll(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)) {
    const name = match[1]!.split('/')[0]!;
    if (builtins.has(name)) found.push(`the Node module "${match[1]}"`);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.[cm]?[jt]sx?$/.test(entry.name) && !/\.test\./.test(entry.name) ? [path] : [];
  });
}

describe('engine purity', () => {
  it('catches each forbidden use in a sample', () => {
    expect(findViolations(`import { readFile } from 'node:fs';`)).toContain('a node: import');
    expect(findViolations(`import path from 'path';`)).toContain('the Node module "path"');
    expect(findViolations(`const seed = Date.now();`)).toEqual(['Date.now']);
    expect(findViolations(`if (process.env.X) {}`)).toEqual(['process']);
    expect(findViolations(`const r = Math.random();`)).toEqual(['Math.random']);
    expect(findViolations(`setTimeout(tick, 10); setInterval(tick, 10);`)).toEqual(['setTimeout', 'setInterval']);
    expect(findViolations(`const d = new Date();`)).toEqual(['new Date()']);
  });

  it('lets comments, look-alike names and package imports through', () => {
    expect(findViolations(`// never call Date.now() or setTimeout here\nconst x = 1;`)).toEqual([]);
    expect(findViolations(`/* process.env is off limits */ this.process.run(); subprocess.kill();`)).toEqual([]);
    expect(findViolations(`import EventEmitter from 'eventemitter3'; import { x } from './path.ts';`)).toEqual([]);
    expect(findViolations(`import { SchedulerProcess } from './kube-scheduler/scheduler-process.ts'; log('process.exit');`)).toEqual([]);
    expect(findViolations(`const url = 'http://example.com'; new Date(0);`)).toEqual([]);
  });

  it.each(ENGINE_SOURCES)('%s uses none of them', (dir) => {
    const files = sourceFiles(join(root, dir));
    const violations = files.flatMap((file) =>
      findViolations(readFileSync(file, 'utf8')).map((what) => `${relative(root, file)}: ${what}`),
    );
    expect(violations).toEqual([]);
  });
});
