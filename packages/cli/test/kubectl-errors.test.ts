// Mistakes get kubectl's words and a non-zero exit, and leave the cluster as it was. The texts
// are those the stock kubectl 1.33 client prints for the same command lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubectlSession } from './support/kubectl-session.ts';
import { sandbox } from './support/run-dockyard.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures/kubectl', name), 'utf8');

describe('kubectl command-line mistakes', () => {
  it('suggests commands for a mistyped one, as cobra does', async () => {
    const { run } = kubectlSession();
    expect(await run('kubectl foo')).toEqual({ stdout: '', stderr: 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n', status: 1 });
    expect((await run('kubectl gett')).stderr).toBe('error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n');
    expect((await run('kubectl xyzzyq')).stderr).toBe('error: unknown command "xyzzyq" for "kubectl"\n');
  });

  it('words flag mistakes like pflag and points to --help', async () => {
    const { run } = kubectlSession();
    expect(await run('kubectl get --foo')).toEqual({ stdout: '', stderr: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n", status: 1 });
    expect((await run('kubectl get -n')).stderr).toBe("error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n");
    expect((await run('kubectl get --namespace')).stderr).toBe("error: flag needs an argument: --namespace\nSee 'kubectl get --help' for usage.\n");
    expect((await run('kubectl get -Ax pods')).stderr).toBe("error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n");
    expect((await run('kubectl get -A=x pods')).stderr).toBe(
      'error: invalid argument "x" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "x": invalid syntax\nSee \'kubectl get --help\' for usage.\n',
    );
    expect((await run('kubectl scale deploy/x --replicas=x')).stderr).toBe(
      'error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl scale --help\' for usage.\n',
    );
    expect((await run('kubectl get ---x')).stderr).toBe("error: bad flag syntax: ---x\nSee 'kubectl get --help' for usage.\n");
    expect((await run('kubectl rollout status deploy/x --timeout=soon')).stderr).toBe(
      'error: invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"\nSee \'kubectl rollout status --help\' for usage.\n',
    );
  });

  it('refuses unknown subcommands and missing arguments in kubectl words', async () => {
    const { run } = kubectlSession();
    expect(await run('kubectl rollout foo')).toEqual({ stdout: '', stderr: "error: unknown command \"foo\"\nSee 'kubectl rollout -h' for help and examples\n", status: 1 });
    expect((await run('kubectl create foo')).stderr).toBe("error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n");
    expect((await run('kubectl create')).stderr).toBe('error: must specify one of -f and -k\n');
    expect((await run('kubectl get')).stderr).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples\n",
    );
    expect((await run('kubectl delete pods')).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect((await run('kubectl logs')).stderr).toBe(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    );
    expect((await run('kubectl exec web ls')).stderr).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    expect((await run('kubectl create deployment --image=x')).stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n");
    expect((await run('kubectl create deployment web')).stderr).toBe('error: required flag(s) "image" not set\n');
    expect((await run('kubectl scale deploy/web')).stderr).toBe('error: required flag(s) "replicas" not set\n');
    expect((await run('kubectl scale deploy/web --replicas=-1')).stderr).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    expect((await run('kubectl rollout undo')).stderr).toBe('error: required resource not specified\n');
    expect((await run('kubectl run x --image=busybox --rm')).stderr).toBe("error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n");
    expect((await run('kubectl delete pod x --cascade=x')).stderr).toBe('error: invalid cascade value (x). Must be "background", "foreground", or "orphan"\n');
    expect((await run('kubectl wait --for=foo pod/x')).stderr).toBe('error: unrecognized condition: "foo"\n');
    expect((await run('kubectl get pods --context=prod')).stderr).toBe('error: context was not found for specified context: prod\n');
  });

  it('says which resource types and objects the server does not have', async () => {
    const { run } = kubectlSession();
    expect(await run('kubectl get pdos')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "pdos"\n', status: 1 });
    expect(await run('kubectl get pod web')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "web" not found\n', status: 1 });
    expect((await run('kubectl get pods a b')).stderr).toBe('Error from server (NotFound): pods "a" not found\nError from server (NotFound): pods "b" not found\n');
    expect(await run('kubectl get pod web --ignore-not-found')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await run('kubectl describe deployment web')).stderr).toBe('Error from server (NotFound): deployments.apps "web" not found\n');
    expect((await run('kubectl delete svc web')).stderr).toBe('Error from server (NotFound): services "web" not found\n');
    expect((await run('kubectl get pods -n nowhere')).stderr).toBe('No resources found in nowhere namespace.\n');
  });

  it('leaves the cluster untouched when a manifest cannot be applied', async () => {
    const { run, write } = kubectlSession();
    write('deployment.yaml', fixture('my-app-deployment.yaml'));
    write('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: {}\n');
    expect(await run('kubectl apply -f deployment.yaml -n my-app')).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): error when creating "deployment.yaml": namespaces "my-app" not found\n',
      status: 1,
    });
    const broken = await run('kubectl apply -f bad.yaml');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^error: error parsing bad\.yaml: error converting YAML to JSON: yaml: line 5: /);
    expect((await run('kubectl apply -f missing.yaml')).stderr).toBe('error: the path "missing.yaml" does not exist\n');
    write('other-namespace.yaml', fixture('my-app-deployment.yaml').replace('  name: my-app\n', '  name: my-app\n  namespace: prod\n'));
    expect((await run('kubectl apply -f other-namespace.yaml -n default')).stderr).toBe(
      "error: the namespace from the provided object \"prod\" does not match the namespace \"default\". You must pass '--namespace=prod' to perform this operation.\n",
    );
    expect(await run('kubectl get deployments -A')).toEqual({ stdout: '', stderr: 'No resources found\n', status: 0 });
    expect((await run('kubectl get configmaps -A')).stdout).not.toContain(' x ');
  });

  it('exits 1 from the real executable, with the message on stderr only', () => {
    const { dockyard } = sandbox();
    dockyard('init', '--clock', 'manual');
    expect(dockyard('kubectl', 'get', 'pod', 'web')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "web" not found\n', status: 1 });
    expect(dockyard('kubectl', 'foo')).toEqual({ stdout: '', stderr: 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n', status: 1 });
  });
});
