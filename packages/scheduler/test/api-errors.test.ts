import { describe, expect, it } from 'vitest';
import { alreadyExists, conflict, formatKubectlError, invalid, NoKindMatchError, notFound, OPTIMISTIC_LOCK_MESSAGE } from '../src/index.ts';

describe('kubectl error formatting', () => {
  it('prints server statuses with their reason', () => {
    expect(formatKubectlError(notFound({ group: '', resource: 'pods' }, 'x'))).toBe('Error from server (NotFound): pods "x" not found\n');
    expect(formatKubectlError(alreadyExists({ group: 'apps', resource: 'deployments' }, 'web'), { verb: 'creating', source: 'dep.yaml' })).toBe(
      'Error from server (AlreadyExists): error when creating "dep.yaml": deployments.apps "web" already exists\n',
    );
    expect(formatKubectlError(conflict({ group: 'apps', resource: 'deployments' }, 'x', OPTIMISTIC_LOCK_MESSAGE))).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "x": the object has been modified; please apply your changes to the latest version and try again\n',
    );
  });

  it('prints Invalid errors as kubectl does: one cause inline, several as a list', () => {
    const one = invalid({ group: 'apps', kind: 'Deployment' }, 'x', [{ type: 'Required value', field: 'spec.selector' }]);
    expect(one.message).toBe('Deployment.apps "x" is invalid: spec.selector: Required value');
    expect(one.code).toBe(422);
    expect(formatKubectlError(one)).toBe('The Deployment "x" is invalid: spec.selector: Required value\n');
    const two = invalid({ group: '', kind: 'Pod' }, 'p', [
      { type: 'Required value', field: 'spec.containers[0].image' },
      { type: 'Invalid value', field: 'spec.containers[0].ports[0].containerPort', value: 0, detail: 'must be between 1 and 65535, inclusive' },
    ]);
    expect(formatKubectlError(two)).toBe(
      'The Pod "p" is invalid: \n* spec.containers[0].image: Required value\n* spec.containers[0].ports[0].containerPort: Invalid value: 0: must be between 1 and 65535, inclusive\n',
    );
  });

  it('prints an unknown kind as a REST mapping failure', () => {
    const error = new NoKindMatchError('PrometheusRule', 'monitoring.coreos.com/v1');
    expect(formatKubectlError(error, { name: 'dcgm-relabel-rules', namespace: 'monitoring', source: 'prometheus-rule.yaml' })).toBe(
      'error: resource mapping not found for name: "dcgm-relabel-rules" namespace: "monitoring" from "prometheus-rule.yaml": no matches for kind "PrometheusRule" in version "monitoring.coreos.com/v1"\nensure CRDs are installed first\n',
    );
  });

  it('prefixes anything else with error:', () => {
    expect(formatKubectlError(new Error('boom'))).toBe('error: boom\n');
  });
});
