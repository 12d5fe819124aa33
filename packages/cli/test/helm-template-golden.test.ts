// Every case of helm's own `helm template` golden tests (shared/corpus/helm-golden): same
// arguments, same combined stdout+stderr byte for byte, failing exactly where helm fails.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SeededRandom, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { fileMapSource } from '@dockyard/scheduler/helm';
import { describe, expect, it } from 'vitest';
import { helmTemplate } from '../src/helm/index.ts';
import { readTree } from './support/file-tree.ts';
import { sharedPath } from '../../runtime/test/support/shared-files.ts';

const GOLDEN = sharedPath('corpus/helm-golden');

interface GoldenCase {
  name: string;
  args: string[];
  expectError: boolean;
  golden: string;
  repeat?: number;
}

const cases: GoldenCase[] = readdirSync(join(GOLDEN, 'cases'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(GOLDEN, 'cases', f), 'utf8')) as GoldenCase);

const files = fileMapSource(readTree(GOLDEN));

function run(args: string[]) {
  // The golden files were made with helm's test Kubernetes version.
  const withKube = args.some((a) => a.startsWith('--kube-version')) ? args : [...args, '--kube-version', 'v1.20.0'];
  return helmTemplate(args.length === 0 ? [] : withKube, {
    files,
    now: () => VIRTUAL_EPOCH_MS,
    random: new SeededRandom(1),
  });
}

describe('helm template golden files', () => {
  it('has the 17 cases', () => {
    expect(cases).toHaveLength(17);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const golden = readFileSync(join(GOLDEN, c.golden), 'utf8').replace(/\r\n/g, '\n');
    for (let i = 0; i <= (c.repeat ?? 0); i++) {
      const result = run(c.args);
      expect(result.output).toBe(golden);
      expect(result.exitCode !== 0).toBe(c.expectError);
    }
  });
});
