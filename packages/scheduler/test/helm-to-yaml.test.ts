// toYaml writes YAML as helm does (sigs.k8s.io/yaml over go-yaml v2): sorted keys, sequences
// flush with their key, quotes only where a plain scalar would read back as something else,
// |- blocks for multi-line strings, long lines folded at 80 columns; fromYaml reads YAML 1.1.

import { describe, expect, it } from 'vitest';
import { renderText } from './support/helm-render.ts';

describe('toYaml', () => {
  it('prints values.yaml data the way helm does', () => {
    const values = `
resources:
  limits: {cpu: 100m, memory: 128Mi}
env:
  - name: A
    value: "1"
  - name: B
    value: "true"
ports: [80, 443]
empty: {}
none: []
nothing: null
replicas: 3
ratio: 0.25
big: 1000000
text: "line one\\nline two"
trailing: "kept\\n"
quoted: "a: b"
hash: "a #b"
spaces: " padded "
star: "*"
date: "2001-12-14"
octal: "0755"
yes: "yes"
z10: 1
z9: 2
a-b: 3
ab: 4
`;
    expect(renderText('{{ toYaml .Values }}', { values })).toBe(
      [
        'a-b: 3',
        'ab: 4',
        'big: 1000000',
        'date: "2001-12-14"',
        'empty: {}',
        'env:',
        '- name: A',
        '  value: "1"',
        '- name: B',
        '  value: "true"',
        "hash: 'a #b'",
        'none: []',
        'nothing: null',
        'octal: "0755"',
        'ports:',
        '- 80',
        '- 443',
        'quoted: \'a: b\'',
        'ratio: 0.25',
        'replicas: 3',
        'resources:',
        '  limits:',
        '    cpu: 100m',
        '    memory: 128Mi',
        "spaces: ' padded '",
        "star: '*'",
        'text: |-',
        '  line one',
        '  line two',
        'trailing: |',
        '  kept',
        '"true": "yes"',
        'z9: 2',
        'z10: 1',
      ].join('\n'),
    );
  });

  it('folds long plain strings at the first space past column 80 and indents lists in lists', () => {
    const long = 'word '.repeat(20).trim();
    expect(renderText(`{{ toYaml (dict "k" "${long}") }}`)).toBe(`k: ${'word '.repeat(16).trim()}\n  ${'word '.repeat(4).trim()}`);
    expect(renderText('{{ toYaml (list (list 1 2) (dict "a" (list 3))) }}')).toBe('- - 1\n  - 2\n- a:\n  - 3');
  });

  it('quotes strings with tabs and control characters in double quotes', () => {
    expect(renderText('{{ toYaml (dict "t" "a\\tb" "u" "é") }}')).toBe('t: "a\\tb"\nu: é');
  });

  it('writes go-yaml v2 corners as kubectl -o yaml does (the same emitter): `<<` plain, a long key as `? key`, a leading BOM escapes all, U+2028 ends a line', () => {
    expect(renderText('{{ toYaml (dict "m" "<<" "<<" 1) }}')).toBe('<<: 1\nm: <<');
    expect(renderText('{{ toYaml (dict (repeat 130 "k") 1) }}')).toBe(`? ${'k'.repeat(130)}\n: 1`);
    expect(renderText('{{ toYaml (dict "b" "\\ufeffa b" "l" "a\\u2028b") }}')).toBe('b: "\\uFEFF\\x61\\x20\\x62"\nl: \'a\u2028  b\'');
  });

  it('fromYaml reads YAML 1.1 and reports errors in an Error key', () => {
    expect(renderText('{{ $m := fromYaml "a: yes\\nb: 010\\nc: 1.0" }}{{ $m.a }} {{ $m.b }} {{ $m.c }} {{ kindOf $m.b }}')).toBe('true 8 1 float64');
    expect(renderText('{{ (fromYaml "a: b: c").Error }}')).toBe('error converting YAML to JSON: yaml: line 1: mapping values are not allowed in this context');
    expect(renderText('{{ fromYamlArray "- 1\\n- two" }} {{ toJson (dict "a" (list 1 "<b>")) }} {{ (fromJson "{\\"x\\": 2}").x }}')).toBe('[1 two] {"a":[1,"\\u003cb\\u003e"]} 2');
  });
});
