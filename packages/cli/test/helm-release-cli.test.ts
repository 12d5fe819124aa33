// The release verbs through the real dockyard executable: releases persist in the workspace from
// one command to the next, and examples/helm-release/scenario.yaml passes with `scenario run`.

import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

const EXAMPLE = join(import.meta.dirname, '../../../examples/helm-release');

describe('dockyard helm releases', () => {
  it('keeps releases in the workspace between commands', () => {
    const { dir, dockyard } = sandbox();
    cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes('.dockyard') });
    expect(dockyard('init', '--clock', 'manual').status).toBe(0);
    expect(dockyard('helm', 'install', 'my-release', './my-app-chart').status).toBe(0);
    expect(dockyard('helm', 'upgrade', 'my-release', './my-app-chart', '--set', 'image.tag=2.0').status).toBe(0);
    expect(dockyard('helm', 'history', 'my-release')).toMatchObject({
      status: 0,
      stdout:
        'REVISION\tUPDATED                 \tSTATUS    \tCHART             \tAPP VERSION\tDESCRIPTION     \n' +
        '1       \tWed Jan  1 00:00:00 2025\tsuperseded\tmy-app-chart-0.1.0\t1.16.0     \tInstall complete\n' +
        '2       \tWed Jan  1 00:00:00 2025\tdeployed  \tmy-app-chart-0.1.0\t1.16.0     \tUpgrade complete\n',
    });
    expect(dockyard('helm', 'rollback', 'my-release', '1')).toMatchObject({ status: 0, stdout: 'Rollback was a success! Happy Helming!\n' });
    expect(dockyard('helm', 'get', 'values', 'my-release', '--revision', '2')).toMatchObject({ status: 0, stdout: 'USER-SUPPLIED VALUES:\nimage:\n  tag: "2.0"\n' });
    expect(dockyard('helm', 'install', 'my-release', './my-app-chart')).toMatchObject({
      status: 1,
      stderr: 'level=ERROR msg="release name check failed" error="cannot reuse a name that is still in use"\nError: INSTALLATION FAILED: release name check failed: cannot reuse a name that is still in use\n',
    });
    expect(dockyard('helm', 'uninstall', 'my-release')).toMatchObject({ status: 0, stdout: 'release "my-release" uninstalled\n' });
    expect(dockyard('helm', 'list')).toMatchObject({ status: 0, stdout: 'NAME\tNAMESPACE\tREVISION\tUPDATED\tSTATUS\tCHART\tAPP VERSION\n' });
  });

  it('passes the example scenario', () => {
    const { dockyard } = sandbox();
    const result = dockyard('scenario', 'run', join(EXAMPLE, 'scenario.yaml'));
    expect(result.stdout).toContain('13 passed, 0 failed');
    expect(result.status).toBe(0);
  });
});
