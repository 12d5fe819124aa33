// -o go-template, template, go-template-file and templatefile (and --template; jsonpath-file too): Go's text/template
// over the object as JSON (a List for several), kubectl's `exists` and `base64decode` and no
// sprig, `<no value>` for missing keys, and kubectl's two-stream report when a template fails --
// checked byte for byte against the stock client shown the same pods by a fake API server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { printGoTemplate } from '../src/kubectl/printers/go-template.ts';
import { asList } from '../src/kubectl/printers/list.ts';
import type { KubeObject } from '../src/kubectl/printers/object.ts';
import { POD_STATUS_CASES } from './fixtures/kubectl-print/pod-status-cases.ts';
import { type FakeApiServer, kubectlInstalled, runKubectl, startFakeApiServer } from './support/fake-apiserver.ts';
import { kubectlSession } from './support/kubectl-session.ts';

async function withDeployment() {
  const session = kubectlSession();
  await session.run('kubectl create deployment web --image=nginx:1.25 --replicas=2');
  await session.run('kubectl create secret generic db --from-literal=password=hunter2');
  session.advance(30_000);
  return session;
}

describe('kubectl get -o go-template', () => {
  it('runs the template over the object, or over the List of several', async () => {
    const { run } = await withDeployment();
    expect(await run(`kubectl get deployment web -o go-template='{{.metadata.name}} {{.spec.replicas}} {{index .metadata.labels "app"}}'`)).toEqual({
      stdout: 'web 2 web',
      stderr: '',
      status: 0,
    });
    expect((await run(`kubectl get deployments -o go-template='{{.kind}}: {{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'`)).stdout).toBe('List: web\n');
    expect((await run(`kubectl get deployment web -o template='{{printf "%T %v" .spec.replicas .spec.selector}}'`)).stdout).toBe('int64 map[matchLabels:map[app:web]]');
    expect((await run(`kubectl get deployment web -o go-template='{{.spec.template.spec.containers}}'`)).stdout).toBe(
      '[map[image:nginx:1.25 imagePullPolicy:IfNotPresent name:nginx resources:map[] terminationMessagePath:/dev/termination-log terminationMessagePolicy:File]]',
    );
    expect(await run(`kubectl get pods -l app=none -o go-template='{{.kind}} {{len .items}}'`)).toEqual({ stdout: 'List 0', stderr: '', status: 0 });
  });

  it('has kubectl’s exists and base64decode, prints <no value> for missing keys, and has no sprig', async () => {
    const { run } = await withDeployment();
    expect((await run(`kubectl get secret db -o go-template='{{base64decode .data.password}}'`)).stdout).toBe('hunter2');
    expect((await run(`kubectl get deployment web -o go-template='{{exists . "spec" "replicas"}} {{exists . "spec" "nope"}} {{exists .spec.template.spec.containers 0 "image"}}'`)).stdout).toBe(
      'true false true',
    );
    expect((await run(`kubectl get deployment web -o go-template='{{.nope}} {{.spec.nope.deeper}}'`)).stdout).toBe('<no value> <no value>');
    expect(await run(`kubectl get deployment web -o go-template='{{upper .metadata.name}}'`)).toEqual({
      stdout: '',
      stderr: 'error: error parsing template {{upper .metadata.name}}, template: output:1: function "upper" not defined\n',
      status: 1,
    });
  });

  it('reports a template that does not parse before looking anything up', async () => {
    const { run } = await withDeployment();
    expect(await run(`kubectl get deployment nope -o go-template='{{.metadata.name}'`)).toEqual({
      stdout: '',
      stderr: "error: error parsing template {{.metadata.name}, template: output:1: bad character U+007D '}'\n",
      status: 1,
    });
  });

  it('reports a failing template on stderr, with what it wrote and the data on stdout', async () => {
    const { run } = await withDeployment();
    const ran = await run(`kubectl get deployment web -o go-template='{{.metadata.name}} {{.nope}}' --allow-missing-template-keys=false`);
    expect(ran.status).toBe(1);
    expect(ran.stderr).toBe('error: error executing template "{{.metadata.name}} {{.nope}}": template: output:1:21: executing "output" at <.nope>: map has no entry for key "nope"\n');
    const lines = ran.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'web Error executing template: template: output:1:21: executing "output" at <.nope>: map has no entry for key "nope". Printing more information for debugging the template:',
      '\ttemplate was:',
      '\t\t{{.metadata.name}} {{.nope}}',
    ]);
    expect(lines[3]).toBe('\traw data was:');
    expect(lines[4]).toMatch(/^\t\t\{"apiVersion":"apps\/v1","kind":"Deployment","metadata":\{"annotations":\{"deployment\.kubernetes\.io\/revision":"1"\},"creationTimestamp":"2025-01-01T00:00:00Z",/);
    expect(lines[5]).toBe('\tobject given to template engine was:');
    expect(lines[6]).toMatch(/^\t\tmap\[apiVersion:apps\/v1 kind:Deployment metadata:map\[annotations:map\[deployment\.kubernetes\.io\/revision:1\] creationTimestamp:2025-01-01T00:00:00Z /);
    expect(lines.slice(7)).toEqual(['', '']);
  });

  it('reads the template from --template and from go-template-file / templatefile', async () => {
    const { run, write } = await withDeployment();
    write('names.tmpl', '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}');
    expect((await run('kubectl get deployments -o go-template-file=names.tmpl')).stdout).toBe('web\n');
    expect((await run('kubectl get deployments -o templatefile --template=names.tmpl')).stdout).toBe('web\n');
    expect((await run(`kubectl get deployment web --template='{{.kind}}'`)).stdout).toBe('Deployment');
    write('names.jsonpath', '{.items[*].metadata.name}');
    expect((await run('kubectl get deployments -o jsonpath-file=names.jsonpath')).stdout).toBe('web');
    expect((await run(`kubectl get deployment web -o go-template --template='{{.kind}}'`)).stdout).toBe('Deployment');
    expect((await run('kubectl get deployments -o go-template-file=missing.tmpl')).stderr).toBe('error: error reading --template missing.tmpl, open missing.tmpl: no such file or directory\n');
    expect((await run('kubectl get deployment web -o go-template')).stderr).toBe('error: template format specified but no template given\n');
    expect((await run('kubectl get deployment web -o go-template=')).stderr).toBe('error: template format specified but no template given\n');
  });

  it('prints what create and scale made through a template too (scale: the object as it was before)', async () => {
    const { run, write } = await withDeployment();
    expect((await run(`kubectl create deployment api --image=nginx --dry-run=client -o go-template='{{.kind}}/{{.metadata.name}} {{.spec.replicas}}'`)).stdout).toBe('Deployment/api 1');
    expect((await run(`kubectl scale deployment web --replicas=3 -o go-template='{{.metadata.name}} {{.spec.replicas}}'`)).stdout).toBe('web 2');
    expect((await run(`kubectl get deployment web -o go-template='{{.spec.replicas}}'`)).stdout).toBe('3');
    write('replicas.tmpl', '{{.metadata.name}}:{{.spec.replicas}}');
    expect((await run('kubectl scale deployment web --replicas=4 -o go-template-file=replicas.tmpl')).stdout).toBe('web:3');
    expect(await run(`kubectl scale deployment web --replicas=1 -o go-template='{{.x'`)).toEqual({
      stdout: '',
      stderr: 'error: error parsing template {{.x, template: output:1: unclosed action\n',
      status: 1,
    });
    expect((await run(`kubectl label deployment web tier=front --template='{{.metadata.labels}}'`)).stdout).toBe('map[app:web tier:front]');
    expect((await run(`kubectl get deployment web -o go-template='{{.spec.replicas}}'`)).stdout).toBe('4');
  });
});

const pods: KubeObject[] = POD_STATUS_CASES.slice(0, 4).map((c, i) => ({
  ...c.pod,
  metadata: { ...c.pod.metadata, name: `pod-${i}`, labels: { app: i % 2 === 0 ? 'web' : 'db' }, annotations: { note: `<a & b> ${i}` } },
}));

const TEMPLATES: readonly string[] = [
  '{{range .items}}{{.metadata.name}}{{"\\t"}}{{.status.phase}}{{"\\n"}}{{end}}',
  '{{range $i, $p := .items}}{{$i}}={{$p.metadata.labels.app}} {{end}}',
  '{{(index .items 0).metadata}}',
  '{{range .items}}{{if eq .metadata.labels.app "web"}}{{.metadata.name}} {{end}}{{end}}',
  '{{len .items}} {{.metadata}} {{.nope}}',
  '{{range .items}}{{exists . "status" "podIP"}} {{end}}',
  '{{range .items}}{{range .status.conditions}}{{.type}}={{.status}};{{end}}{{"\\n"}}{{end}}',
  '{{printf "%q %5.2f %T" .kind 3.14159 .items}}',
  '{{base64decode "aGk="}} {{base64decode "aGk"}}',
  '{{(index .items 0).metadata.name.first}}',
  '{{index .items 9}}',
  '{{.metadata.name',
  '{{nope .}}',
  '{{toJson .}}',
  '{{range .items}}{{.x}}{{end}',
];

describe.skipIf(!kubectlInstalled)('-o go-template matches the stock kubectl client', () => {
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startFakeApiServer(pods, () => Date.now() - VIRTUAL_EPOCH_MS);
  });
  afterAll(async () => {
    await server.close();
  });

  for (const template of TEMPLATES) {
    it(template, async () => {
      const real = await runKubectl(server, ['get', 'pods', '-o', `go-template=${template}`]);
      const ours = printGoTemplate(template, asList(pods));
      expect(ours).toEqual({ stdout: real.stdout, stderr: real.stderr });
    });
  }

  it('with missing keys refused', async () => {
    const template = '{{range .items}}{{.metadata.name}} {{.spec.nope}}{{end}}';
    const real = await runKubectl(server, ['get', 'pods', '-o', `go-template=${template}`, '--allow-missing-template-keys=false']);
    expect(printGoTemplate(template, asList(pods), false)).toEqual({ stdout: real.stdout, stderr: real.stderr });
  });
});
