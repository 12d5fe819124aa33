// The Sprig and helm functions charts use, rendered in a chart as helm renders them: values
// from values.yaml are float64, --set numbers int64, literals int.

import { describe, expect, it } from 'vitest';
import { renderError, renderText } from './support/helm-render.ts';

const VALUES = `
port: 80
big: 1000000
ratio: 0.5
name: "  My App  "
list: [c, a, b, a]
empty: ""
nested:
  a: 1
  b:
    c: two
image:
  tag: ""
`;

const render = (template: string): string => renderText(template, { values: VALUES });

describe('Sprig functions', () => {
  it.each([
    ['{{ .Values.port | quote }} {{ .Values.big }} {{ .Values.ratio }}', '"80" 1e+06 0.5'],
    ['{{ default "x" .Values.empty }} {{ default "x" .Values.missing }} {{ .Values.image.tag | default .Chart.AppVersion }}', 'x x 1.16.0'],
    ['{{ quote "a" 1 nil }} {{ squote "a" }} {{ cat "a" 1 "b" }}', '"a" "1" \'a\' a 1 b'],
    ['{{ trim .Values.name }}|{{ upper "ab" }}|{{ lower "AB" }}|{{ title "hello world" }}|{{ untitle "Hello World" }}', 'My App|AB|ab|Hello World|hello world'],
    ['{{ trunc 3 "abcdef" }} {{ trunc -2 "abcdef" }} {{ trimSuffix "-" "a-" }} {{ trimPrefix "a" "ab" }} {{ trimAll "-" "--a--" }}', 'abc ef a b a'],
    ['{{ "a\\nb" | indent 2 }}|{{ "a" | nindent 4 }}', '  a\n  b|\n    a'],
    ['{{ replace "+" "_" "1.0+build" }} {{ contains "b" "abc" }} {{ hasPrefix "a" "abc" }} {{ hasSuffix "c" "abc" }}', '1.0_build true true true'],
    ['{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}', 'my-release-mychart'],
    ['{{ repeat 3 "ab" }} {{ substr 1 3 "abcde" }} {{ nospace "a b c" }} {{ initials "First Last" }} {{ abbrev 5 "hello world" }}', 'ababab bc abc FL he...'],
    ['{{ snakecase "FirstName" }} {{ kebabcase "FirstName" }} {{ camelcase "http_server" }} {{ swapcase "aB" }}', 'first_name first-name HttpServer Ab'],
    ['{{ split "," "a,b" }} {{ splitList "," "a,b" }} {{ join "-" .Values.list }} {{ sortAlpha .Values.list }} {{ splitn "," 2 "a,b,c" }}', 'map[_0:a _1:b] [a b] c-a-b-a [a a b c] map[_0:a _1:b,c]'],
    ['{{ list 1 "a" }} {{ first .Values.list }} {{ last .Values.list }} {{ rest .Values.list }} {{ initial .Values.list }}', '[1 a] c a [a b a] [c a b]'],
    ['{{ append .Values.list "z" }} {{ prepend .Values.list "z" }} {{ concat .Values.list (list 1) }} {{ reverse .Values.list }}', '[c a b a z] [z c a b a] [c a b a 1] [a b a c]'],
    ['{{ uniq .Values.list }} {{ without .Values.list "a" }} {{ has "b" .Values.list }} {{ compact (list "" 1 nil 0 "x") }}', '[c a b] [c b] true [1 x]'],
    ['{{ until 3 }} {{ untilStep 1 10 3 }} {{ seq 3 }} {{ seq 5 2 }} {{ slice .Values.list 1 3 }}', '[0 1 2] [1 4 7] 1 2 3 5 4 3 2 [a b]'],
    ['{{ $d := dict "b" 2 "a" 1 }}{{ $d }} {{ get $d "a" }} {{ hasKey $d "c" }} {{ keys $d }} {{ values $d }}', 'map[a:1 b:2] 1 false [a b] [1 2]'],
    ['{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $_ := unset $d "a" }}{{ $d }} {{ pick .Values.nested "a" }} {{ omit .Values.nested "a" }}', 'map[b:2] map[a:1] map[b:map[c:two]]'],
    ['{{ merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "y" 2)) }} {{ mergeOverwrite (dict "a" 1) (dict "a" 2) }}', 'map[a:1 b:3 n:map[x:1 y:2]] map[a:2]'],
    ['{{ dig "b" "c" "none" .Values.nested }} {{ dig "b" "x" "none" .Values.nested }} {{ pluck "a" .Values.nested (dict "a" 5) }}', 'two none [1 5]'],
    ['{{ add 1 2 3 }} {{ add1 .Values.port }} {{ sub 5 .Values.port }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ mod 7 2 }} {{ max 1 5 3 }} {{ min 4 2 }}', '6 81 -75 24 3 1 5 2'],
    ['{{ int .Values.ratio }} {{ int64 "42" }} {{ float64 "1.5" }} {{ atoi "12" }} {{ floor 1.7 }} {{ ceil 1.2 }} {{ round 1.25 1 }} {{ addf 1.5 1 }}', '0 42 1.5 12 1 2 1.3 2.5'],
    ['{{ ternary "y" "n" true }} {{ coalesce nil "" "first" }} {{ empty .Values.empty }} {{ empty .Values.nested }} {{ all 1 "" }} {{ any 0 "a" }}', 'y first true false false true'],
    ['{{ kindOf .Values.port }} {{ typeOf .Values.port }} {{ typeOf 1 }} {{ kindOf .Values.list }} {{ typeOf .Values.nested }} {{ kindIs "map" .Values.nested }} {{ typeOf nil }}', 'float64 float64 int slice map[string]interface {} true <nil>'],
    ['{{ toString 1.5 }} {{ toStrings (list 1 "a") }} {{ deepEqual (list 1) (list 1) }} {{ deepCopy .Values.nested }}', '1.5 [1 a] true map[a:1 b:map[c:two]]'],
    ['{{ b64enc "hello" }} {{ b64dec "aGVsbG8=" }} {{ b64dec "!!" }} {{ b32enc "hi" }} {{ b32dec "NBUQ====" }}', 'aGVsbG8= hello illegal base64 data at input byte 0 NBUQ==== hi'],
    ['{{ sha256sum "hello" }} {{ sha1sum "hello" }} {{ adler32sum "hello" }}', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d 103547413'],
    ['{{ regexMatch "^[a-z]+$" "abc" }} {{ regexFind "[0-9]+" "ab12cd34" }} {{ regexFindAll "[0-9]+" "ab12cd34" -1 }} {{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }} {{ regexReplaceAllLiteral "a" "aa" "$1" }} {{ regexSplit "," "a,b,c" 2 }} {{ regexQuoteMeta "a.b" }}', 'true 12 [12 34] -W-xxW- $1$1 [a b,c] a\\.b'],
    ['{{ semverCompare ">=1.20.0-0" "v1.33.0" }} {{ semverCompare "^1.2.0" "1.3.4" }} {{ semverCompare "~1.2.0" "1.3.0" }} {{ semverCompare ">1.2" "1.2.5" }} {{ semverCompare "1.2.x" "1.2.9" }} {{ semverCompare ">=1.0.0" "1.5.0-beta" }} {{ (semver "1.2.3-rc.1").Minor }}', 'true true false false true false 2'],
    ['{{ plural "one" "many" 2 }} {{ wrap 5 "aaa bbb ccc" }} {{ base "/a/b.txt" }} {{ dir "/a/b.txt" }} {{ ext "b.txt" }} {{ clean "a//b/../c" }}', 'many aaa\nbbb\nccc b.txt /a .txt a/c'],
    ['{{ $u := urlParse "https://user@example.com:8443/a%20b?x=1#frag" }}{{ $u.scheme }} {{ $u.host }} {{ $u.hostname }} {{ $u.path }} {{ $u.query }} {{ $u.fragment }} {{ $u.userinfo }} {{ urlJoin $u }}', 'https example.com:8443 example.com /a b x=1 frag user https://user@example.com:8443/a%20b?x=1#frag'],
    ['{{ getHostByName "example.com" | quote }} {{ hello }} {{ len (randBytes 6) }} {{ osBase "/x/y" }}', '"" Hello! 8 y'],
  ])('%s', (template, want) => {
    expect(render(template)).toBe(want);
  });

  it('declares the certificate and password functions but refuses to run them', () => {
    expect(render('{{ if false }}{{ genCA "ca" 365 }}{{ end }}ok')).toBe('ok');
    expect(renderError('{{ genCA "ca" 365 }}')).toBe(
      'mychart/templates/test.yaml:1:3\n  executing "mychart/templates/test.yaml" at <genCA "ca" 365>:\n    error calling genCA: genCA is not supported in Dockyard (no real cryptography in the simulation)',
    );
  });

  it('draws randAlphaNum and friends from the seeded random: the same seed, the same text', () => {
    const template = '{{ randAlphaNum 10 }} {{ randAlpha 4 }} {{ randNumeric 4 }} {{ uuidv4 }}';
    const a = renderText(template, { seed: 7 });
    expect(a).toMatch(/^[A-Za-z0-9]{10} [A-Za-z]{4} [0-9]{4} [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(renderText(template, { seed: 7 })).toBe(a);
    expect(renderText(template, { seed: 8 })).not.toBe(a);
  });

  it('reads the virtual clock for now and dates', () => {
    const now = Date.UTC(2025, 0, 2, 15, 4, 5);
    expect(renderText('{{ now | date "2006-01-02T15:04:05Z07:00" }} {{ now | unixEpoch }} {{ now | htmlDate }} {{ date "Jan 2, 2006 3:04PM" 0 }}', { now })).toBe(
      '2025-01-02T15:04:05Z 1735830245 2025-01-02 Jan 1, 1970 12:00AM',
    );
    expect(renderText('{{ dateModify "-1h" now | date "15:04" }} {{ duration 95 }} {{ toDate "2006-01-02" "2017-12-31" | date "02/01/2006" }}', { now })).toBe('14:04 1m35s 31/12/2017');
  });

  it.each([
    ['{{ until .Values.port }}', 'mychart/templates/test.yaml:1:16\n  executing "mychart/templates/test.yaml" at <.Values.port>:\n    wrong type for value; expected int; got float64'],
    ['{{ trunc 3 .Values.missing }}', 'mychart/templates/test.yaml:1:18\n  executing "mychart/templates/test.yaml" at <.Values.missing>:\n    wrong type for value; expected string; got interface {}'],
    ['{{ .Values.missing | upper }}', 'mychart/templates/test.yaml:1:21\n  executing "mychart/templates/test.yaml" at <upper>:\n    invalid value; expected string'],
    ['{{ div 1 0 }}', 'mychart/templates/test.yaml:1:3\n  executing "mychart/templates/test.yaml" at <div 1 0>:\n    error calling div: runtime error: integer divide by zero'],
    ['{{ first "abc" }}', 'mychart/templates/test.yaml:1:3\n  executing "mychart/templates/test.yaml" at <first "abc">:\n    error calling first: Cannot find first on type string'],
    ['{{ eq .Values.port 80 }}', 'mychart/templates/test.yaml:1:3\n  executing "mychart/templates/test.yaml" at <eq .Values.port 80>:\n    error calling eq: incompatible types for comparison'],
  ])('fails as helm does: %s', (template, message) => {
    expect(renderError(template, { values: VALUES })).toBe(message);
  });
});
