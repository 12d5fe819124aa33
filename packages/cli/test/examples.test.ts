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
  it('cover every topic of the tutorial', () => {
    const topics = [
      'containers-and-cgroups', 'docker-basics', 'dockerfile-cache', 'multi-stage', 'compose-app', 'pod-with-probes',
      'deployment-rollout', 'services', 'ingress', 'configmap-and-secret', 'pvc', 'helm-release', 'three-tier-app',
      'crashloop-backoff', 'imagepull-backoff', 'oomkilled',
    ];
    expect(names).toEqual(expect.arrayContaining(topics));
    expect(names.filter((name) => !existsSync(join(EXAMPLES, name, 'README.md')))).toEqual([]);
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
