// Revisions and `kubectl rollout undo` (reference §4): each new ReplicaSet gets the highest
// revision + 1 and the Deployment copies it; undo copies an old ReplicaSet's template back, and the
// controller finds that ReplicaSet as the new one, renumbers it to max + 1 and keeps its earlier
// numbers in deployment.kubernetes.io/revision-history; the Deployment's change-cause annotation
// travels to the new ReplicaSet (what `kubectl rollout history` lists).

import { describe, expect, it } from 'vitest';
import { revisionOf } from '../src/index.ts';
import { controllerCluster, deploymentManifest } from './support/controller-cluster.ts';
import { rolloutUndo } from './support/rollout-undo.ts';

const CAUSE = 'kubernetes.io/change-cause';

function withHistory() {
  const c = controllerCluster();
  const manifest = deploymentManifest('web', { image: 'nginx:1.25' });
  manifest.metadata!.annotations = { [CAUSE]: 'create 1.25' };
  c.store.create(manifest);
  c.engine.runFor(20_000);
  for (const version of ['1.26', '1.27']) {
    c.editDeployment('web', (d) => {
      d.metadata!.annotations = { ...d.metadata!.annotations, [CAUSE]: `set image ${version}` };
      d.spec!.template.spec!.containers[0]!.image = `nginx:${version}`;
    });
    c.engine.runFor(30_000);
  }
  return c;
}

/** `kubectl rollout history`: revision and change-cause of each ReplicaSet, oldest first. */
function history(c: ReturnType<typeof controllerCluster>) {
  return c.replicaSets('web').map((rs) => `${revisionOf(rs)} ${rs.metadata?.annotations?.[CAUSE] ?? '<none>'}`);
}

const images = (c: ReturnType<typeof controllerCluster>) => [...new Set(c.activePods({ app: 'web' }).map((p) => p.spec!.containers[0]!.image))];

describe('revisions and rollback', () => {
  it('numbers each new ReplicaSet and copies the change-cause to it', () => {
    const c = withHistory();
    expect(history(c)).toEqual(['1 create 1.25', '2 set image 1.26', '3 set image 1.27']);
    expect(c.deployment('web').metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(images(c)).toEqual(['nginx:1.27']);
  });

  it('undo brings back the previous revision as revision 4, keeping 2 in revision-history', () => {
    const c = withHistory();
    const [rev1, rev2, rev3] = c.replicaSets('web').map((rs) => rs.metadata!.name!);
    expect(rolloutUndo(c.store, 'web')).toBe('deployment.apps/web rolled back');
    c.engine.runFor(30_000);
    const rs2 = c.store.get('ReplicaSet', 'default', rev2!);
    expect(rs2.metadata!.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '4', 'deployment.kubernetes.io/revision-history': '2' });
    expect(rs2.spec!.replicas).toBe(3);
    expect(c.store.get('ReplicaSet', 'default', rev3!).spec!.replicas).toBe(0);
    expect(c.store.get('ReplicaSet', 'default', rev1!).spec!.replicas).toBe(0);
    expect(c.deployment('web').metadata!.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '4', [CAUSE]: 'set image 1.26' });
    expect(history(c)).toEqual(['1 create 1.25', '3 set image 1.27', '4 set image 1.26']);
    expect(images(c)).toEqual(['nginx:1.26']);
    // No new ReplicaSet was made: the old one came back.
    expect(c.replicaSets('web')).toHaveLength(3);
  });

  it('undo --to-revision and repeated undos keep appending to revision-history', () => {
    const c = withHistory();
    const [rev1, rev2] = c.replicaSets('web').map((rs) => rs.metadata!.name!);
    rolloutUndo(c.store, 'web');
    c.engine.runFor(30_000);
    rolloutUndo(c.store, 'web', 1);
    c.engine.runFor(30_000);
    expect(c.store.get('ReplicaSet', 'default', rev1!).metadata!.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '5', 'deployment.kubernetes.io/revision-history': '1' });
    expect(images(c)).toEqual(['nginx:1.25']);
    rolloutUndo(c.store, 'web');
    c.engine.runFor(30_000);
    expect(c.store.get('ReplicaSet', 'default', rev2!).metadata!.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '6', 'deployment.kubernetes.io/revision-history': '2,4' });
    expect(history(c)).toEqual(['3 set image 1.27', '5 create 1.25', '6 set image 1.26']);
    expect(c.deployment('web').metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('6');
  });

  it('skips a rollback to the template already running', () => {
    const c = withHistory();
    expect(rolloutUndo(c.store, 'web', 3)).toBe('deployment.apps/web skipped rollback (current template already matches revision 3)');
  });

  it('a template edited back to an old one reuses that ReplicaSet too', () => {
    const c = withHistory();
    c.setImage('web', 'nginx:1.25');
    c.engine.runFor(30_000);
    // The Deployment's change-cause (unchanged by `set image` without --record) overwrites the old one.
    expect(history(c)).toEqual(['2 set image 1.26', '3 set image 1.27', '4 set image 1.27']);
    expect(c.replicaSets('web')).toHaveLength(3);
  });
});
