// Image pulls that fail (reference §1): a failed pull is ErrImagePull with containerd's message
// and starts the image back-off; syncs inside the window say ImagePullBackOff (v1.32+: with the
// previous error appended) without pulling; the next attempt comes 10 s, then 20 s, 40 s ... after
// the last failure. Pull secrets, pull policies and registry outages take their real paths.

import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { summarizePod } from '../../cli/src/kubectl/printers/pod.ts';
import { kubeletCluster, podManifest } from './support/kubelet-cluster.ts';

const NOT_FOUND =
  'failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found';

function statusLog(c: ReturnType<typeof kubeletCluster>, name: string) {
  const log: [number, string, string | undefined][] = [];
  c.store.watch('Pod', {}, ({ object }) => {
    if (object.metadata!.name !== name) return;
    const status = summarizePod(object as Pod, c.engine.now).status;
    const message = object.status?.containerStatuses?.[0]?.state?.waiting?.message;
    if (log.at(-1)?.[1] !== status || log.at(-1)?.[2] !== message) log.push([c.engine.now, status, message]);
  });
  return log;
}

describe('image pull back-off', () => {
  it('alternates ErrImagePull and ImagePullBackOff, pulling again 10, 20, 40 s after each failure', () => {
    const c = kubeletCluster();
    const log = statusLog(c, 'web');
    c.apply(podManifest('web', { containers: [{ name: 'nginx', image: 'nginx:1.161' }] }));
    c.engine.runFor(75_000);
    expect(log).toEqual([
      [0, 'Pending', undefined],
      [0, 'ContainerCreating', undefined],
      [1000, 'ErrImagePull', NOT_FOUND],
      [2000, 'ImagePullBackOff', `Back-off pulling image "nginx:1.161": ErrImagePull: ${NOT_FOUND}`],
      [11_000, 'ErrImagePull', NOT_FOUND],
      [12_000, 'ImagePullBackOff', `Back-off pulling image "nginx:1.161": ErrImagePull: ${NOT_FOUND}`],
      [31_000, 'ErrImagePull', NOT_FOUND],
      [32_000, 'ImagePullBackOff', `Back-off pulling image "nginx:1.161": ErrImagePull: ${NOT_FOUND}`],
      [71_000, 'ErrImagePull', NOT_FOUND],
      [72_000, 'ImagePullBackOff', `Back-off pulling image "nginx:1.161": ErrImagePull: ${NOT_FOUND}`],
    ]);
    const pulls = c.eventObjects('Pod', 'web').find((e) => e.reason === 'Pulling')!;
    expect(pulls.count).toBe(4);
    expect(c.events('Pod', 'web')).toEqual([
      expect.stringMatching(/^Scheduled /),
      'Pulling Pulling image "nginx:1.161"',
      `Failed Failed to pull image "nginx:1.161": ${NOT_FOUND}`,
      'Failed Error: ErrImagePull',
      'BackOff Back-off pulling image "nginx:1.161"',
      'Failed Error: ImagePullBackOff',
    ]);
    expect(c.row('web')).toEqual({ ready: '0/1', status: 'ImagePullBackOff', restarts: '0' });
  });

  it('words Docker Hub refusals, private registries and outages as containerd does', () => {
    const c = kubeletCluster();
    c.cluster.images.registries.create('registry.example.com', { users: { ci: 's3cret' } });
    c.apply(podManifest('nope', { containers: [{ name: 'app', image: 'nosuchuser/nosuchimage' }] }));
    c.apply(podManifest('private', { containers: [{ name: 'app', image: 'registry.example.com/app:1.0' }] }));
    c.engine.runFor(500);
    c.cluster.registryOutage('docker.io', true);
    c.apply(podManifest('outage', { containers: [{ name: 'app', image: 'redis:7-alpine' }] }));
    c.engine.runFor(1500);
    // The error of the last pull, as ErrImagePull says it and the back-off message repeats it.
    const pullError = (name: string) => c.pod(name).status!.containerStatuses![0]!.state!.waiting!.message!.replace(/^Back-off pulling image "[^"]*": ErrImagePull: /, '');
    expect(pullError('nope')).toBe(
      'failed to pull and unpack image "docker.io/nosuchuser/nosuchimage:latest": failed to resolve reference "docker.io/nosuchuser/nosuchimage:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(pullError('private')).toBe(
      'failed to pull and unpack image "registry.example.com/app:1.0": failed to resolve reference "registry.example.com/app:1.0": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials',
    );
    expect(pullError('outage')).toBe(
      'failed to pull and unpack image "docker.io/library/redis:7-alpine": failed to resolve reference "docker.io/library/redis:7-alpine": unexpected status from HEAD request to https://registry-1.docker.io/v2/library/redis/manifests/7-alpine: 503 Service Unavailable',
    );
    // The registry comes back: the next attempt after the back-off pulls and starts the container.
    c.cluster.registryOutage('docker.io', false);
    c.engine.runFor(15_000);
    expect(c.row('outage')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });

  it('pulls with the credentials of an imagePullSecret', () => {
    const c = kubeletCluster();
    const registry = c.cluster.images.registries.create('registry.example.com', { users: { ci: 's3cret' } });
    expect(registry.isPrivate).toBe(true);
    const auth = Buffer.from(JSON.stringify({ auths: { 'registry.example.com': { username: 'ci', password: 'wrong', auth: Buffer.from('ci:wrong').toString('base64') } } })).toString('base64');
    c.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'regcred', namespace: 'default' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': auth } });
    c.apply(podManifest('private', { imagePullSecrets: [{ name: 'regcred' }], containers: [{ name: 'app', image: 'registry.example.com/app:1.0' }] }));
    c.engine.runFor(1500);
    expect(c.pod('private').status!.containerStatuses![0]!.state!.waiting!.message).toBe(
      'failed to pull and unpack image "registry.example.com/app:1.0": failed to resolve reference "registry.example.com/app:1.0": unexpected status from HEAD request to https://registry.example.com/v2/app/manifests/1.0: 401 Unauthorized',
    );
  });

  it('fails a missing image under pullPolicy Never, and a bad reference, without back-off', () => {
    const c = kubeletCluster();
    c.apply(podManifest('never', { containers: [{ name: 'app', image: 'redis:7-alpine', imagePullPolicy: 'Never' }] }));
    c.apply(podManifest('upper', { containers: [{ name: 'app', image: 'Nginx' }] }));
    c.engine.runFor(1500);
    expect(c.row('never').status).toBe('ErrImageNeverPull');
    expect(c.pod('never').status!.containerStatuses![0]!.state!.waiting!.message).toBe('Container image "redis:7-alpine" is not present with pull policy of Never');
    expect(c.events('Pod', 'never')).toContain('ErrImageNeverPull Container image "redis:7-alpine" is not present with pull policy of Never');
    expect(c.row('upper').status).toBe('InvalidImageName');
    expect(c.events('Pod', 'upper')).toContain(
      'InspectFailed Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase',
    );
  });
});
