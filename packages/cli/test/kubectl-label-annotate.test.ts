// kubectl label and annotate: adding, overwriting (only with --overwrite), removing with `key-`,
// listing, and kubectl's words for each outcome.
import { describe, expect, it } from 'vitest';
import { kubectlSession } from './support/kubectl-session.ts';

describe('kubectl label', () => {
  it('adds, refuses to overwrite without --overwrite, overwrites, and removes labels', async () => {
    const { run } = kubectlSession();
    await run('kubectl run web --image=nginx:1.25');
    expect(await run('kubectl label pod web tier=frontend')).toEqual({ stdout: 'pod/web labeled\n', stderr: '', status: 0 });
    expect(await run('kubectl label pod web tier=backend')).toEqual({ stdout: '', stderr: "error: 'tier' already has a value (frontend), and --overwrite is false\n", status: 1 });
    expect((await run('kubectl label pod web tier=backend --overwrite')).stdout).toBe('pod/web labeled\n');
    expect((await run('kubectl get pod web --show-labels --no-headers')).stdout).toMatch(/ {3}run=web,tier=backend\n$/);
    expect((await run('kubectl label pod web tier-')).stdout).toBe('pod/web unlabeled\n');
    expect((await run('kubectl label pod web tier-')).stdout).toBe('label "tier" not found.\npod/web not labeled\n');
    expect((await run('kubectl label pod web run=web')).stderr).toBe("error: 'run' already has a value (web), and --overwrite is false\n");
    expect((await run('kubectl label pod web --list')).stdout).toBe('run=web\n');
  });

  it('labels every object a selector picks, and says what is wrong with a label', async () => {
    const { run } = kubectlSession();
    await run('kubectl create deployment web --image=nginx:1.25 --replicas=2');
    const labeled = await run('kubectl label pods -l app=web env=prod');
    expect(labeled.stdout).toMatch(/^pod\/web-\S+ labeled\npod\/web-\S+ labeled\n$/);
    expect((await run('kubectl label pods -l app=web env=dev')).stderr).toBe(
      "'env' already has a value (prod), and --overwrite is false\n'env' already has a value (prod), and --overwrite is false\n",
    );
    expect((await run('kubectl label tier=x deploy web')).stderr).toBe('error: all resources must be specified before label changes: deploy\n');
    expect((await run('kubectl label deploy web "bad key=x"')).stderr).toMatch(/^The Deployment "web" is invalid: metadata\.labels: Invalid value: "bad key": name part must consist of alphanumeric characters/);
    expect((await run('kubectl label deploy web tier=a=b')).stderr).toBe('error: invalid label spec: tier=a=b\n');
    expect((await run('kubectl label deploy web tier=-bad')).stderr).toMatch(/^error: invalid label value: "tier=-bad": a valid label must be an empty string or consist of alphanumeric characters/);
    expect((await run('kubectl label deploy web a=1 a-')).stderr).toBe('error: can not both modify and remove a label in the same command\n');
    expect((await run('kubectl label deploy web')).stderr).toBe('error: at least one label update is required\n');
  });
});

describe('kubectl annotate', () => {
  it('adds, refuses to overwrite, and removes annotations', async () => {
    const { run } = kubectlSession();
    await run('kubectl create deployment web --image=nginx:1.25');
    expect((await run("kubectl annotate deployment web description='my frontend'")).stdout).toBe('deployment.apps/web annotated\n');
    expect((await run('kubectl annotate deployment web description=other')).stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'description' already has a value (my frontend)\n",
    );
    expect((await run('kubectl annotate deployment web description=other --overwrite')).stdout).toBe('deployment.apps/web annotated\n');
    expect((await run('kubectl get deploy web -o jsonpath={.metadata.annotations.description}')).stdout).toBe('other');
    expect((await run('kubectl annotate deployment web description-')).stdout).toBe('deployment.apps/web annotated\n');
    expect((await run('kubectl get deploy web -o jsonpath={.metadata.annotations.description}')).stdout).toBe('');
  });
});
