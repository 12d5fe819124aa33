// The charts of the helm corpus (shared/corpus/helm) on the cluster: hello-world and mychart
// install, upgrade and uninstall, leaving exactly the objects their manifests name. alpine cannot
// be installed on a real cluster either: its `app.kubernetes.io/version: {{ .Chart.AppVersion }}`
// renders the label unquoted as the number 3.9, which the API server refuses.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { install, ReleaseActionError } from '../src/helm/release/install.ts';
import { uninstall } from '../src/helm/release/uninstall.ts';
import { upgrade } from '../src/helm/release/upgrade.ts';
import { chartFromDisk, CORPUS, releaseWorld } from './support/helm-release.ts';

const charts = readdirSync(CORPUS).sort();

describe('the corpus charts', () => {
  it('are the ones we expect', () => {
    expect(charts).toEqual(['alpine', 'hello-world', 'mychart']);
  });

  it('alpine is refused: a label value must be a string', async () => {
    const world = releaseWorld();
    const error = await install(world.cfg(), chartFromDisk(join(CORPUS, 'alpine')), new Map(), { releaseName: 'corpus' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseActionError);
    expect((error as Error).message).toBe(
      'server-side apply failed for object default/corpus-my-alpine /v1, Kind=Pod: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Pod.metadata.labels.app.kubernetes.io~1version of type string',
    );
    expect(world.cfg().releases.last('corpus').info.status).toBe('failed');
  });

  it.each(charts.filter((c) => c !== 'alpine'))('%s installs, upgrades and uninstalls', async (name) => {
    const world = releaseWorld();
    const cfg = world.cfg();
    const chart = chartFromDisk(join(CORPUS, name));
    const release = await install(cfg, chart, new Map(), { releaseName: 'corpus' });
    expect(release.info.status).toBe('deployed');
    const objects = cfg.kube.build(release.manifest, 'default');
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) expect(cfg.kube.get(o), `${o.type.kind}/${o.name}`).toBeDefined();
    await upgrade(cfg, 'corpus', chartFromDisk(join(CORPUS, name)), new Map());
    await uninstall(cfg, 'corpus');
    for (const o of objects) expect(cfg.kube.get(o)).toBeUndefined();
  });
});
