// A workspace survives its command being killed: the save is a temporary file renamed over the
// old one, so a kill at any moment leaves either the old state or the new one, and the lock of a
// dead process is taken over. A damaged file, however it is cut, gets the clear error and the
// way to start over, never a stack trace.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

const bin = join(import.meta.dirname, '../bin/dockyard.js');

describe('a workspace killed mid-command', () => {
  it('opens again after SIGKILL during a following command, with the state of the last finished command', async () => {
    const { dir, dockyard } = sandbox();
    expect(dockyard('init').status).toBe(0);
    expect(dockyard('kubectl', 'create', 'deployment', 'web', '--image=nginx:1.25').status).toBe(0);
    const state = join(dir, '.dockyard/workspace.json');
    const before = readFileSync(state, 'utf8');
    // `get -w` on the wall clock runs until it is stopped; it holds the lock meanwhile.
    const child = spawn(process.execPath, [bin, 'kubectl', 'get', 'deployments', '-w'], { cwd: dir });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    for (let i = 0; i < 200 && !stdout.includes('web'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stdout).toMatch(/^NAME {3}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nweb /);
    expect(readFileSync(join(dir, '.dockyard/lock'), 'utf8')).toBe(String(child.pid));
    expect(dockyard('kubectl', 'get', 'deployments')).toMatchObject({ status: 1, stderr: expect.stringContaining(`another dockyard command (pid ${child.pid}) is using the workspace`) });
    const killed = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await killed;
    expect(readFileSync(state, 'utf8')).toBe(before);
    const after = dockyard('kubectl', 'get', 'deployment', 'web', '-o', 'name');
    expect(after).toEqual({ stdout: 'deployment.apps/web\n', stderr: '', status: 0 });
  }, 60_000);

  it('ignores the temporary file a save cut short, keeping the last complete state', () => {
    const { dir, dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('advance', '42s');
    const state = join(dir, '.dockyard/workspace.json');
    const whole = readFileSync(state, 'utf8');
    writeFileSync(`${state}.999999.tmp`, whole.slice(0, whole.length / 2));
    expect(dockyard('advance', '0s')).toEqual({ stdout: 'Virtual time is now 42s.\n', stderr: '', status: 0 });
  });
});

describe('a damaged workspace', () => {
  it('gets the clear error and the way to start over wherever the file is cut', () => {
    const { dir, dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    const state = join(dir, '.dockyard/workspace.json');
    const whole = readFileSync(state, 'utf8');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: whole.length - 1 }), (cut) => {
        writeFileSync(state, whole.slice(0, cut));
        const result = dockyard('kubectl', 'get', 'pods');
        expect(result.status).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(new RegExp(`^error: (cannot read the workspace|the workspace ${state.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be opened: corrupt workspace: )`));
        expect(result.stderr).toContain(`To start over, run: dockyard --workspace ${join(dir, '.dockyard')} init --force\n`);
      }),
      { numRuns: 6, seed: 7 },
    );
  }, 60_000);

  it('names what is wrong when the JSON is whole but its state is not', () => {
    const { dir, dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    const state = join(dir, '.dockyard/workspace.json');
    const file = JSON.parse(readFileSync(state, 'utf8'));
    for (const key of Object.keys(file.world.engine.components)) file.world.engine.components[key] = null;
    writeFileSync(state, JSON.stringify(file));
    const result = dockyard('advance', '1s');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: the workspace .* cannot be opened: corrupt workspace: .+\nTo start over, run: dockyard --workspace .* init --force\n$/);
    expect(dockyard('init', '--force').status).toBe(0);
    expect(dockyard('advance', '1s').status).toBe(0);
  });
});
