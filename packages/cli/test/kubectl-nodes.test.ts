// kubectl cordon, uncordon and drain, on a node of its own (`worker-a`, registered by hand with
// its status) so the pods put on it stay there whatever the kubelets do. kubectl groups a
// node's refusals in a Go map (random order); Dockyard keeps the order the pods were listed in.
import { describe, expect, it } from 'vitest';
import { kubectlSession } from './support/kubectl-session.ts';

const NODE = `apiVersion: v1
kind: Node
metadata:
  name: worker-a
  labels:
    kubernetes.io/hostname: worker-a
status:
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  conditions:
  - type: Ready
    status: "True"
`;

/** A pod bound to worker-a: `owner` makes it a ReplicaSet's or DaemonSet's, `emptyDir` gives it local data. */
function pod(name: string, options: { owner?: string; emptyDir?: boolean } = {}): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${options.owner === undefined ? '' : `  ownerReferences:\n  - {apiVersion: apps/v1, kind: ${options.owner.split('/')[0]}, name: ${options.owner.split('/')[1]}, uid: ${options.owner.split('/')[1]}-uid, controller: true}\n`}spec:
  nodeName: worker-a
  containers:
  - name: app
    image: nginx:1.25
${options.emptyDir === true ? '    volumeMounts:\n    - {name: scratch, mountPath: /scratch}\n  volumes:\n  - {name: scratch, emptyDir: {}}\n' : ''}`;
}

async function cluster() {
  const session = kubectlSession();
  session.write('node.yaml', NODE);
  expect((await session.run('kubectl apply -f node.yaml')).stdout).toBe('node/worker-a created\n');
  return session;
}

describe('kubectl cordon and uncordon', () => {
  it('mark the node (un)schedulable and say when it already was', async () => {
    const { run } = await cluster();
    expect(await run('kubectl cordon worker-a')).toEqual({ stdout: 'node/worker-a cordoned\n', stderr: '', status: 0 });
    expect((await run('kubectl cordon worker-a')).stdout).toBe('node/worker-a already cordoned\n');
    expect((await run('kubectl get node worker-a')).stdout).toBe('NAME       STATUS                     ROLES    AGE   VERSION\nworker-a   Ready,SchedulingDisabled   <none>   0s    \n');
    expect((await run('kubectl uncordon worker-a')).stdout).toBe('node/worker-a uncordoned\n');
    expect((await run('kubectl uncordon worker-a --dry-run=client')).stdout).toBe('node/worker-a already uncordoned (dry run)\n');
    expect((await run('kubectl cordon')).stderr).toBe("error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n");
    expect((await run('kubectl cordon worker-z')).stderr).toBe('Error from server (NotFound): nodes "worker-z" not found\n');
  });
});

describe('kubectl drain', () => {
  it('refuses pods it must not delete, naming them, and leaves them', async () => {
    const { run, write } = await cluster();
    write('pods.yaml', [pod('bare'), pod('agent', { owner: 'DaemonSet/agent' }), pod('cache', { owner: 'ReplicaSet/cache', emptyDir: true })].join('---\n'));
    await run('kubectl apply -f pods.yaml');
    const refused = await run('kubectl drain worker-a');
    expect(refused.stdout).toBe('node/worker-a cordoned\n');
    expect(refused.stderr).toBe(
      'error: unable to drain node "worker-a" due to error: [cannot delete daemonsets.apps "agent" not found: default/agent, cannot delete Pods that declare no controller (use --force to override): default/bare, cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache], continuing command...\n' +
        'There are pending nodes to be drained:\n worker-a\n' +
        'cannot delete daemonsets.apps "agent" not found: default/agent\ncannot delete Pods that declare no controller (use --force to override): default/bare\ncannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache\n',
    );
    expect(refused.status).toBe(1);
    expect((await run('kubectl get pods -o name')).stdout).toBe('pod/agent\npod/bare\npod/cache\n');
  });

  it('evicts what may go, prints each eviction, and reports the node drained', async () => {
    const { run, write } = await cluster();
    write('pods.yaml', [pod('bare'), pod('cache', { owner: 'ReplicaSet/cache', emptyDir: true })].join('---\n'));
    await run('kubectl apply -f pods.yaml');
    expect(await run('kubectl drain worker-a --force --delete-emptydir-data --grace-period=0')).toEqual({
      stdout: 'node/worker-a cordoned\nevicting pod default/bare\nevicting pod default/cache\npod/bare evicted\npod/cache evicted\nnode/worker-a drained\n',
      stderr: 'Warning: deleting Pods that declare no controller: default/bare; deleting Pods with local storage: default/cache\n',
      status: 0,
    });
    expect((await run('kubectl get pods')).stderr).toBe('No resources found in default namespace.\n');
  });

  it('lists the evictions it would make under --dry-run=client', async () => {
    const { run, write } = await cluster();
    write('pods.yaml', pod('web', { owner: 'ReplicaSet/web' }));
    await run('kubectl apply -f pods.yaml');
    expect((await run('kubectl drain worker-a --dry-run=client')).stdout).toBe('node/worker-a cordoned (dry run)\nevicting pod default/web (dry run)\nnode/worker-a drained (dry run)\n');
    expect((await run('kubectl get node worker-a -o jsonpath={.spec.unschedulable}')).stdout).toBe('');
  });
});
