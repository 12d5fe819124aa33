// Section 8 of the tutorial, as printed, on examples/helm-release: the chart `helm create` makes
// with the tutorial's values.yaml, and the environment values files. Commands run as `dockyard`
// runs them, on a world with the cluster's controllers; what they print is helm 4's text, what they
// do is checked in the API store.
//
// About "3 replicas": the tutorial's values set replicaCount: 3 but also autoscaling.enabled:
// true, and the deployment template of `helm create` then leaves `replicas` out for the
// HorizontalPodAutoscaler to own (min 2, max 10). Real helm renders the same: the Deployment
// is created without replicas (the API server defaults it to 1) next to the HPA, which scales it
// to 2. With autoscaling off, replicaCount: 3 is what the Deployment gets.

import { describe, expect, it } from 'vitest';
import { helmShell } from './support/helm-shell.ts';

const shell = () => helmShell('examples/helm-release');

const NOTES = `NOTES:
1. Get the application URL by running these commands:
  http://chart-example.local/
`;

describe('tutorial section 8: helm', () => {
  it('installs, upgrades, lists, shows status and history, rolls back and uninstalls my-release', async () => {
    const { world, run, store, deployment, image } = shell();

    const install = await run('helm install my-release ./my-app-chart');
    expect(install).toEqual({
      code: 0,
      stderr: '',
      stdout: `NAME: my-release
LAST DEPLOYED: Wed Jan  1 00:00:00 2025
NAMESPACE: default
STATUS: deployed
REVISION: 1
DESCRIPTION: Install complete
${NOTES}`,
    });
    expect(image('my-release-my-app-chart')).toBe('my-app:1.0');
    // Autoscaling is on in the tutorial's values: the HPA owns the replica count.
    expect(deployment('my-release-my-app-chart')!.spec.replicas).toBe(1);
    expect(store.get('HorizontalPodAutoscaler', 'default', 'my-release-my-app-chart')).toMatchObject({ spec: { minReplicas: 2, maxReplicas: 10 } });
    expect(store.get('Secret', 'default', 'sh.helm.release.v1.my-release.v1')).toMatchObject({
      type: 'helm.sh/release.v1',
      metadata: { labels: { name: 'my-release', owner: 'helm', status: 'deployed', version: '1' } },
    });

    await run('advance 1m');
    // The HPA controller brings the Deployment up to its minReplicas.
    expect(deployment('my-release-my-app-chart')!.spec.replicas).toBe(2);
    const upgrade = await run('helm upgrade my-release ./my-app-chart --set image.tag=2.0');
    expect(upgrade.code).toBe(0);
    expect(upgrade.stdout).toMatch(/^Release "my-release" has been upgraded\. Happy Helming!\nNAME: my-release\nLAST DEPLOYED: Wed Jan  1 00:01:00 2025\n/);
    expect(upgrade.stdout).toContain('STATUS: deployed\nREVISION: 2\nDESCRIPTION: Upgrade complete\n');
    expect(image('my-release-my-app-chart')).toBe('my-app:2.0');
    // The chart leaves replicas to the HPA; the upgrade's merge keeps what the HPA set.
    expect(deployment('my-release-my-app-chart')!.spec.replicas).toBe(2);
    // The Deployment controller rolls it out: a new ReplicaSet for the new image.
    world.advance(5000);
    const replicaSetImages = store
      .list('ReplicaSet', { namespace: 'default' })
      .items.map((rs) => rs.spec!.template!.spec!.containers[0]!.image)
      .sort();
    expect(replicaSetImages).toEqual(['my-app:1.0', 'my-app:2.0']);

    await run('advance 1m');
    expect(await run('helm list')).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'NAME      \tNAMESPACE\tREVISION\tUPDATED                      \tSTATUS  \tCHART             \tAPP VERSION\n' +
        'my-release\tdefault  \t2       \t2025-01-01 00:01:00 +0000 UTC\tdeployed\tmy-app-chart-0.1.0\t1.16.0     \n',
    });
    const status = await run('helm status my-release');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^NAME: my-release\nLAST DEPLOYED: Wed Jan  1 00:01:00 2025\nNAMESPACE: default\nSTATUS: deployed\nREVISION: 2\nDESCRIPTION: Upgrade complete\nRESOURCES:\n==> v1\/ServiceAccount\n/);
    // The release's objects as kubectl prints them (what they show depends on the controllers).
    expect(status.stdout).toMatch(/\n==> v1\/Deployment\nNAME {22}READY   UP-TO-DATE   AVAILABLE   AGE\nmy-release-my-app-chart   \d\/2 .* 2m5s\n\n/);
    expect(status.stdout).toMatch(/\n==> v2\/HorizontalPodAutoscaler\nNAME .*\nmy-release-my-app-chart   Deployment\/my-release-my-app-chart   .*   2         10        2          2m5s\n/);
    expect(status.stdout.endsWith(`\n\n${NOTES}`)).toBe(true);
    expect(await run('helm history my-release')).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'REVISION\tUPDATED                 \tSTATUS    \tCHART             \tAPP VERSION\tDESCRIPTION     \n' +
        '1       \tWed Jan  1 00:00:00 2025\tsuperseded\tmy-app-chart-0.1.0\t1.16.0     \tInstall complete\n' +
        '2       \tWed Jan  1 00:01:00 2025\tdeployed  \tmy-app-chart-0.1.0\t1.16.0     \tUpgrade complete\n',
    });

    expect(await run('helm rollback my-release 1')).toEqual({ code: 0, stderr: '', stdout: 'Rollback was a success! Happy Helming!\n' });
    expect(image('my-release-my-app-chart')).toBe('my-app:1.0');
    expect((await run('helm history my-release')).stdout.split('\n').slice(3, 4)).toEqual(['3       \tWed Jan  1 00:02:05 2025\tdeployed  \tmy-app-chart-0.1.0\t1.16.0     \tRollback to 1   ']);

    expect(await run('helm uninstall my-release')).toEqual({ code: 0, stderr: '', stdout: 'release "my-release" uninstalled\n' });
    expect(deployment('my-release-my-app-chart')).toBeUndefined();
    expect(store.tryGet('HorizontalPodAutoscaler', 'default', 'my-release-my-app-chart')).toBeUndefined();
    expect(store.list('Secret', { namespace: 'default', labelSelector: 'owner=helm' }).items).toEqual([]);
    expect(await run('helm status my-release')).toEqual({ code: 1, stdout: '', stderr: 'Error: release: not found\n' });
  });

  it('gives the Deployment replicaCount: 3 once autoscaling is off', async () => {
    const { run, deployment, store } = shell();
    expect((await run('helm install my-release ./my-app-chart --set autoscaling.enabled=false')).code).toBe(0);
    expect(deployment('my-release-my-app-chart')!.spec.replicas).toBe(3);
    expect(store.tryGet('HorizontalPodAutoscaler', 'default', 'my-release-my-app-chart')).toBeUndefined();
  });

  it('deploys to staging with the environment values, once the namespace exists', async () => {
    const { run, deployment, store } = shell();
    const line = 'helm upgrade --install my-app ./my-app-chart -f values.yaml -f values-staging.yaml --namespace staging';
    // As real helm: the release Secret cannot be written into a namespace that does not exist,
    // and `upgrade --install` reports the install's error without a prefix.
    expect(await run(line)).toEqual({
      code: 1,
      stdout: 'Release "my-app" does not exist. Installing it now.\n',
      stderr: 'Error: create: failed to create: namespaces "staging" not found\n',
    });
    const created = await run(`${line} --create-namespace`);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Release "my-app" does not exist\. Installing it now\.\nNAME: my-app\n.*\nNAMESPACE: staging\nSTATUS: deployed\nREVISION: 1\n/);
    expect(deployment('my-app-my-app-chart', 'staging')!.spec.replicas).toBe(2);
    expect(store.get('Ingress', 'staging', 'my-app-my-app-chart')).toMatchObject({ spec: { rules: [{ host: 'staging.app.example.com' }] } });

    const again = await run(line);
    expect(again.stdout).toMatch(/^Release "my-app" has been upgraded\. Happy Helming!\n/);
    expect((await run('helm list -n staging')).stdout).toContain('my-app\tstaging  \t2       \t');
    expect((await run('helm list -A')).stdout.split('\n')).toHaveLength(3);

    // With a namespace made beforehand (kubectl create namespace), no flag is needed.
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'production' } });
    const prod = await run('helm upgrade --install my-app ./my-app-chart -f values.yaml -f values-prod.yaml --namespace production');
    expect(prod.code).toBe(0);
    expect(store.get('HorizontalPodAutoscaler', 'production', 'my-app-my-app-chart')).toMatchObject({ spec: { minReplicas: 3, maxReplicas: 10 } });
  });

  it('fails plain helm install into a missing namespace with the INSTALLATION FAILED prefix', async () => {
    const { run } = shell();
    expect(await run('helm install my-app ./my-app-chart --namespace staging')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: INSTALLATION FAILED: create: failed to create: namespaces "staging" not found\n',
    });
  });
});
