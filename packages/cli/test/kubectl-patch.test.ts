// kubectl patch: strategic merge (the default), JSON merge and JSON patches of live objects, the
// `patched` / `patched (no change)` lines, dry runs that store nothing, the rollout a template
// patch starts, and kubectl's words (checked against the stock 1.33 client) for each mistake.
import { describe, expect, it } from 'vitest';
import { kubectlInstalled } from './support/fake-apiserver.ts';
import { kubectlSession } from './support/kubectl-session.ts';
import { useServe } from './support/serve-dockyard.ts';

async function withDeployment(replicas = 2) {
  const session = kubectlSession();
  await session.run(`kubectl create deployment web --image=nginx:1.25 --replicas=${replicas}`);
  session.advance(60_000);
  return session;
}

const field = async (run: (line: string) => Promise<{ stdout: string }>, path: string) =>
  (await run(`kubectl get deployment web -o jsonpath={${path}}`)).stdout;

describe('kubectl patch', () => {
  it('applies strategic, merge and JSON patches and says when nothing changed', async () => {
    const { run } = await withDeployment();
    expect(await run(`kubectl patch deployment web -p '{"spec":{"replicas":5}}'`)).toEqual({ stdout: 'deployment.apps/web patched\n', stderr: '', status: 0 });
    expect(await field(run, '.spec.replicas')).toBe('5');
    expect(await run(`kubectl patch deployment web -p '{"spec":{"replicas":5}}'`)).toEqual({ stdout: 'deployment.apps/web patched (no change)\n', stderr: '', status: 0 });
    expect((await run(`kubectl patch deploy/web --type merge -p '{"metadata":{"labels":{"tier":"front"}}}'`)).stdout).toBe('deployment.apps/web patched\n');
    expect(await field(run, '.metadata.labels.tier')).toBe('front');
    expect((await run(`kubectl patch deploy/web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":3}]'`)).stdout).toBe('deployment.apps/web patched\n');
    expect(await field(run, '.spec.replicas')).toBe('3');
    expect((await run(`kubectl patch deploy web --type=JSON -p '[{"op":"test","path":"/spec/replicas","value":3}]'`)).stdout).toBe('deployment.apps/web patched (no change)\n');
  });

  it('patches the objects that exist and reports the missing ones after them', async () => {
    const { run } = await withDeployment();
    expect(await run(`kubectl patch deployment nope web -p '{"spec":{"replicas":4}}'`)).toEqual({
      stdout: 'deployment.apps/web patched\n',
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      status: 1,
    });
    expect(await field(run, '.spec.replicas')).toBe('4');
  });

  it('reads the patch as YAML, from --patch-file, names objects with -f and prints -o name|json', async () => {
    const { run, write } = await withDeployment();
    expect((await run(`kubectl patch deployment web -p 'spec:\n  replicas: 4'`)).stdout).toBe('deployment.apps/web patched\n');
    expect(await field(run, '.spec.replicas')).toBe('4');
    write('replicas.yaml', 'spec:\n  replicas: 1\n');
    expect((await run('kubectl patch deployment web --patch-file replicas.yaml -o name')).stdout).toBe('deployment.apps/web\n');
    expect(await field(run, '.spec.replicas')).toBe('1');
    write('web.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    expect((await run(`kubectl patch -f web.yaml -p '{"spec":{"replicas":2}}'`)).stdout).toBe('deployment.apps/web patched\n');
    const printed = JSON.parse((await run(`kubectl patch deployment web --type merge -p '{"spec":{"paused":true}}' -o json`)).stdout);
    expect([printed.kind, printed.spec.replicas, printed.spec.paused]).toEqual(['Deployment', 2, true]);
  });

  it('with --local patches the manifest from -f and prints it, leaving the cluster alone', async () => {
    const { run, write } = await withDeployment();
    write('web.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 9\n');
    expect((await run(`kubectl patch -f web.yaml --local -p '{"spec":{"replicas":6}}' -o jsonpath={.spec.replicas}`)).stdout).toBe('6');
    expect((await run(`kubectl patch -f web.yaml --local --type merge -p '{"spec":{"replicas":9}}'`)).stdout).toBe('deployment.apps/web patched (no change)\n');
    expect((await run(`kubectl patch -f web.yaml --local --type json -p '[{"op":"remove","path":"/spec/foo"}]'`)).stderr).toBe(
      'error: remove operation does not apply: doc is missing path: "/spec/foo": missing value\n',
    );
    expect((await run(`kubectl patch deployment web --local -p '{}'`)).stderr).toBe('error: cannot specify --local and server resources\n');
    expect((await run(`kubectl patch -f web.yaml --local --dry-run=server -p '{}'`)).stderr).toBe('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n');
    expect(await field(run, '.spec.replicas')).toBe('2');
  });

  it('stores nothing under --dry-run, and prints no dry-run suffix (the stock client drops it)', async () => {
    const { run } = await withDeployment();
    expect(await run(`kubectl patch deployment web -p '{"spec":{"replicas":7}}' --dry-run=client`)).toEqual({ stdout: 'deployment.apps/web patched\n', stderr: '', status: 0 });
    expect(await run(`kubectl patch deployment web -p '{"spec":{"replicas":7}}' --dry-run=server`)).toEqual({ stdout: 'deployment.apps/web patched\n', stderr: '', status: 0 });
    expect((await run(`kubectl patch deployment web -p '{"spec":{"replicas":7}}' --dry-run=server -o jsonpath={.spec.replicas}`)).stdout).toBe('7');
    expect((await run(`kubectl patch deployment web -p '{"spec":{"replicas":2}}' --dry-run=client`)).stdout).toBe('deployment.apps/web patched (no change)\n');
    expect(await field(run, '.spec.replicas')).toBe('2');
  });

  it('patches the status subresource', async () => {
    const { run } = await withDeployment();
    expect((await run(`kubectl patch deployment web --subresource status --type merge -p '{"status":{"observedGeneration":42}}' -o jsonpath={.status.observedGeneration}`)).stdout).toBe('42');
    expect((await run(`kubectl patch deployment web --subresource foo -p '{}'`)).stderr).toBe('Error from server (NotFound): the server could not find the requested resource\n');
  });

  it('patches the scale subresource: the Scale is what changes and what is printed', async () => {
    const { run, write } = await withDeployment();
    expect(await run(`kubectl patch deployment web --subresource=scale --type=merge -p '{"spec":{"replicas":3}}'`)).toEqual({ stdout: 'scale.autoscaling/web patched\n', stderr: '', status: 0 });
    expect(await field(run, '.spec.replicas')).toBe('3');
    expect((await run(`kubectl patch deployment web --subresource=scale --type=merge -p '{"spec":{"replicas":3}}'`)).stdout).toBe('scale.autoscaling/web patched (no change)\n');
    // Only spec.replicas is written back; the Scale's status is the Deployment's.
    expect((await run(`kubectl patch deployment web --subresource=scale -p '{"status":{"replicas":9}}'`)).stdout).toBe('scale.autoscaling/web patched (no change)\n');
    const printed = (await run(`kubectl patch deploy/web --subresource scale --type json -p '[{"op":"replace","path":"/spec/replicas","value":4}]' -o 'jsonpath={.apiVersion} {.kind} {.spec.replicas} {.status.replicas} {.status.selector}'`)).stdout;
    expect(printed).toBe('autoscaling/v1 Scale 4 3 app=web');
    expect((await run(`kubectl patch deployment web --subresource=scale -p '{"spec":{"replicas":1}}' --dry-run=server -o name`)).stdout).toBe('scale.autoscaling/web\n');
    expect(await field(run, '.spec.replicas')).toBe('4');
    expect((await run(`kubectl patch deployment web --subresource=scale -p '{"spec":{"replicas":-1}}'`)).stderr).toBe('The Scale "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
    write('rs.yaml', 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: front\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: front\n  template:\n    metadata:\n      labels:\n        app: front\n    spec:\n      containers:\n      - name: c\n        image: nginx\n');
    await run('kubectl apply -f rs.yaml');
    expect((await run(`kubectl patch rs front --subresource=scale -p '{"spec":{"replicas":2}}'`)).stdout).toBe('scale.autoscaling/front patched\n');
    expect((await run('kubectl get rs front -o jsonpath={.spec.replicas}')).stdout).toBe('2');
    await run('kubectl create configmap settings');
    expect(await run(`kubectl patch configmap settings --subresource=scale -p '{}'`)).toEqual({ stdout: '', stderr: 'Error from server (NotFound): the server could not find the requested resource\n', status: 1 });
    expect((await run(`kubectl patch configmap settings --subresource=status -p '{}'`)).stderr).toBe('Error from server (NotFound): the server could not find the requested resource\n');
  });

  it('scales a Deployment, and a template patch rolls out a new ReplicaSet like set image', async () => {
    const { run, advance } = await withDeployment();
    expect((await run(`kubectl patch deployment web -p '{"spec":{"replicas":3}}'`)).stdout).toBe('deployment.apps/web patched\n');
    advance(60_000);
    expect((await run('kubectl get deployment web --no-headers')).stdout).toMatch(/^web {3}3\/3 {3}3 {5}3 {5}\dm\n$/);
    const before = (await run('kubectl get rs -l app=web -o name')).stdout;
    expect(before.trim().split('\n')).toHaveLength(1);
    expect((await run(`kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}'`)).stdout).toBe('deployment.apps/web patched\n');
    expect((await run('kubectl rollout status deployment/web --timeout=5m')).stdout).toMatch(/deployment "web" successfully rolled out\n$/);
    const after = (await run('kubectl get rs -l app=web -o name')).stdout.trim().split('\n');
    expect(after).toHaveLength(2);
    expect((await run('kubectl get rs -l app=web -o \'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image}={.spec.replicas} {end}\'')).stdout.split(' ').sort()).toEqual(['', 'nginx:1.25=0', 'nginx:1.26=3']);
    advance(60_000); // the old pods' 30 s grace period
    expect((await run('kubectl get pods -l app=web -o jsonpath={.items[*].spec.containers[0].image}')).stdout).toBe('nginx:1.26 nginx:1.26 nginx:1.26');
    expect((await run('kubectl rollout history deployment/web')).stdout).toMatch(/^deployment\.apps\/web \nREVISION {2}CHANGE-CAUSE\n1 {9}<none>\n2 {9}<none>\n/);
  });

  it('refuses bad requests with kubectl words, exit 1, and changes nothing', async () => {
    const { run, world } = await withDeployment();
    const version = world.cluster.store.get('Deployment.apps', 'default', 'web').metadata?.resourceVersion;
    const refused = async (line: string, stderr: string) => expect(await run(line)).toEqual({ stdout: '', stderr, status: 1 });
    await refused('kubectl patch deployment web', 'error: must specify --patch or --patch-file containing the contents of the patch\n');
    await refused(`kubectl patch deployment web -p '{}' --patch-file p.yaml`, 'error: cannot specify --patch and --patch-file together\n');
    await refused('kubectl patch deployment web --patch-file nope.yaml', 'error: unable to read patch file: open nope.yaml: no such file or directory\n');
    await refused(`kubectl patch deployment web --type foo -p '{}'`, 'error: --type must be one of [json merge strategic], not "foo"\n');
    // A strategic merge patch's decoding errors come bare; merge and JSON patches are decoded strictly first.
    await refused(`kubectl patch deployment web -p '{"spec":'`, 'Error from server (BadRequest): unexpected end of JSON input\n');
    await refused(`kubectl patch deployment web -p '{"spec": [}'`, "Error from server (BadRequest): invalid character '}' looking for beginning of value\n");
    await refused(`kubectl patch deployment web -p '{"spec" 1}'`, "Error from server (BadRequest): invalid character '1' after object key\n");
    await refused(`kubectl patch deployment web -p 'replicas'`, 'Error from server (BadRequest): json: cannot unmarshal string into Go value of type map[string]interface {}\n');
    await refused(`kubectl patch deployment web --type merge -p '{"spec":{"replicas":01}}'`, "Error from server (BadRequest): error decoding patch: invalid character '1' after object key:value pair\n");
    await refused(`kubectl patch deployment web --type merge -p '{"spec":tru}'`, "Error from server (BadRequest): error decoding patch: invalid character '}' in literal true (expecting 'e')\n");
    await refused(`kubectl patch deployment web --type json -p '{"op":"remove"}'`, 'Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp\n');
    await refused(`kubectl patch deployment web --type json -p '[{"op":1}]'`, 'Error from server (BadRequest): error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string\n');
    await refused(`kubectl patch deployment web --type json -p '{"op":'`, 'Error from server (BadRequest): error decoding patch: unexpected end of JSON input\n');
    // Only text opening with { goes as JSON (yaml.ToJSON); [ ... ,] is a YAML flow sequence.
    expect((await run(`kubectl patch deployment web --type json -p '[{"op":"replace","path":"/spec/replicas","value":2},]'`)).stdout).toBe('deployment.apps/web patched (no change)\n');
    // Decoding comes after the lookup: a missing object is NotFound whatever the patch.
    await refused(`kubectl patch deployment nope -p '{"spec":'`, 'Error from server (NotFound): deployments.apps "nope" not found\n');
    expect((await run(`kubectl patch deployment web -p 'spec: [a'`)).stderr).toMatch(/^error: unable to parse "spec: \[a": yaml: line 1: /);
    await refused(`kubectl patch deployment nope -p '{"spec":{}}'`, 'Error from server (NotFound): deployments.apps "nope" not found\n');
    await refused(`kubectl patch -n kube-system deployment web -p '{"spec":{}}'`, 'Error from server (NotFound): deployments.apps "web" not found\n');
    await refused(`kubectl patch foos nope -p '{}'`, 'error: the server doesn\'t have a resource type "foos"\n');
    await refused(`kubectl patch deployment -p '{}'`, 'error: resource(s) were provided, but no name was specified\n');
    await refused(
      `kubectl patch -p '{}'`,
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    // A JSON patch that decodes but does not apply: 422 with the generic message only.
    const unprocessable = 'The request is invalid: the server rejected our request due to an error in our request\n';
    await refused(`kubectl patch deployment web --type json -p '[{"op":"remove","path":"/spec/foo"}]'`, unprocessable);
    await refused(`kubectl patch deployment web --type json -p '[{"op":"test","path":"/spec/replicas","value":9}]'`, unprocessable);
    await refused(`kubectl patch deployment web --subresource=scale --type json -p '[{"op":"test","path":"/spec/replicas","value":9}]'`, unprocessable);
    await refused(`kubectl patch deployment web -p '{"spec":{"replicas":-1}}'`, 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
    expect(world.cluster.store.get('Deployment.apps', 'default', 'web').metadata?.resourceVersion).toBe(version);
  });

  it('is listed with the advanced commands of kubectl --help', async () => {
    const { run } = kubectlSession();
    expect((await run('kubectl --help')).stdout).toContain('Advanced Commands:\n  apply           Apply a configuration to a resource by file name or stdin\n  patch           Update fields of a resource\n  wait            ');
    expect((await run('kubectl patch --help')).stdout).toMatch(/Usage:\n {2}kubectl patch \(-f FILENAME \| TYPE NAME\) \[-p PATCH\|--patch-file FILE\] \[options\]\n/);
  });
});

// The same command lines through the stock kubectl against `dockyard serve` (which applies the
// patches with the same store): Dockyard's own kubectl must print what the stock client prints.
describe.skipIf(!kubectlInstalled)('kubectl patch prints what the stock client prints (needs kubectl on PATH)', () => {
  const serve = useServe();

  it('for each patch type, no change, dry runs and the errors', async () => {
    const { run } = kubectlSession();
    const lines: string[][] = [
      ['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2'],
      ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":5}}'],
      ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":5}}'],
      ['patch', 'deploy/web', '--type', 'merge', '-p', '{"metadata":{"labels":{"tier":"front"}}}'],
      ['patch', 'deploy/web', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":3}]'],
      ['patch', 'deployment', 'web', '-p', 'spec:\n  replicas: 4', '-o', 'name'],
      ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":7}}', '--dry-run=client'],
      ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":7}}', '--dry-run=server'],
      ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":4}}', '--dry-run=server'],
      ['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}'],
      ['patch', 'deployment', 'web'],
      ['patch', 'deployment', 'web', '--type', 'foo', '-p', '{}'],
      ['patch', 'deployment', 'nope', '-p', '{"spec":{}}'],
      ['patch', 'foos', 'nope', '-p', '{}'],
      ['patch', 'deployment', 'web', '--type', 'json', '-p', '{"op":"remove"}'],
      ['patch', 'deployment', 'web', '-p', '"replicas"'],
      ['patch', 'deployment', 'web', '-p', '{"spec":'],
      ['patch', 'deployment', 'web', '-p', '{"spec": [}'],
      ['patch', 'deployment', 'web', '--type', 'merge', '-p', '{"spec":{"replicas":01}}'],
      ['patch', 'deployment', 'web', '--type', 'merge', '-p', '{"spec":"\u00e9\\x"}'],
      ['patch', 'deployment', 'web', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":6},]'],
      ['patch', 'deployment', 'web', '--type', 'merge', '-p', '{"spec":[1,]}'],
      ['patch', 'deployment', 'web', '--type', 'json', '-p', '{"op":'],
      ['patch', 'deployment', 'web', '--type', 'json', '-p', '[{"op":1}]'],
      ['patch', 'deployment', 'nope', '-p', '{"spec":'],
      ['patch', 'deployment', 'web', '--type', 'json', '-p', '[{"op":"remove","path":"/spec/foo"}]'],
      ['patch', 'deployment', 'web', '--type', 'json', '-p', '[{"op":"test","path":"/spec/replicas","value":99}]'],
      ['patch', 'deployment', 'web', '--subresource=scale', '--type', 'json', '-p', '[{"op":"test","path":"/spec/replicas","value":99}]'],
      ['patch', 'deployment', 'web', '--subresource', 'status', '--type', 'merge', '-p', '{"status":{"observedGeneration":42}}', '-o', 'jsonpath={.status.observedGeneration}'],
      ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":-1}}'],
      ['patch', 'deployment', 'web', '--subresource=scale', '--type=merge', '-p', '{"spec":{"replicas":3}}'],
      ['patch', 'deployment', 'web', '--subresource=scale', '--type=merge', '-p', '{"spec":{"replicas":3}}'],
      ['patch', 'deployment', 'web', '--subresource', 'scale', '-p', '{"status":{"replicas":9}}'],
      ['patch', 'deployment', 'web', '--subresource=scale', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":4}]', '-o', 'jsonpath={.kind} {.spec.replicas} {.status.selector}'],
      ['patch', 'deployment', 'web', '--subresource=scale', '-p', '{"spec":{"replicas":6}}', '--dry-run=server', '-o', 'name'],
      ['patch', 'deployment', 'web', '--subresource=scale', '-p', '{"spec":{"replicas":-1}}'],
      ['patch', 'deployment', 'web', '--subresource=foo', '-p', '{}'],
      ['create', 'configmap', 'settings'],
      ['patch', 'configmap', 'settings', '--subresource=scale', '-p', '{}'],
      ['patch', 'configmap', 'settings', '--subresource=status', '-p', '{}'],
      ['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}'],
    ];
    for (const args of lines) {
      const stock = await serve.served.kubectl(...args);
      const ours = await run(['kubectl', ...args].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' '));
      expect({ args, ...ours }).toEqual({ args, stdout: stock.stdout, stderr: stock.stderr, status: stock.status });
    }
  }, 120_000);
});
