// kubectl rollout status|history|undo|pause|resume|restart, set image and scale on the tutorial's
// Deployment. Its image my-app:1.0 is in no registry, so its pods never become available: what
// is checked here is what kubectl prints and what it changes, whatever the nodes do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubectlSession } from './support/kubectl-session.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures/kubectl', name), 'utf8');

async function deployed() {
  const session = kubectlSession();
  session.write('deployment.yaml', fixture('my-app-deployment.yaml'));
  await session.run('kubectl apply -f deployment.yaml');
  session.advance(5_000);
  return session;
}

describe('kubectl rollout', () => {
  it('status waits in virtual time and gives up at --timeout with kubectl error', async () => {
    const { run, world } = await deployed();
    const start = world.engine.now;
    expect(await run('kubectl rollout status deployment/my-app --timeout=30s')).toEqual({
      stdout: 'Waiting for deployment "my-app" rollout to finish: 0 of 3 updated replicas are available...\n',
      stderr: 'error: timed out waiting for the condition\n',
      status: 1,
    });
    expect(world.engine.now - start).toBe(30_000);
    expect((await run('kubectl rollout status deployment/my-app --watch=false')).stdout).toBe(
      'Waiting for deployment "my-app" rollout to finish: 0 of 3 updated replicas are available...\n',
    );
    expect((await run('kubectl rollout status pod/nothing')).stderr).toBe('Error from server (NotFound): pods "nothing" not found\n');
  });

  it('status refuses kinds without a status viewer', async () => {
    const { run } = await deployed();
    await run('kubectl run web --image=nginx:1.25');
    expect((await run('kubectl rollout status pod/web')).stderr).toBe('error: no status viewer has been implemented for Pod\n');
  });

  it('set image starts revision 2, undo goes back to the first template as revision 3', async () => {
    const { run, advance } = await deployed();
    expect(await run('kubectl set image deployment/my-app app=my-app:2.0')).toEqual({ stdout: 'deployment.apps/my-app image updated\n', stderr: '', status: 0 });
    expect(await run('kubectl set image deployment/my-app app=my-app:2.0')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await run('kubectl set image deployment/my-app web=nginx')).stderr).toBe('error: unable to find container named "web"\n');
    advance(5_000);
    expect((await run('kubectl rollout history deployment/my-app')).stdout).toBe('deployment.apps/my-app \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect((await run('kubectl rollout history deployment/my-app --revision=2')).stdout).toContain('    Image:\tmy-app:2.0\n');
    expect((await run('kubectl rollout history deployment/my-app --revision=7')).stderr).toBe('error: unable to find the specified revision\n');
    expect((await run('kubectl rollout undo deployment/my-app')).stdout).toBe('deployment.apps/my-app rolled back\n');
    advance(5_000);
    expect((await run('kubectl get deployment my-app -o jsonpath={.spec.template.spec.containers[0].image}')).stdout).toBe('my-app:1.0');
    expect((await run('kubectl rollout history deployment/my-app')).stdout).toBe('deployment.apps/my-app \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect((await run('kubectl rollout undo deployment/my-app --to-revision=3')).stdout).toBe(
      'deployment.apps/my-app skipped rollback (current template already matches revision 3)\n',
    );
    expect((await run('kubectl rollout undo deployment/my-app --to-revision=9')).stderr).toBe('error: unable to find specified revision 9 in history\n');
  });

  it('pause, resume and restart patch the deployment and say so', async () => {
    const { run } = await deployed();
    expect((await run('kubectl rollout undo deployment/my-app')).stderr).toBe('error: no rollout history found for deployment "my-app"\n');
    await run('kubectl set image deployment/my-app app=my-app:2.0');
    expect((await run('kubectl rollout pause deployment/my-app')).stdout).toBe('deployment.apps/my-app paused\n');
    expect((await run('kubectl rollout pause deployment/my-app')).stdout).toBe('deployment.apps/my-app already paused\n');
    expect((await run('kubectl rollout undo deployment/my-app')).stderr).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/my-app' and try again\n",
    );
    expect((await run('kubectl rollout restart deployment/my-app')).stderr).toBe(
      'error: deployments.apps "my-app" can\'t restart paused deployment (run rollout resume first)\n',
    );
    expect((await run('kubectl rollout resume deployment/my-app')).stdout).toBe('deployment.apps/my-app resumed\n');
    expect((await run('kubectl rollout resume deployment/my-app')).stdout).toBe('deployment.apps/my-app already resumed\n');
    expect((await run('kubectl rollout restart deployment/my-app')).stdout).toBe('deployment.apps/my-app restarted\n');
    expect((await run('kubectl get deploy my-app -o jsonpath={.spec.template.metadata.annotations}')).stdout).toBe(
      '{"kubectl.kubernetes.io/restartedAt":"2025-01-01T00:00:05Z"}',
    );
  });

  it('scale sets the replicas and checks --current-replicas first', async () => {
    const { run, advance } = await deployed();
    expect((await run('kubectl scale deployment/my-app --replicas=5')).stdout).toBe('deployment.apps/my-app scaled\n');
    advance(1_000);
    expect((await run('kubectl get deployment my-app')).stdout).toBe('NAME     READY   UP-TO-DATE   AVAILABLE   AGE\nmy-app   0/5     5            0           6s\n');
    expect((await run('kubectl scale deployment/my-app --current-replicas=3 --replicas=1')).stderr).toBe('error: Expected replicas to be 3, was 5\n');
    expect((await run('kubectl get pods --no-headers')).stdout.trim().split('\n')).toHaveLength(5);
  });
});
