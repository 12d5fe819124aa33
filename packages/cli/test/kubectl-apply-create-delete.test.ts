// kubectl apply, create and delete: what each prints per object, from files, directories,
// stdin and generators, with dry runs; and what they leave in the cluster.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubectlSession } from './support/kubectl-session.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures/kubectl', name), 'utf8');

describe('kubectl apply', () => {
  it('creates, leaves unchanged and configures, as the last-applied configuration tells', async () => {
    const { run, write } = kubectlSession();
    write('deployment.yaml', fixture('my-app-deployment.yaml'));
    expect(await run('kubectl apply -f deployment.yaml')).toEqual({ stdout: 'deployment.apps/my-app created\n', stderr: '', status: 0 });
    expect((await run('kubectl apply -f deployment.yaml')).stdout).toBe('deployment.apps/my-app unchanged\n');
    write('deployment.yaml', fixture('my-app-deployment.yaml').replace('replicas: 3', 'replicas: 2'));
    expect((await run('kubectl apply -f deployment.yaml')).stdout).toBe('deployment.apps/my-app configured\n');
    expect((await run('kubectl get deployment my-app -o jsonpath={.spec.replicas}')).stdout).toBe('2');
  });

  it('applies every document of a file, every file of a directory (deeper with -R), and stdin', async () => {
    const { run, write } = kubectlSession();
    write('app/all.yaml', `${fixture('my-app-deployment.yaml')}---\n${fixture('my-app-service.yaml')}`);
    write('app/more/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  LOG_LEVEL: info\n');
    write('app/notes.txt', 'not a manifest');
    expect((await run('kubectl apply -f app')).stdout).toBe('deployment.apps/my-app created\nservice/my-app-svc created\n');
    expect((await run('kubectl apply -R -f app')).stdout).toBe('deployment.apps/my-app unchanged\nservice/my-app-svc unchanged\nconfigmap/app-config created\n');
    const piped = await run('kubectl apply -f -', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: my-app\n');
    expect(piped).toEqual({ stdout: 'namespace/my-app created\n', stderr: '', status: 0 });
  });

  it('goes on after an object it cannot apply and reports it at the end', async () => {
    const { run, write } = kubectlSession();
    write('mixed.yaml', `${fixture('my-app-service.yaml')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: Bad_Name\nspec:\n  ports:\n  - port: 80\n`);
    const result = await run('kubectl apply -f mixed.yaml');
    expect(result.stdout).toBe('service/my-app-svc created\n');
    expect(result.stderr).toMatch(/^The Service "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": /);
    expect(result.status).toBe(1);
  });

  it('prints without changing anything under --dry-run', async () => {
    const { run, write } = kubectlSession();
    write('deployment.yaml', fixture('my-app-deployment.yaml'));
    expect((await run('kubectl apply -f deployment.yaml --dry-run=client')).stdout).toBe('deployment.apps/my-app created (dry run)\n');
    expect((await run('kubectl apply -f deployment.yaml --dry-run=server')).stdout).toBe('deployment.apps/my-app created (server dry run)\n');
    const yaml = (await run('kubectl apply -f deployment.yaml --dry-run=client -o yaml')).stdout;
    expect(yaml).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n  annotations:\n    kubectl\.kubernetes\.io\/last-applied-configuration: \|\n/);
    expect((await run('kubectl get deployments')).stderr).toBe('No resources found in default namespace.\n');
  });

  it('refuses a URL: the simulation is offline', async () => {
    const { run } = kubectlSession();
    const result = await run('kubectl apply -f https://example.com/app.yaml');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: unable to read URL "https:\/\/example\.com\/app\.yaml": /);
  });
});

