// Every manifest under shared/corpus/k8s is accepted into the store or refused with a message
// that names the kind or the field at fault; none crashes.
import { describe, expect, it } from 'vitest';
import { apiCluster } from './fixtures/api-cluster.ts';
import { applyCorpusFile, corpusFiles as files } from './support/k8s-corpus.ts';

/** Applies every object of a file on a bare API server. */
const applyFile = (file: string) => applyCorpusFile(apiCluster().store, file);

describe('the corpus of real manifests', () => {
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files)('%s is accepted or refused with a reason', (file) => {
    const outcomes = applyFile(file);
    expect(outcomes.length).toBeGreaterThan(0);
    for (const line of outcomes.filter((o) => o.startsWith('refused'))) {
      expect(line).toMatch(/kind "|field "|Go struct field |Invalid value|Required value|Unsupported value|apiVersion not set|kind not set|line \d+/);
    }
  });

  it('refuses kinds the cluster does not serve, naming them', () => {
    expect(applyFile('prometheus-rule.yaml')).toEqual([
      'refused: error: resource mapping not found for name: "dcgm-relabel-rules" namespace: "monitoring" from "prometheus-rule.yaml": no matches for kind "PrometheusRule" in version "monitoring.coreos.com/v1"\nensure CRDs are installed first',
    ]);
    expect(applyFile('cronjob.yaml')[0]).toContain('no matches for kind "CronJob" in version "batch/v1beta1"');
  });

  it('refuses broken manifests, naming the field', () => {
    expect(applyFile('pod-single-secret-env-variable.yaml')).toEqual([
      'refused: error validating "pod-single-secret-env-variable.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false',
    ]);
    expect(applyFile('pod-with-node-affinity.yaml')).toEqual([
      'refused: Error from server (BadRequest): error when creating "pod-with-node-affinity.yaml": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal array into Go struct field NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of type v1.NodeSelector',
    ]);
  });

  it('accepts the everyday ones', () => {
    expect(applyFile('deployment.yaml')).toEqual(['deployment/nginx-deployment created']);
    expect(applyFile('guestbook-all-in-one.yaml').every((o) => o.endsWith(' created'))).toBe(true);
    expect(applyFile('zookeeper.yaml')).toEqual([
      'service/zk-hs created',
      'service/zk-cs created',
      'poddisruptionbudget/zk-pdb created',
      'statefulset/zk created',
    ]);
  });
});
