// Invalid YAML reported in go-yaml's words, as helm prints them for values files and rendered
// manifests: scanner errors on their 1-based line, parser errors on the 0-based one.

import { describe, expect, it } from 'vitest';
import { parseGoYaml } from '../src/helm/yaml/go-yaml-parse.ts';

describe('go-yaml error messages', () => {
  it.each([
    ['apiVersion: v1\nkind: Pod\ninvalid\n', "yaml: line 4: could not find expected ':'"],
    ['a: b: c\n', 'yaml: line 1: mapping values are not allowed in this context'],
    ['key: value\n  bad: indent\n', 'yaml: line 2: mapping values are not allowed in this context'],
    ['a:\n\tb: 1\n', 'yaml: line 2: found character that cannot start any token'],
    ['a:\n  b: 1\n c: 2\n', 'yaml: line 2: did not find expected key'],
    ['a: [1, 2\n', "yaml: line 1: did not find expected ',' or ']'"],
    ['a: 1\na: 2\n', 'yaml: unmarshal errors:\n  line 2: key "a" already set in map'],
    ['a: &x 1\nb: *y\n', "yaml: unknown anchor 'y' referenced"],
  ])('%j', (text, message) => {
    expect(() => parseGoYaml(text)).toThrow(`error converting YAML to JSON: ${message}`);
  });
});
