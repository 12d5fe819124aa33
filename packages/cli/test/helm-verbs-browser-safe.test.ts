// The helm verbs (src/helm) are shared with the browser's terminal: like the engine, they may not
// import Node modules or touch the process, the wall clock or unseeded randomness.

import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../src/helm');
const builtins = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));

describe('helm verbs are browser-safe', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.ts')))('%s', (file) => {
    const code = readFileSync(join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const imports = [...code.matchAll(/from\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    expect(imports.filter((i) => i.startsWith('node:') || builtins.has(i.split('/')[0]!))).toEqual([]);
    expect(code).not.toMatch(/\bprocess\s*\.|\bDate\s*\.\s*now\b|\bnew\s+Date\s*\(\s*\)|\bMath\s*\.\s*random\b|\bsetTimeout\b/);
  });
});
