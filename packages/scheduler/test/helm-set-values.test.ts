// helm's --set syntax (pkg/strvals) and the CLI's merge of -f files and --set flags: nested
// keys, list indexes, escapes, typed values, and the fixed order of the flag kinds.

import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fileMapSource } from '../src/helm/chart/file-source.ts';
import { parseSet, parseSetJson, parseSetLiteral, parseSetString } from '../src/helm/chart/strvals.ts';
import { mergeValueOptions } from '../src/helm/chart/values-options.ts';
import { marshalJson } from '../src/helm/yaml/go-json.ts';
import { formatValue } from '../src/helm/template/fmt.ts';
import { typeName, type GoMap } from '../src/helm/template/value.ts';

function set(...texts: string[]): GoMap {
  const dest: GoMap = new Map();
  for (const t of texts) parseSet(t, dest);
  return dest;
}

const json = (m: GoMap): string => marshalJson(m);

describe('--set', () => {
  it.each([
    ['a=b', '{"a":"b"}'],
    ['a.b.c=d,e=f', '{"a":{"b":{"c":"d"}},"e":"f"}'],
    ['list[0]=a,list[2]=c', '{"list":["a",null,"c"]}'],
    ['list[0].name=x,list[0].port=80', '{"list":[{"name":"x","port":80}]}'],
    ['n[1][0]=x', '{"n":[null,["x"]]}'],
    ['list={a,b,c}', '{"list":["a","b","c"]}'],
    ['name=a\\,b,dots=a\\.b', '{"dots":"a.b","name":"a,b"}'],
    ['key\\.with\\.dots=1', '{"key.with.dots":1}'],
    ['a=', '{"a":""}'],
    ['a=null', '{"a":null}'],
  ])('%s', (text, want) => {
    expect(json(set(text))).toBe(want);
  });

  it('infers types as helm does: true/false/null, int64 without a leading zero, else strings', () => {
    const v = set('t=true,F=FALSE,i=42,neg=-7,zero=0,lead=007,f=1.5,s=abc');
    expect([...v].map(([k, x]) => `${k}=${formatValue(x)}:${typeName(x)}`).join(' ')).toBe(
      't=true:bool F=false:bool i=42:int64 neg=-7:int64 zero=0:int64 lead=007:string f=1.5:string s=abc:string',
    );
    const s: GoMap = new Map();
    parseSetString('i=42,b=true', s);
    expect(json(s)).toBe('{"b":"true","i":"42"}');
  });

  it('reads JSON values with --set-json and keeps the rest of the text with --set-literal', () => {
    const j: GoMap = new Map();
    parseSetJson('a={"b":[1,2]},c=[true]', j);
    expect(json(j)).toBe('{"a":{"b":[1,2]},"c":[true]}');
    const l: GoMap = new Map();
    parseSetLiteral('a.b=x,y={z}', l);
    expect(json(l)).toBe('{"a":{"b":"x,y={z}"}}');
  });

  it.each([
    ['a', 'key "a" has no value'],
    ['a,b=c', 'key "a" has no value (cannot end with ,)'],
    ['a[x]=1', 'error parsing index: strconv.Atoi: parsing "x": invalid syntax'],
    ['a[-1]=1', 'negative -1 index not allowed'],
    ['a[70000]=1', 'index of 70000 is greater than maximum supported index of 65536'],
    ['a={b', "list must terminate with '}'"],
  ])('rejects %s', (text, message) => {
    expect(() => set(text)).toThrow(message);
  });

  it('merges -f files in order, then --set-json, --set, --set-string whatever the flag order', () => {
    const files = fileMapSource(
      new Map([
        ['one.yaml', strToU8('a: 1\nm: {x: 1, w: 1}\nl: [1]\n')],
        ['two.yaml', strToU8('a: 2\nm: {w: 2}\nl: [2, 3]\n')],
        ['file.txt', strToU8('contents\n')],
        ['multi.yaml', strToU8('a: 1\nm: {x: 5}\n--- # second document\nm: {v: 6}\n')],
        ['bad.yaml', strToU8('a: 1\n---x\n')],
      ]),
    );
    const merged = mergeValueOptions(
      {
        valueFiles: ['one.yaml', 'two.yaml'],
        values: ['m.z=3,a=set'],
        stringValues: ['a=string'],
        jsonValues: ['a=4'],
        fileValues: ['f=file.txt'],
      },
      files,
    );
    expect(json(merged)).toBe('{"a":"string","f":"contents\\n","l":[2,3],"m":{"w":2,"x":1,"z":3}}');
    expect(() => mergeValueOptions({ valueFiles: ['nope.yaml'] }, files)).toThrow('open nope.yaml: no such file or directory');
    expect(json(mergeValueOptions({ valueFiles: ['multi.yaml'], jsonValues: ['{"j": {"k": [1]}}', 'm.x=7'] }, files))).toBe('{"a":1,"j":{"k":[1]},"m":{"v":6,"x":7}}');
    expect(() => mergeValueOptions({ valueFiles: ['bad.yaml'] }, files)).toThrow('failed to parse bad.yaml: error reading yaml document: invalid Yaml document separator: x');
    expect(() => mergeValueOptions({ jsonValues: ['{nope'] }, files)).toThrow('failed parsing --set-json data JSON: {nope');
    expect(() => mergeValueOptions({ values: ['a'] }, files)).toThrow('failed parsing --set data: key "a" has no value');
  });
});
