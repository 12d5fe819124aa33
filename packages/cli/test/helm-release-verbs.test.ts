// The release verbs' flags and formats as helm 4 prints them: --generate-name, --dry-run, -o json,
// deprecated and invalid flags, --keep-history with list filters, get hooks / notes / manifest,
// cobra's argument errors.

import { describe, expect, it } from 'vitest';
import { helmShell } from './support/helm-shell.ts';

const shell = () => helmShell('examples/helm-release');

describe('helm release verbs', () => {
  it('generates a name from the chart and the clock', async () => {
    const { run, world } = shell();
    world.advance(42_000);
    const out = await run('helm install ./my-app-chart --generate-name');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^NAME: my-app-chart-1735689642\n/);
    expect(await run('helm install ./my-app-chart')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: INSTALLATION FAILED: must either provide a name or specify --generate-name\n',
    });
  });

  it('prints the manifest and hooks of a dry run and creates nothing', async () => {
    const { run, store } = shell();
    const out = await run('helm install web ./my-app-chart --dry-run');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('STATUS: pending-install\nREVISION: 1\nDESCRIPTION: Dry run complete\nHOOKS:\n---\n# Source: my-app-chart/templates/tests/test-connection.yaml\n');
    expect(out.stdout).toContain('MANIFEST:\n---\n# Source: my-app-chart/templates/serviceaccount.yaml\n');
    expect(store.tryGet('Deployment', 'default', 'web-my-app-chart')).toBeUndefined();
    expect((await run('helm list')).stdout).toBe('NAME\tNAMESPACE\tREVISION\tUPDATED\tSTATUS\tCHART\tAPP VERSION\n');
  });

  it("warns about deprecated flags and refuses invalid ones in pflag's words", async () => {
    const { run } = shell();
    const atomic = await run('helm install web ./my-app-chart --atomic --timeout 2s --set autoscaling.enabled=false');
    expect(atomic.stderr).toBe(
      'Flag --atomic has been deprecated, use --rollback-on-failure instead\n' +
        'Error: INSTALLATION FAILED: release web failed, and has been uninstalled due to rollback-on-failure being set: ' +
        'resource Deployment/default/web-my-app-chart not ready. status: InProgress, message: Available: 0/3\ncontext deadline exceeded\n',
    );
    expect(await run('helm install web ./my-app-chart --wait=always')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: INSTALLATION FAILED: invalid argument "always" for "--wait" flag: invalid wait input "always". Valid inputs are watcher, and legacy\n',
    });
    expect((await run('helm install web ./my-app-chart --timeout 5x')).stderr).toBe(
      'Error: INSTALLATION FAILED: invalid argument "5x" for "--timeout" flag: time: unknown unit "x" in duration "5x"\n',
    );
    expect((await run('helm list -o xml')).stderr).toBe('Error: invalid argument "xml" for "-o, --output" flag: invalid format type\n');
    expect((await run('helm status')).stderr).toBe('Error: "helm status" requires 1 argument\n\nUsage:  helm status RELEASE_NAME [flags]\n');
    expect((await run('helm upgrade web')).stderr).toBe('Error: "helm upgrade" requires 2 arguments\n\nUsage:  helm upgrade [RELEASE] [CHART] [flags]\n');
    expect((await run('helm list extra')).stderr).toBe('Error: "helm list" accepts no arguments\n\nUsage:  helm list [flags]\n');
  });

  it('keeps an uninstalled release with --keep-history, for list --uninstalled and --all', async () => {
    const { run } = shell();
    await run('helm install web ./my-app-chart');
    expect(await run('helm uninstall web --keep-history')).toEqual({ code: 0, stderr: '', stdout: 'release "web" uninstalled\n' });
    expect((await run('helm list')).stdout.split('\n')).toHaveLength(2);
    const all = await run('helm list --all');
    expect(all.stdout).toContain('web \tdefault  \t1       \t2025-01-01 00:00:00 +0000 UTC\tuninstalled\tmy-app-chart-0.1.0\t1.16.0     \n');
    expect((await run('helm list --uninstalled -q')).stdout).toBe('web\n');
    expect((await run('helm history web')).stdout).toContain('uninstalled\tmy-app-chart-0.1.0\t1.16.0     \tUninstallation complete\n');
    // upgrade --install reuses the name of an uninstalled release, as the next revision.
    const again = await run('helm upgrade --install web ./my-app-chart');
    expect(again.stdout).toMatch(/^Release "web" does not exist\. Installing it now\.\nNAME: web\n[^]*REVISION: 2\n/);
  });

  it("gets a revision's manifest, hooks, notes and values", async () => {
    const { run } = shell();
    await run('helm install web ./my-app-chart --set image.tag=3.1');
    const manifest = await run('helm get manifest web');
    expect(manifest.stdout).toMatch(/^---\n# Source: my-app-chart\/templates\/serviceaccount.yaml\n/);
    expect(manifest.stdout).toContain('image: "my-app:3.1"');
    expect((await run('helm get hooks web')).stdout).toMatch(/^---\n# Source: my-app-chart\/templates\/tests\/test-connection.yaml\napiVersion: v1\nkind: Pod\n/);
    expect((await run('helm get notes web')).stdout).toBe('NOTES:\n1. Get the application URL by running these commands:\n  http://chart-example.local/\n\n');
    expect((await run('helm get values web')).stdout).toBe('USER-SUPPLIED VALUES:\nimage:\n  tag: "3.1"\n');
    expect((await run('helm get values web -o json')).stdout).toBe('{"image":{"tag":"3.1"}}\n');
    expect((await run('helm get values web --all')).stdout).toContain('COMPUTED VALUES:\naffinity: {}\nautoscaling:\n  enabled: true\n');
    expect((await run('helm get values web --revision 2')).stderr).toBe('Error: release: not found\n');
  });

  it('prints list and history as JSON', async () => {
    const { run } = shell();
    await run('helm install web ./my-app-chart');
    expect((await run('helm list -o json')).stdout).toBe(
      '[{"name":"web","namespace":"default","revision":"1","updated":"2025-01-01 00:00:00 +0000 UTC","status":"deployed","chart":"my-app-chart-0.1.0","app_version":"1.16.0"}]\n',
    );
    expect((await run('helm history web -o json')).stdout).toBe(
      '[{"revision":1,"updated":"2025-01-01T00:00:00Z","status":"deployed","chart":"my-app-chart-0.1.0","app_version":"1.16.0","description":"Install complete"}]\n',
    );
  });
});
