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

  // Each message below is what the stock kubectl 1.32 printed for the same file (kubectl create -f).
  describe('a stream that opens with { is read as JSON values', () => {
    const cm = (name: string) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}"}}`;
    const refusal = (text: string) => {
      try {
        return parseManifests(text, 'x.json').map((o) => o.object.metadata?.name);
      } catch (error) {
        return (error as Error).message;
      }
    };

    it('one after another, the last value may follow without a newline', () => {
      expect(refusal(`${cm('a')}${cm('b')}\n  ${cm('c')}`)).toEqual(['a', 'b', 'c']);
    });

    it('gives Go\'s syntax error with its byte offset when neither JSON nor YAML reads it', () => {
      expect(refusal('{"a":"\\q"}')).toBe("error parsing x.json: json: offset 8: invalid character 'q' in string escape code");
      expect(refusal('{"a":')).toBe('error parsing x.json: unexpected EOF');
      expect(refusal(`${cm('e')}\n{"b":"x\\z"}\n`)).toBe("error parsing x.json: json: offset 72: invalid character 'z' in string escape code");
    });

    it('reads the rest as YAML when a first or second value is not JSON, but not after two', () => {
      const unnamed = 'error validating "x.json": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false';
      expect(refusal('{"a":01}\n')).toBe(unnamed);
      expect(refusal(`${cm('i')}\n{"b":01}`)).toBe(unnamed);
      expect(refusal(`${cm('a')}\n${cm('b')}\n{"b":01}`)).toBe("error parsing x.json: invalid character '1' after object key:value pair");
      expect(refusal(`${cm('n')}\n${cm('o')}\n{"a":`)).toBe('error parsing x.json: unexpected EOF');
    });
  });
});
