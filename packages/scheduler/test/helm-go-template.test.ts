// Go's text/template semantics (pkg.go.dev/text/template) as a chart author meets them: actions,
// trimming, variables, control structures, built-in functions and Go's error texts.

import { describe, expect, it } from 'vitest';
import { TemplateError } from '../src/helm/template/errors.ts';
import { TemplateSet } from '../src/helm/template/template.ts';
import { GoInt, type GoValue } from '../src/helm/template/value.ts';

const int = (n: number): GoInt => new GoInt(n);
const data = new Map<string, GoValue>([
  ['m', new Map<string, GoValue>([['b', int(2)], ['a', int(1)]])],
  ['list', [int(1), int(2), int(3), int(4), int(5)]],
  ['empty', []],
  ['s', 'str'],
  ['nested', new Map<string, GoValue>([['x', 'y']])],
]);

function run(src: string, dot: GoValue = data, missingKey: 'default' | 'zero' = 'default'): string {
  return new TemplateSet('t', new Map(), { missingKey }).parse('t', src).execute('t', dot);
}

function fail(src: string, dot: GoValue = data): string {
  try {
    run(src, dot);
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError);
    return (err as Error).message;
  }
  throw new Error(`no error for ${src}`);
}

describe('Go text/template', () => {
  it.each([
    ['{{ "hello" }} {{ `raw\\n` }}', 'hello raw\\n'],
    ['{{ 1 }} {{ 1.5 }} {{ 1e6 }} {{ 0x10 }} {{ \'a\' }} {{ -3 }}', '1 1.5 1e+06 16 97 -3'],
    ['a  {{- 1 -}}  b', 'a1b'],
    ['a{{/* comment */}}b {{- /* trimmed */ -}} c', 'abc'],
    ['{{ $x := 1 }}{{ $x = 2 }}{{ $x }}', '2'],
    ['{{ if .s }}yes{{ end }}{{ if .empty }}no{{ else }}else{{ end }}', 'yeselse'],
    ['{{ if false }}a{{ else if .missing }}b{{ else if .s }}c{{ else }}d{{ end }}', 'c'],
    ['{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}', 'a=1;b=2;'],
    ['{{ range .empty }}x{{ else }}none{{ end }}', 'none'],
    ['{{ range $i, $v := .list }}{{ if eq $v 2 }}{{ continue }}{{ end }}{{ if eq $v 4 }}{{ break }}{{ end }}{{ $i }}:{{ $v }} {{ end }}', '0:1 2:3 '],
    ['{{ range 3 }}{{ . }}{{ end }}', '012'],
    ['{{ with .nested }}{{ .x }}{{ end }}{{ with .missing }}a{{ else with .s }}{{ . }}{{ end }}', 'ystr'],
    ['{{ define "t2" }}[{{ . }}]{{ end }}{{ template "t2" "a" }}{{ block "b" 1 }}B{{ . }}{{ end }}', '[a]B1'],
    ['{{ (len "abc") }} {{ print (index .list 1) }} {{ (index .m "a") }}', '3 2 1'],
    ['{{ and 1 0 2 }} {{ or 0 "" "x" }} {{ and 1 2 }} {{ not 0 }} {{ or 0 }}', '0 x 2 true 0'],
    ['{{ len "héllo" }} {{ index "abc" 1 }} {{ slice "abcdef" 1 3 }} {{ slice .list 3 }}', '6 98 bc [4 5]'],
    ['{{ print 1 2 "a" "b" 3 }}|{{ println 1 "a" }}|', '1 2ab3|1 a\n|'],
    ['{{ eq 1 2 3 1 }} {{ ne "a" "b" }} {{ lt "a" "b" }} {{ le 2 2 }} {{ gt 1.5 0.5 }} {{ ge 1 2 }}', 'true true true true true false'],
    ['{{ html "<a href=\'x\'>&" }} {{ js "it\'s <b>" }} {{ urlquery "a b&c" }}', "&lt;a href=&#39;x&#39;&gt;&amp; it\\'s \\u003Cb\\u003E a+b%26c"],
    ['{{ .m }} {{ .list }} {{ .missing }} {{ print nil }}', 'map[a:1 b:2] [1 2 3 4 5] <no value> <nil>'],
    ['{{ .s | printf "%s-%s" "x" }}', 'x-str'],
    ['{{ $ := 1 }}{{ $ }}', '1'],
  ])('%s', (src, want) => {
    expect(run(src)).toBe(want);
  });

  it('keeps range variables to the body and template calls to their own $', () => {
    expect(run('{{ define "d" }}{{ $ }}{{ end }}{{ range $v := .list }}{{ end }}{{ template "d" 7 }}')).toBe('7');
  });

  it('gives a missing key <no value>, or zero values with missingkey=zero', () => {
    expect(run('{{ .nested.nope }}')).toBe('<no value>');
    expect(run('{{ .nested.nope }}', data, 'zero')).toBe('<no value>');
  });

  it.each([
    ['{{ .x', 'template: t:1: unclosed action'],
    ['{{ foo }}', 'template: t:1: function "foo" not defined'],
    ['{{ end }}', 'template: t:1: unexpected {{end}}'],
    ['{{ if 1 }}', 'template: t:1: unexpected EOF'],
    ['{{ $x }}', 'template: t:1: undefined variable "$x"'],
    ['{{ 1 | 2 }}', 'template: t:1: non executable command in pipeline stage 2'],
    ['{{ break }}', 'template: t:1: {{break}} outside {{range}}'],
    ['{{ "x }}', 'template: t:1: unterminated quoted string'],
    ['a\n{{ .x }}\n{{ ) }}', 'template: t:3: unexpected right paren U+0029 \')\''],
    ['{{ .a.b. }}', 'template: t:1: unexpected <.> in operand'],
    ['{{ .a!b }}', "template: t:1: bad character U+0021 '!'"],
    ['{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}', 'template: t:1: template: multiple definition of template "a"'],
  ])('parse error: %s', (src, message) => {
    expect(fail(src)).toBe(message);
  });

  it.each([
    ['{{ "a" "b" }}', 'template: t:1:3: executing "t" at <"a">: can\'t give argument to non-function "a"'],
    ['{{ nil }}', 'template: t:1:3: executing "t" at <nil>: nil is not a command'],
    ['{{ len 3 }}', 'template: t:1:3: executing "t" at <len 3>: error calling len: len of type int'],
    ['{{ index .list 10 }}', 'template: t:1:3: executing "t" at <index .list 10>: error calling index: index out of range: 10'],
    ['{{ .s.y }}', 'template: t:1:5: executing "t" at <.s.y>: can\'t evaluate field y in type interface {}'],
    ['{{ range 1.5 }}{{ end }}', 'template: t:1:9: executing "t" at <1.5>: range can\'t iterate over 1.5'],
    ['{{ eq 1 1.0 }}', 'template: t:1:3: executing "t" at <eq 1 1.0>: error calling eq: incompatible types for comparison'],
    ['{{ lt nil 1 }}', 'template: t:1:3: executing "t" at <lt nil 1>: error calling lt: invalid type for comparison'],
    ['x\n  {{ template "nope" }}', 'template: t:2:14: executing "t" at <{{template "nope"}}>: template "nope" not defined'],
    ['{{ printf 1 }}', 'template: t:1:10: executing "t" at <1>: expected string; found 1'],
  ])('execution error: %s', (src, message) => {
    expect(fail(src)).toBe(message);
  });
});
