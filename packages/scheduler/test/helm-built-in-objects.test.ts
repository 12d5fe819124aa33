// The objects and helm functions templates reach besides .Values: .Release, .Chart, .Capabilities,
// .Files, .Template, include, tpl, required, fail and lookup.

import { describe, expect, it } from 'vitest';
import { renderError, renderText } from './support/helm-render.ts';

describe('built-in objects', () => {
  it('has the release, chart and capabilities helm gives `helm template`', () => {
    expect(
      renderText(
        '{{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Revision }} {{ .Release.Service }}|' +
          '{{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.APIVersion }} {{ .Chart.Keywords }}|' +
          '{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.KubeVersion.GitVersion }} ' +
          '{{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "nope/v1" }} {{ .Capabilities.HelmVersion.Version }}|{{ .Template.Name }} {{ .Template.BasePath }}',
      ),
    ).toBe('my-release default true false 1 Helm|mychart 0.1.0 1.16.0 v2 []|v1.33.0 1.33 v1.33.0 true false v4.2|mychart/templates/test.yaml mychart/templates');
  });

  it('reads chart files with .Files', () => {
    const files = { 'conf/a.conf': 'a=1\n', 'conf/b.conf': 'b=2', 'data.txt': 'one\ntwo\n' };
    expect(renderText('{{ .Files.Get "data.txt" | quote }} {{ .Files.Get "nope" | quote }} {{ .Files.Lines "data.txt" }} {{ len (.Files.GetBytes "conf/b.conf") }}', { files })).toBe(
      '"one\\ntwo\\n" "" [one two] 3',
    );
    expect(renderText('{{ (.Files.Glob "conf/*").AsConfig }}\n{{ (.Files.Glob "conf/b*").AsSecrets }}', { files })).toBe('a.conf: |\n  a=1\nb.conf: b=2\nb.conf: Yj0y');
    expect(renderText('{{ range $path, $_ := .Files.Glob "**.conf" }}{{ $path }};{{ end }}', { files })).toBe('conf/a.conf;conf/b.conf;');
  });

  it('renders include, tpl and lookup', () => {
    const helpers = { 'templates/_h.tpl': '{{- define "h.name" -}}{{ .Chart.Name }}-{{ .Values.suffix }}{{- end -}}' };
    expect(renderText('{{ include "h.name" . | upper }} {{ tpl "{{ .Values.suffix }}-{{ include \\"h.name\\" . }}" . }} {{ len (lookup "v1" "Pod" "ns" "p") }}', { values: 'suffix: x', files: helpers })).toBe(
      'MYCHART-X x-mychart-x 0',
    );
  });

  it('fails required and fail values as helm does: "execution error at (...)"', () => {
    expect(renderError('x: {{ required "image.tag is required" .Values.image }}')).toBe(
      'execution error at (mychart/templates/test.yaml:1:6): image.tag is required',
    );
    const helpers = { 'templates/_h.tpl': '{{- define "h" -}}{{ fail "from a helper" }}{{- end -}}' };
    expect(renderError('a\n  {{ include "h" . }}', { files: helpers })).toBe('execution error at (mychart/templates/test.yaml:2:5): from a helper');
  });

  it('prints a failing include as a chain of template errors', () => {
    const helpers = { 'templates/_h.tpl': '{{- define "h" -}}\n{{ .Values.a.b }}{{- end -}}' };
    expect(renderError('{{ include "h" . }}', { files: helpers })).toBe(
      'mychart/templates/test.yaml:1:3\n' +
        '  executing "mychart/templates/test.yaml" at <include "h" .>:\n' +
        '    error calling include:\n' +
        'mychart/templates/_h.tpl:2:10\n' +
        '  executing "h" at <.Values.a.b>:\n' +
        '    nil pointer evaluating interface {}.b',
    );
    expect(renderError('{{ include "nope" . }}')).toBe(
      'mychart/templates/test.yaml:1:3\n  executing "mychart/templates/test.yaml" at <include "nope" .>:\n    error calling include:\ntemplate: no template "nope" associated with template "gotpl"',
    );
    expect(renderError('{{ template "nope" }}')).toBe(
      'mychart/templates/test.yaml:1:12\n  executing "mychart/templates/test.yaml" at <{{template "nope"}}>:\n    template "nope" not defined',
    );
    expect(renderError('{{ .Values.x | nope }}')).toBe('parse error at (mychart/templates/test.yaml:1): function "nope" not defined');
  });

  it('runs tpl in a copy of the template set: its defines stay inside, an empty text renders empty', () => {
    const values = `text: '{{ define "p" }}inner{{ end }}tpl: {{ include "p" . }}'`;
    const files = { 'templates/_p.tpl': '{{- define "p" -}}outer{{- end -}}' };
    expect(renderText('{{ include "p" . }} {{ tpl .Values.text . }} {{ include "p" . }}|{{ tpl "" . }}|{{ tpl "{{ define \\"x\\" }}y{{ end }}" . }}|', { values, files })).toBe(
      'outer tpl: inner outer|||',
    );
  });

  it('tells templates whether their chart is the root, and lets an include run many times in a row', () => {
    expect(renderText('{{ .Chart.IsRoot }}')).toBe('true');
    const files = { 'templates/_line.tpl': '{{- define "line" }}x{{ end -}}' };
    expect(renderText('{{ range until 2000 }}{{ include "line" $ }}{{ end }}', { files })).toBe('x'.repeat(2000));
  });

  it('stops runaway include recursion with an error, not a crash', () => {
    const helpers = { 'templates/_h.tpl': '{{- define "loop" -}}{{ include "loop" . }}{{- end -}}' };
    expect(renderError('{{ include "loop" . }}', { files: helpers })).toBe(
      "mychart/templates/test.yaml:1:3\n  executing \"mychart/templates/test.yaml\" at <include \"loop\" .>:\n    error calling include:\n" +
        "mychart/templates/_h.tpl:1:24\n  executing \"loop\" at <include \"loop\" .>:\n    error calling include:\n" +
        "mychart/templates/_h.tpl:1:24\n  executing \"loop\" at <include \"loop\" .>:\n    error calling include: rendering template has a nested reference name: loop: unable to execute template",
    );
  });
});
