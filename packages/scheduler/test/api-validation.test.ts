import { describe, expect, it } from 'vitest';
import { formatKubectlError } from '../src/index.ts';
import { apiCluster, deployment } from './fixtures/api-cluster.ts';

function refusal(write: () => unknown, context = {}): string {
  try {
    write();
  } catch (error) {
    return formatKubectlError(error, context);
  }
  throw new Error('the write was accepted');
}

// Manifests edited freely, as a user's YAML can be.
type Loose = any;

describe('validation with the API server wording', () => {
  const { store } = apiCluster();

  it('refuses unknown fields under strict field validation', () => {
    const input = deployment('x');
    const spec = input.spec!.template.spec as Loose;
    spec.contianers = [];
    expect(refusal(() => store.create(input), { verb: 'creating', source: 'dep.yaml' })).toBe(
      'Error from server (BadRequest): error when creating "dep.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.contianers"\n',
    );
    spec.containers[0].imagee = 'x';
    expect(refusal(() => store.create(input))).toContain(
      'strict decoding error: unknown field "spec.template.spec.containers[0].imagee", unknown field "spec.template.spec.contianers"',
    );
  });

  it('drops unknown fields with a warning under Warn', () => {
    const input = deployment('warned');
    (input.spec!.template.spec as Loose).contianers = [];
    const result = store.createWithWarnings(input, { fieldValidation: 'Warn' });
    expect(result.warnings).toEqual(['unknown field "spec.template.spec.contianers"']);
    expect((result.object.spec?.template.spec as Loose).contianers).toBeUndefined();
  });

  it('refuses missing required fields and selectors that miss their template', () => {
    const noSelector = deployment('x');
    delete (noSelector.spec as Loose).selector;
    expect(refusal(() => store.create(noSelector))).toBe('The Deployment "x" is invalid: spec.selector: Required value\n');
    const mismatch = deployment('x', 'nginx', { app: 'x' });
    mismatch.spec!.selector.matchLabels = { app: 'y' };
    expect(refusal(() => store.create(mismatch))).toBe(
      'The Deployment "x" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`\n',
    );
    expect(refusal(() => store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} }))).toBe(
      'The Pod "p" is invalid: spec.containers: Required value\n',
    );
  });

  it('refuses bad quantities as a decoding error', () => {
    const input = deployment('x');
    input.spec!.template.spec!.containers[0]!.resources = { limits: { memory: '1Gx' } };
    expect(refusal(() => store.create(input))).toBe(
      `Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n`,
    );
  });

  it('refuses names that are not DNS-1123 subdomains', () => {
    expect(refusal(() => store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'My_Pod' }, spec: { containers: [{ name: 'a', image: 'b' }] } }))).toBe(
      `The Pod "My_Pod" is invalid: metadata.name: Invalid value: "My_Pod": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`,
    );
  });

  it('lists several causes, kubectl style', () => {
    const out = refusal(() =>
      store.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'a', image: 'b', ports: [{ containerPort: 70000 }] }, { name: 'a', image: 'c', resources: { limits: { cpu: '1' }, requests: { cpu: '2' } } }] },
      }),
    );
    expect(out).toBe(
      'The Pod "p" is invalid: \n' +
        '* spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n' +
        '* spec.containers[1].name: Duplicate value: "a"\n' +
        '* spec.containers[1].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1\n',
    );
  });

  it('keeps a Deployment selector immutable', () => {
    store.create(deployment('fixed'));
    const changed = { ...deployment('fixed', 'nginx:1.25', { app: 'other' }) };
    expect(refusal(() => store.update(changed))).toBe(
      'The Deployment "fixed" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    );
  });

  it('refuses objects in a missing namespace, and names what is missing', () => {
    expect(
      refusal(() => store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'foo' } }), { verb: 'creating', source: 'x.yaml' }),
    ).toBe('Error from server (NotFound): error when creating "x.yaml": namespaces "foo" not found\n');
  });

  it('refuses restart policies a workload cannot have', () => {
    const input = deployment('x');
    input.spec!.template.spec!.restartPolicy = 'Never';
    expect(refusal(() => store.create(input))).toBe(
      'The Deployment "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\n',
    );
  });
});

describe('decoding errors name the Go struct field', () => {
  const { store } = apiCluster();

  it('reports wrong JSON types as the API server decoder does', () => {
    const replicas = deployment('x');
    (replicas.spec as Loose).replicas = '3';
    expect(refusal(() => store.create(replicas))).toBe(
      'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
    );
    const env = deployment('x');
    env.spec!.template.spec!.containers[0]!.env = [{ name: 'DEBUG', value: true as Loose }];
    expect(refusal(() => store.create(env), { verb: 'creating', source: 'workspace-deployment.yaml' })).toBe(
      'Error from server (BadRequest): error when creating "workspace-deployment.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string\n',
    );
  });
});
