import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '../bin/dockyard.js');
const dockyard = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('dockyard demo', () => {
  it('shows the kubelet back-off growing 10s, 20s, 40s ... up to 5m0s, and a restore that changes nothing', () => {
    const out = execFileSync(process.execPath, [bin, 'demo'], { encoding: 'utf8' });
    const backoffs = [...out.matchAll(/back-off (\S+)$/gm)].map((m) => m[1]);
    expect(backoffs.slice(0, 8)).toEqual(['0s', '10s', '20s', '40s', '1m20s', '2m40s', '5m0s', '5m0s']);
    expect(out).toContain('the event log is byte-identical to the run that never stopped');
  });

  it('is the same for the same seed and different for another', () => {
    expect(dockyard('demo', '--seed', '7').stdout).toBe(dockyard('demo', '--seed', '7').stdout);
    expect(dockyard('demo', '--seed', '7').stdout).not.toBe(dockyard('demo', '--seed', '8').stdout);
  });
});
