import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

describe('the workspace', () => {
  it('keeps virtual time and the event log between commands', () => {
    const { dockyard } = sandbox();
    expect(dockyard('init', '--clock', 'manual', '--seed', '7').stdout).toMatch(/Initialized a Dockyard workspace in .*: 3 node\(s\) of 4 CPU and 8Gi, seed 7, manual clock\./);
    expect(dockyard('advance', '90s').stdout).toBe('Virtual time is now 1m30s.\n');
    expect(dockyard('advance', '1h').stdout).toBe('Virtual time is now 1h1m30s.\n');
    // The cluster's bootstrap is the first thing in the log: the default namespace, at virtual time 0.
    expect(dockyard('events', '-o', 'json').stdout).toMatch(/^\{"t":0,"type":"api.write","verb":"create","resource":"namespaces","name":"default",/);
  });

  it('is created on first use, and --workspace picks another one', () => {
    const { dir, dockyard } = sandbox();
    expect(dockyard('--workspace', 'other', 'advance', '5s').status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'other/workspace.json'), 'utf8')).world.format).toBe('dockyard.workspace');
  });

  it('refuses to overwrite a workspace without --force, and checks init flags', () => {
    const { dockyard } = sandbox();
    dockyard('init');
    expect(dockyard('init')).toMatchObject({ status: 1, stderr: expect.stringContaining('a workspace already exists') });
    expect(dockyard('init', '--force', '--nodes', '0')).toMatchObject({ status: 1, stderr: 'error: invalid node count 0: use 1 to 5000\n' });
    expect(dockyard('init', '--force', '--clock', 'sundial').stderr).toContain('invalid clock "sundial": use wall or manual');
    expect(dockyard('init', '--force', '--nodes', '5').status).toBe(0);
  });

  it('explains a corrupt workspace and how to start over, and changes nothing', () => {
    const { dir, dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    const path = join(dir, '.dockyard/workspace.json');
    writeFileSync(path, '{"world": {"format": "dockyard.workspace"');
    const result = dockyard('advance', '1s');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('cannot be opened: corrupt workspace: not valid JSON');
    expect(result.stderr).toContain('To start over, run: dockyard --workspace');
    expect(readFileSync(path, 'utf8')).toBe('{"world": {"format": "dockyard.workspace"');
    expect(dockyard('init', '--force').status).toBe(0);
    expect(dockyard('advance', '1s').status).toBe(0);
  });

  it('refuses a workspace written by a newer Dockyard', () => {
    const { dir, dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    const path = join(dir, '.dockyard/workspace.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.world.version = 99;
    writeFileSync(path, JSON.stringify(file));
    expect(dockyard('advance', '1s').stderr).toContain('workspace format version 99 is newer than this Dockyard supports (1)');
  });

  it('takes over the lock of a command that died, but not of a live one', () => {
    const { dir, dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    writeFileSync(join(dir, '.dockyard/lock'), '999999');
    expect(dockyard('advance', '1s').status).toBe(0);
    writeFileSync(join(dir, '.dockyard/lock'), String(process.pid));
    expect(dockyard('advance', '1s')).toMatchObject({ status: 1, stderr: expect.stringContaining(`another dockyard command (pid ${process.pid}) is using the workspace`) });
  });

  it('answers unknown commands like a CLI does, without creating a workspace', () => {
    const { dir, dockyard } = sandbox();
    expect(dockyard('fly')).toMatchObject({ status: 1, stderr: "dockyard: 'fly' is not a dockyard command.\nSee 'dockyard --help'.\n" });
    expect(dockyard('--help').stdout).toContain('Usage:\n  dockyard [--workspace DIR] <command> [args]');
    expect(() => readFileSync(join(dir, '.dockyard/workspace.json'))).toThrow();
    expect(dockyard('advance', '5x').stderr).toBe('error: time: unknown unit "x" in duration "5x"\n');
  });
});