describe('kubectl create', () => {
  it('generates deployments, namespaces, services, jobs and secrets as kubectl does', async () => {
    const { run } = kubectlSession();
    expect((await run('kubectl create deployment web --image=nginx:1.25 --replicas=2 --port=80 --dry-run=client -o yaml')).stdout).toBe(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx:1.25\n        name: nginx\n        ports:\n        - containerPort: 80\n        resources: {}\nstatus: {}\n',
    );
    expect((await run('kubectl create namespace my-app')).stdout).toBe('namespace/my-app created\n');
    expect((await run('kubectl create namespace my-app')).stderr).toBe('Error from server (AlreadyExists): namespaces "my-app" already exists\n');
    expect((await run('kubectl create deployment web --image=nginx:1.25 -n my-app')).stdout).toBe('deployment.apps/web created\n');
    expect((await run('kubectl create deployment web --image=nginx:1.25 -n my-app')).stderr).toBe('error: failed to create deployment: deployments.apps "web" already exists\n');
    expect((await run('kubectl create service nodeport web --tcp=80:8080 -n my-app')).stdout).toBe('service/web created\n');
    expect((await run('kubectl create service clusterip api')).stderr).toBe('error: at least one tcp port specifier must be provided\n');
    expect((await run('kubectl create job hello --image=busybox -- echo hi')).stdout).toBe('job.batch/hello created\n');
    expect(
      (await run('kubectl create secret generic db-credentials --from-literal=username=admin --from-literal=password=secure-password-here -n my-app')).stdout,
    ).toBe('secret/db-credentials created\n');
    expect((await run('kubectl get secret db-credentials -n my-app -o jsonpath={.data.username}')).stdout).toBe('YWRtaW4=');
    expect((await run('kubectl create secret generic db-credentials --from-literal=username=admin -n my-app')).stderr).toBe(
      'error: failed to create secret secrets "db-credentials" already exists\n',
    );
    expect(
      (await run('kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=user --docker-password=pass -n my-app')).stdout,
    ).toBe('secret/regcred created\n');
    expect((await run('kubectl get secrets -n my-app')).stdout).toBe(
      'NAME             TYPE                             DATA   AGE\n' +
        'db-credentials   Opaque                           2      0s\n' +
        'regcred          kubernetes.io/dockerconfigjson   1      0s\n',
    );
  });

  it('creates the objects of a file and refuses those that exist', async () => {
    const { run, write } = kubectlSession();
    write('deployment.yaml', fixture('my-app-deployment.yaml'));
    expect((await run('kubectl create -f deployment.yaml')).stdout).toBe('deployment.apps/my-app created\n');
    expect(await run('kubectl create -f deployment.yaml')).toEqual({
      stdout: '',
      stderr: 'Error from server (AlreadyExists): error when creating "deployment.yaml": deployments.apps "my-app" already exists\n',
      status: 1,
    });
  });
});

describe('kubectl delete', () => {
  it('deletes by name, by file and by label, in kubectl words, and the owned objects go too', async () => {
    const { run, write, advance } = kubectlSession();
    write('deployment.yaml', fixture('my-app-deployment.yaml'));
    write('service.yaml', fixture('my-app-service.yaml'));
    await run('kubectl apply -f deployment.yaml');
    await run('kubectl apply -f service.yaml');
    advance(5_000);
    expect((await run('kubectl get replicasets -o name')).stdout).toMatch(/^replicaset\.apps\/my-app-[a-z0-9]{10}\n$/);
    expect(await run('kubectl delete -f service.yaml')).toEqual({ stdout: 'service "my-app-svc" deleted\n', stderr: '', status: 0 });
    expect((await run('kubectl delete deployment my-app')).stdout).toBe('deployment.apps "my-app" deleted\n');
    expect((await run('kubectl get all')).stdout).toMatch(/^NAME {17}TYPE {8}CLUSTER-IP {3}EXTERNAL-IP {3}PORT\(S\) {3}AGE\nservice\/kubernetes {3}ClusterIP {3}10\.96\.0\.1 {4}<none> {8}443\/TCP {3}5s\n$/);
    await run('kubectl create deployment web --image=nginx:1.25 --replicas=2');
    expect((await run('kubectl delete pods -l app=web -o name')).stdout).toMatch(/^pod\/web-[a-z0-9]+-[a-z0-9]{5}\npod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    expect((await run('kubectl delete pods -l app=nothing')).stdout).toBe('No resources found\n');
  });

  it('warns before a forced deletion and refuses --force with a grace period', async () => {
    const { run } = kubectlSession();
    await run('kubectl run web --image=nginx:1.25');
    expect(await run('kubectl delete pod web --force --grace-period=0')).toEqual({
      stdout: 'pod "web" force deleted\n',
      stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      status: 0,
    });
    await run('kubectl run web --image=nginx:1.25');
    expect((await run('kubectl delete pod web --force --grace-period=5')).stderr).toBe('error: --force and --grace-period greater than 0 cannot be specified together\n');
    expect((await run('kubectl delete pod web --dry-run=client')).stdout).toBe('pod "web" deleted (dry run)\n');
    expect((await run('kubectl get pod web -o name')).stdout).toBe('pod/web\n');
  });
});
