// `dockyard kind load docker-image`: an image of the Docker host (built, pulled or tagged there)
// reaches every node, so a pod runs a tag no registry serves, as with kind.

import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

describe('kind load docker-image', () => {
  it('copies a local image to the nodes, where the kubelet finds it present', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('docker', 'pull', 'busybox');
    dockyard('docker', 'tag', 'busybox', 'my-box:1.0');
    const id = /sha256:[0-9a-f]{64}/.exec(dockyard('docker', 'images', '--no-trunc', 'my-box').stdout)?.[0];
    const load = dockyard('kind', 'load', 'docker-image', 'my-box:1.0');
    // kind's logger writes to standard error.
    expect(load).toMatchObject({ status: 0, stdout: '' });
    expect(load.stderr).toBe(['node-1', 'node-2', 'node-3'].map((node) => `Image: "my-box:1.0" with ID "${id}" not yet present on node "${node}", loading...\n`).join(''));
    expect(dockyard('kind', 'load', 'docker-image', 'my-box:1.0').stderr).toBe(`Image: "my-box:1.0" with ID "${id}" found to be already present on all nodes.\n`);

    dockyard('kubectl', 'run', 'box', '--image=my-box:1.0', '--', 'sleep', '3600');
    dockyard('advance', '10s');
    expect(dockyard('kubectl', 'get', 'pod', 'box').stdout).toMatch(/^box +1\/1 +Running +0 /m);
    expect(dockyard('kubectl', 'describe', 'pod', 'box').stdout).toContain('Container image "my-box:1.0" already present on machine');
  });

  it('refuses an image the Docker host does not have, as kind does', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    expect(dockyard('kind', 'load', 'docker-image', 'nope:1')).toMatchObject({ status: 1, stdout: '', stderr: 'ERROR: image: "nope:1" not present locally\n' });
  });
});
