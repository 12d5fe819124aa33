// The docker CLI's template layer on its own: the functions docker adds to Go templates
// (docker/cli templates/templates.go), the header variants, and formatter.Context.Write's handling
// of `table`, `json`, `\t` / `\n` and spaces around the format.
import { describe, expect, it } from 'vitest';
import { GoInt } from '@dockyard/scheduler/helm';
import { formatListing, formatterRow } from '../src/commands/docker/listing-format.ts';

const HEADERS = { Name: 'NAME', Text: 'TEXT', List: 'LIST' };
const rows = [
  formatterRow('*test.rowContext', { Name: 'web-1', Text: 'a <b> & c', List: ['x', 'y'], Count: new GoInt(3) }),
  formatterRow('*test.rowContext', { Name: 'db', Text: 'hello wide-world_x', List: [], Count: new GoInt(0) }),
];
const format = (template: string) => formatListing(template, rows, HEADERS);

describe("docker's template functions", () => {
  it('json encodes without HTML escaping; {{json .}} of a row is its MarshalJSON, keys sorted and escaped', () => {
    expect(format('{{json .Text}} {{json .List}} {{json .Count}}')).toBe('"a <b> & c" ["x","y"] 3\n"hello wide-world_x" [] 0\n');
    expect(format('json')).toBe('{"Count":3,"List":["x","y"],"Name":"web-1","Text":"a \\u003cb\\u003e \\u0026 c"}\n{"Count":0,"List":[],"Name":"db","Text":"hello wide-world_x"}\n');
  });

  it('split, join, title, lower, upper, pad and truncate work as strings.* does', () => {
    expect(format('{{split .Name "-"}}|{{join .List "+"}}|{{title .Text}}|{{upper .Name}}|{{lower "ABC"}}')).toBe('[web 1]|x+y|A <B> & C|WEB-1|abc\n[db]||Hello Wide-World_x|DB|abc\n');
    expect(format('[{{pad .Name 1 2}}][{{pad "" 3 3}}][{{truncate .Name 3}}][{{truncate .Name 9}}]')).toBe('[ web-1  ][][web][web-1]\n[ db  ][][db][db]\n');
    expect(format('{{range .List}}{{println .}}{{end}}-')).toBe('x\ny\n-\n-\n');
  });

  it('turns \\t and \\n written in the format into tabs and newlines, and trims spaces around it', () => {
    expect(format('  {{.Name}}\\t{{.Count}}\\n  ')).toBe('web-1\t3\n\ndb\t0\n\n');
  });

  it('heads `table` columns with the header map, where json, upper and truncate leave the name as is but pad pads it', () => {
    expect(format('table {{json .Name}}\\t{{upper .Text}}\\t{{truncate .Name 2}}\\t{{pad .Name 1 1}}|')).toBe(
      'NAME      TEXT                 NAME       NAME |\n"web-1"   A <B> & C            we         web-1 |\n"db"      HELLO WIDE-WORLD_X   db         db |\n',
    );
    // A field the header map lacks prints Go's <no value>; a table with no rows still has its header.
    expect(formatListing('table {{.Name}}\\t{{.Count}}', [], HEADERS)).toBe('NAME      <no value>\n');
  });

  it("reports Go's errors under docker's 'template parsing error'", () => {
    expect(() => format('{{pad .Name -1 0}}')).toThrow('template parsing error: template: :1:2: executing "" at <pad .Name -1 0>: error calling pad: strings: negative Repeat count');
    expect(() => format('{{truncate .Name}}')).toThrow('template parsing error: template: :1:2: executing "" at <truncate>: wrong number of args for truncate: want 2 got 1');
    expect(() => format('{{if}}')).toThrow('template parsing error: template: :1: missing value for if');
  });
});
