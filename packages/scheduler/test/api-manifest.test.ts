import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifests } from '../src/index.ts';

describe('manifest files', () => {
  it('reads every document with the line it starts on, skipping empty ones and expanding Lists', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: a}',
      '---',
      '---',
      '# only a comment',
      '---',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}',
      '- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}',
    ].join('\n');
    const objects = parseManifests(text, 'app.yaml');
    expect(objects.map((o) => `${o.object.metadata?.name}@${o.line}`)).toEqual(['a@1', 'b@8', 'c@8']);
  });

  it('names the file and line of a YAML error', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n\tcontainers: []\n';
    let error: unknown;
    try {
      parseManifests(text, 'pod.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).line).toBe(6);
    expect((error as ManifestError).message).toMatch(/^error parsing pod\.yaml: error converting YAML to JSON: yaml: line 6: Tabs are not allowed as indentation$/);
  });

  it('refuses duplicate keys and objects without a kind', () => {
    expect(() => parseManifests('a: 1\na: 2\n', 'dup.yaml')).toThrow(/^error parsing dup\.yaml: .*line 2/);
    expect(() => parseManifests('metadata: {name: x}\n', 'x.yaml')).toThrow(
      'error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    );
  });
});
