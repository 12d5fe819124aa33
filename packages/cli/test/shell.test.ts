import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

describe('dockyard shell', () => {
  it('runs commands without the dockyard prefix, controls the clock, and saves the workspace', () => {
    const { dockyard, input } = sandbox();
    dockyard('init', '--clock', 'manual');
    const result = input('pause\nadvance 30s\ntime\nspeed 10\nspeed 1000\n"unterminated\ndockyard advance 1m\nexit\n', 'shell');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Dockyard shell: virtual time runs at 1x\. Type help for help, exit to leave\.\nVirtual time paused at (\d+ms|0s)\.\n/);
    expect(result.stdout).toMatch(/Virtual time is now 30(\.\d+)?s\.\nVirtual time is 30(\.\d+)?s \(paused\)\.\nVirtual time runs at 10x\.\nshell: speed takes a number from 0\.25 to 100\nshell: unterminated double quote\nVirtual time is now 1m30(\.\d+)?s\.\n$/);
    expect(dockyard('advance', '0s').stdout).toMatch(/^Virtual time is now 1m30(\.\d+)?s\.\n$/);
  });

  it('refuses a bad speed', () => {
    const { dockyard } = sandbox();
    expect(dockyard('shell', '--speed', '500')).toMatchObject({ status: 1, stderr: 'error: --speed takes a number from 0.25 to 100\n' });
  });
});
