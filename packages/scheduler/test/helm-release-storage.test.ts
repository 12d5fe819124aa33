// Releases stored as helm stores them: a Secret per revision, labelled as helm labels it, whose data
// decodes the way helm's decodeRelease decodes it (base64, gzip, JSON in helm's field order), and
// back into the same release. History is pruned to 10 revisions, never the deployed one.

import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/api/kinds.ts';
import { decodeRelease, encodeRelease, releaseJson } from '../src/helm/release/release-codec.ts';
import { install } from '../src/helm/release/install.ts';
import type { Release } from '../src/helm/release/release.ts';
import { upgrade } from '../src/helm/release/upgrade.ts';
import { GoInt } from '../src/helm/template/value.ts';
import { createdChart, releaseWorld } from './support/helm-release.ts';

/** What helm does with the Secret's data: kubectl's base64, helm's base64, gzip, JSON. */
function helmDecode(secret: KubeObject): { gzipped: Buffer; json: Record<string, unknown> } {
  const helmText = Buffer.from((secret['data'] as { release: string }).release, 'base64').toString('utf8');
  const gzipped = Buffer.from(helmText, 'base64');
  return { gzipped, json: JSON.parse(gunzipSync(gzipped).toString('utf8')) as Record<string, unknown> };
}

describe('release storage', () => {
  it('keeps each revision in a Secret kubectl can see, labelled as helm labels it', async () => {
    const world = releaseWorld();
    world.engine.runFor(90_000);
    await install(world.cfg(), createdChart(), new Map(), { releaseName: 'my-release' });
    const secret = world.store.get('Secret', 'default', 'sh.helm.release.v1.my-release.v1') as KubeObject;
    expect(secret['type']).toBe('helm.sh/release.v1');
    // Written first with createdAt, then updated to deployed: an update's labels carry modifiedAt.
    expect(secret.metadata!.labels).toEqual({ modifiedAt: '1735689690', name: 'my-release', owner: 'helm', status: 'deployed', version: '1' });
  });

  it("decodes the way helm's decodeRelease does: gzip magic, then JSON in helm's field order", async () => {
    const world = releaseWorld();
    const release = await install(world.cfg(), createdChart(), new Map([['replicaCount', new GoInt(2, 'int64')]]), { releaseName: 'my-release' });
    const { gzipped, json } = helmDecode(world.store.get('Secret', 'default', 'sh.helm.release.v1.my-release.v1') as KubeObject);
    expect([...gzipped.subarray(0, 4)]).toEqual([0x1f, 0x8b, 0x08, 0x00]);
    expect(gzipped[9]).toBe(255); // Go's gzip writer: OS unknown
    expect(Object.keys(json)).toEqual(['name', 'info', 'chart', 'config', 'manifest', 'hooks', 'version', 'namespace', 'apply_method']);
    expect(json).toMatchObject({ name: 'my-release', version: 1, namespace: 'default', apply_method: 'ssa', config: { replicaCount: 2 }, manifest: release.manifest });
    expect(json['info']).toEqual({
      first_deployed: '2025-01-01T00:00:00Z',
      last_deployed: '2025-01-01T00:00:00Z',
      description: 'Install complete',
      status: 'deployed',
      notes: release.info.notes,
    });
    const chart = json['chart'] as Record<string, unknown>;
    expect(Object.keys(chart)).toEqual(['metadata', 'lock', 'templates', 'values', 'schema', 'schemamodtime', 'files']);
    expect(chart['metadata']).toEqual({ name: 'mychart', version: '0.1.0', description: 'A Helm chart for Kubernetes', apiVersion: 'v2', appVersion: '1.16.0', type: 'application' });
    const templates = chart['templates'] as { name: string; data: string }[];
    expect(templates.map((t) => t.name)).toContain('templates/deployment.yaml');
    expect(Buffer.from(templates.find((t) => t.name === 'templates/deployment.yaml')!.data, 'base64').toString()).toContain('kind: Deployment');
    // A hook that never ran still carries its empty last_run (omitempty does not drop a struct).
    expect((json['hooks'] as unknown[])[0]).toEqual({
      name: 'my-release-mychart-test-connection',
      kind: 'Pod',
      path: 'mychart/templates/tests/test-connection.yaml',
      manifest: release.hooks[0]!.manifest,
      events: ['test'],
      last_run: { phase: '' },
    });
  });

  it('decodes a stored release back to the same release', async () => {
    const world = releaseWorld();
    const release = await install(world.cfg(), createdChart(), new Map([['image', new Map([['tag', '2.0']])]]), { releaseName: 'my-release' });
    const again = world.cfg().releases.get('my-release', 1);
    expect(releaseJson(again)).toBe(releaseJson(release));
    expect(again.config).toEqual(new Map([['image', new Map([['tag', '2.0']])]]));
  });

  it('round-trips any release through encode and decode', () => {
    const text = fc.string({ maxLength: 30 });
    const release = fc.record({
      name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
      version: fc.integer({ min: 1, max: 1000 }),
      description: text,
      notes: text,
      manifest: text,
      status: fc.constantFrom('deployed', 'failed', 'superseded', 'pending-upgrade' as const),
      at: fc.integer({ min: 0, max: 4_000_000_000_000 }),
      weight: fc.integer({ min: -5, max: 5 }),
      tag: text,
    });
    fc.assert(
      fc.property(release, (r) => {
        const chart = createdChart();
        const original: Release = {
          name: r.name,
          namespace: 'default',
          version: r.version,
          info: { firstDeployed: r.at, lastDeployed: r.at, deleted: 0, description: r.description, status: r.status, notes: r.notes },
          chart,
          config: new Map([['image', new Map([['tag', r.tag]])]]),
          manifest: r.manifest,
          hooks: [{ name: 'h', kind: 'Job', path: 'mychart/templates/h.yaml', manifest: 'kind: Job', events: ['pre-install'], lastRun: { startedAt: r.at, completedAt: r.at, phase: 'Succeeded' }, weight: r.weight, deletePolicies: ['hook-succeeded'], outputLogPolicies: [] }],
          applyMethod: 'ssa',
          labels: {},
        };
        const decoded = decodeRelease(encodeRelease(original));
        expect(releaseJson(decoded)).toBe(releaseJson(original));
        expect(decoded.info).toEqual(original.info);
        expect(decoded.hooks).toEqual(original.hooks);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps 10 revisions, dropping the oldest but never the deployed one', async () => {
    const world = releaseWorld();
    const cfg = world.cfg();
    await install(cfg, createdChart(), new Map(), { releaseName: 'web' });
    for (let i = 2; i <= 12; i++) await upgrade(cfg, 'web', createdChart(), new Map([['replicaCount', new GoInt(i, 'int64')]]));
    const versions = cfg.releases.history('web').map((r) => r.version);
    expect(versions).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const names = world.store
      .list('Secret', { namespace: 'default', labelSelector: 'owner=helm' })
      .items.map((s) => s.metadata!.name)
      .sort();
    expect(names).toHaveLength(10);
    expect(names).not.toContain('sh.helm.release.v1.web.v1');
  });
});
