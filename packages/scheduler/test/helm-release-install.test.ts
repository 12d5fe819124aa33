// helm install on the simulated cluster: objects created with helm's ownership marks, revision 1
// recorded, the name and namespace checks and the conflict with an object helm does not own, all
// in helm 4's words.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/api/kinds.ts';
import { install, ReleaseActionError } from '../src/helm/release/install.ts';
import { GoInt } from '../src/helm/template/value.ts';
import { chartOf, createdChart, releaseWorld } from './support/helm-release.ts';

const values = (entries: Record<string, unknown>) => new Map(Object.entries(entries)) as Map<string, never>;

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ReleaseActionError) return err.message;
    throw err;
  }
  throw new Error('expected the action to fail');
}

describe('helm install', () => {
  it('creates the chart helm create makes, stamped as helm stamps its objects', async () => {
    const world = releaseWorld();
    const release = await install(world.cfg(), createdChart(), values({ replicaCount: new GoInt(3, 'int64') }), { releaseName: 'my-release' });
    expect(release.version).toBe(1);
    expect(release.info.status).toBe('deployed');
    expect(release.info.description).toBe('Install complete');
    expect(release.info.notes).toContain('1. Get the application URL by running these commands:');
    const deployment = world.store.get('Deployment', 'default', 'my-release-mychart') as KubeObject;
    expect((deployment['spec'] as { replicas: number }).replicas).toBe(3);
    expect(deployment.metadata!.labels!['app.kubernetes.io/managed-by']).toBe('Helm');
    expect(deployment.metadata!.annotations).toMatchObject({ 'meta.helm.sh/release-name': 'my-release', 'meta.helm.sh/release-namespace': 'default' });
    expect(world.store.tryGet('Service', 'default', 'my-release-mychart')).toBeDefined();
    expect(world.store.tryGet('ServiceAccount', 'default', 'my-release-mychart')).toBeDefined();
    // The test hook is not installed: it runs only on `helm test`.
    expect(world.store.tryGet('Pod', 'default', 'my-release-mychart-test-connection')).toBeUndefined();
  });

  it('refuses a name that is still in use', async () => {
    const world = releaseWorld();
    await install(world.cfg(), createdChart(), new Map(), { releaseName: 'web' });
    expect(await failure(install(world.cfg(), createdChart(), new Map(), { releaseName: 'web' }))).toBe(
      'release name check failed: cannot reuse a name that is still in use',
    );
    // Another namespace is another name space.
    world.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    await expect(install(world.cfg('other'), createdChart(), new Map(), { releaseName: 'web' })).resolves.toMatchObject({ namespace: 'other' });
  });

  it('refuses an invalid release name with the regular expression', async () => {
    const world = releaseWorld();
    expect(await failure(install(world.cfg(), createdChart(), new Map(), { releaseName: 'My_Release' }))).toBe(
      'release name check failed: release name "My_Release": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53',
    );
  });

  it('needs the namespace to exist, unless asked to create it', async () => {
    const world = releaseWorld();
    expect(await failure(install(world.cfg('staging'), createdChart(), new Map(), { releaseName: 'my-app' }))).toBe(
      'create: failed to create: namespaces "staging" not found',
    );
    expect(world.store.list('Secret', { namespace: 'staging' }).items).toEqual([]);
    await install(world.cfg('staging'), createdChart(), new Map(), { releaseName: 'my-app', createNamespace: true });
    expect(world.store.get('Namespace', undefined, 'staging').metadata!.labels).toMatchObject({ name: 'staging' });
    expect(world.store.tryGet('Deployment', 'staging', 'my-app-mychart')).toBeDefined();
  });

  it('will not take over an object it does not own', async () => {
    const world = releaseWorld();
    world.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'my-release-mychart', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
    expect(await failure(install(world.cfg(), createdChart(), new Map(), { releaseName: 'my-release' }))).toBe(
      'unable to continue with install: Service "my-release-mychart" in namespace "default" exists and cannot be imported into the current release: ' +
        'invalid ownership metadata; label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm"; ' +
        'annotation validation error: missing key "meta.helm.sh/release-name": must be set to "my-release"; ' +
        'annotation validation error: missing key "meta.helm.sh/release-namespace": must be set to "default"',
    );
    // Nothing was recorded or created.
    expect(world.store.list('Secret', { namespace: 'default', labelSelector: 'owner=helm' }).items).toEqual([]);
    expect(world.store.tryGet('Deployment', 'default', 'my-release-mychart')).toBeUndefined();
  });

  it("adopts an object already marked as this release's", async () => {
    const world = releaseWorld();
    world.store.create({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'my-release-mychart',
        namespace: 'default',
        labels: { 'app.kubernetes.io/managed-by': 'Helm' },
        annotations: { 'meta.helm.sh/release-name': 'my-release', 'meta.helm.sh/release-namespace': 'default' },
      },
    });
    const release = await install(world.cfg(), createdChart(), new Map(), { releaseName: 'my-release' });
    expect(release.info.status).toBe('deployed');
    expect(world.store.get('ServiceAccount', 'default', 'my-release-mychart').metadata!.labels).toMatchObject({ 'helm.sh/chart': 'mychart-0.1.0' });
  });

  it('only renders on a dry run', async () => {
    const world = releaseWorld();
    const release = await install(world.cfg(), createdChart(), new Map(), { releaseName: 'my-release', dryRun: 'client' });
    expect(release.info.description).toBe('Dry run complete');
    expect(release.manifest).toContain('# Source: mychart/templates/deployment.yaml');
    expect(world.store.tryGet('Deployment', 'default', 'my-release-mychart')).toBeUndefined();
    expect(world.store.list('Secret', { labelSelector: 'owner=helm' }).items).toEqual([]);
  });

  it('answers lookup from the cluster while rendering', async () => {
    const world = releaseWorld();
    world.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { colour: 'blue' } });
    const chart = chartOf({
      'Chart.yaml': 'apiVersion: v2\nname: looker\nversion: 1.0.0\n',
      'templates/cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: copy\ndata:\n  colour: {{ (lookup "v1" "ConfigMap" .Release.Namespace "settings").data.colour | quote }}\n' +
        '  missing: {{ lookup "v1" "ConfigMap" .Release.Namespace "nope" | len | quote }}\n' +
        '  namespaces: {{ (lookup "v1" "Namespace" "" "").items | len | quote }}\n',
    });
    await install(world.cfg(), chart, new Map(), { releaseName: 'looker' });
    expect((world.store.get('ConfigMap', 'default', 'copy') as KubeObject)['data']).toEqual({ colour: 'blue', missing: '0', namespaces: '4' });
  });

  it("fails with the API server's words when an object is invalid, and records the release failed", async () => {
    const world = releaseWorld();
    const chart = chartOf({
      'Chart.yaml': 'apiVersion: v2\nname: bad\nversion: 1.0.0\n',
      'templates/deploy.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: bad}\n  template:\n    metadata:\n      labels: {app: bad}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n',
    });
    const message = await failure(install(world.cfg(), chart, new Map(), { releaseName: 'bad' }));
    expect(message).toBe(
      'server-side apply failed for object default/bad apps/v1, Kind=Deployment: Deployment.apps "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    const secret = world.store.get('Secret', 'default', 'sh.helm.release.v1.bad.v1');
    expect(secret.metadata!.labels).toMatchObject({ status: 'failed', version: '1' });
  });
});
