// Every example under examples/ is a self-checking scenario (ARCHITECTURE.md, "Scenarios"): run
// through the real `dockyard scenario run`, each must exit 0 with every expectation passed.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

const EXAMPLES = join(import.meta.dirname, '../../../examples');
const names = readdirSync(EXAMPLES)
  .filter((name) => existsSync(join(EXAMPLES, name, 'scenario.yaml')))
  .sort();

describe('the examples', () => {
  it('are found', () => {
    expect(names.length).toBeGreaterThanOrEqual(4);
  });

  it.each(names)('%s passes every expectation', (name) => {
    const { dockyard } = sandbox();
    const result = dockyard('scenario', 'run', join(EXAMPLES, name, 'scenario.yaml'));
    const summary = /^(\d+) passed, (\d+) failed$/m.exec(result.stdout);
    const failures = result.stdout.split('\n').filter((line, i, lines) => line.startsWith('  FAIL') || lines[i - 1]?.startsWith('  FAIL'));
    expect({ stderr: result.stderr, failures }).toEqual({ stderr: '', failures: [] });
    expect(summary?.[2]).toBe('0');
    expect(Number(summary?.[1])).toBeGreaterThan(0);
    expect(result.status).toBe(0);
  });
});
