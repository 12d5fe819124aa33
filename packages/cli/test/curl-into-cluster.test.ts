// `dockyard curl` from the user's machine into the cluster: a NodePort on localhost and a
// LoadBalancer's address reach the pods behind the Service (through the node owning each pod's
// address), and a Service without endpoints refuses the connection.

import { describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

describe('dockyard curl into the cluster', () => {
  it('reaches pods through NodePorts and load balancers', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    dockyard('kubectl', 'create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=3');
    dockyard('kubectl', 'expose', 'deployment', 'web', '--name=web-np', '--type=NodePort', '--port=80');
    dockyard('kubectl', 'expose', 'deployment', 'web', '--name=web-lb', '--type=LoadBalancer', '--port=80');
    dockyard('advance', '30s');
    const nodePort = /80:(\d+)\/TCP/.exec(dockyard('kubectl', 'get', 'service', 'web-np').stdout)?.[1];
    expect(nodePort).toMatch(/^3\d{4}$/);
    expect(dockyard('curl', '-s', `http://localhost:${nodePort}/`).stdout).toContain('<title>Welcome to nginx!</title>');
    expect(dockyard('curl', '-s', 'http://172.18.0.3:' + nodePort + '/').stdout).toContain('<title>Welcome to nginx!</title>');
    expect(dockyard('kubectl', 'get', 'service', 'web-lb').stdout).toMatch(/^web-lb +LoadBalancer +\S+ +172\.18\.255\.200 +80:3\d{4}\/TCP/m);
    expect(dockyard('curl', '-s', 'http://172.18.255.200/').stdout).toContain('<title>Welcome to nginx!</title>');

    dockyard('kubectl', 'scale', 'deployment', 'web', '--replicas=0');
    dockyard('advance', '1m');
    expect(dockyard('curl', '-sS', `http://localhost:${nodePort}/`)).toMatchObject({ status: 7, stderr: `curl: (7) Failed to connect to localhost port ${nodePort} after 0 ms: Couldn't connect to server\n` });
  });
});
