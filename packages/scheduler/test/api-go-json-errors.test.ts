// The API server decodes JSON with Go's encoding/json; a body it cannot read is refused with that
// scanner's words for the first bad byte. Each case is Go's message for the text.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePatchBody, parseGoJson, StatusError } from '../src/index.ts';

const kubectlInstalled = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

const message = (text: string) => {
  try {
    parseGoJson(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

describe("Go's JSON syntax errors", () => {
  it.each([
    ['', 'unexpected end of JSON input'],
    ['  ', 'unexpected end of JSON input'],
    ['{"spec":', 'unexpected end of JSON input'],
    ['{"a":"b', 'unexpected end of JSON input'],
    ['[1', 'unexpected end of JSON input'],
    ['{"spec": [}', "invalid character '}' looking for beginning of value"],
    ['{"spec" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['[1 2]', "invalid character '2' after array element"],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['{} x', "invalid character 'x' after top-level value"],
    ['01', "invalid character '1' after top-level value"],
    ['{"a":01}', "invalid character '1' after object key:value pair"],
    ['-', "invalid character ' ' in numeric literal"],
    ['-x', "invalid character 'x' in numeric literal"],
    ['1.', "invalid character ' ' after decimal point in numeric literal"],
    ['1.e5', "invalid character 'e' after decimal point in numeric literal"],
    ['1e+', "invalid character ' ' in exponent of numeric literal"],
    ['tru', "invalid character ' ' in literal true (expecting 'e')"],
    ['[nul]', "invalid character ']' in literal null (expecting 'l')"],
    ['fals3', "invalid character '3' in literal false (expecting 'e')"],
    ['"a\\qb"', "invalid character 'q' in string escape code"],
    ['"\\', "invalid character ' ' in string escape code"],
    ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ['"a\nb"', "invalid character '\\n' in string literal"],
    ['"\u0001"', "invalid character '\\x01' in string literal"],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ['\\', "invalid character '\\\\' looking for beginning of value"],
    // Go scans bytes: the first byte of é (0xC3) is quoted as the rune U+00C3.
    ['été', "invalid character 'Ã' looking for beginning of value"],
    ['\u00a0{}', "invalid character 'Â' looking for beginning of value"],
  ])('%j: %s', (text, expected) => {
    expect(message(text)).toBe(expected);
  });

  it('parses what JSON.parse parses, and words every failure as Go does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.json().map((j) => j.slice(0, -1))), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const result = message(text);
        if (valid) expect(result).toBeUndefined();
        else expect(result).toMatch(/^(unexpected end of JSON input|invalid character '([^']|\\.+)' (looking for|after|in) .+)$/);
      }),
    );
  });
});

describe('a PATCH body, decoded for its type', () => {
  const refusal = (text: string, type: 'json' | 'merge' | 'strategic') => {
    try {
      decodePatchBody(text, type);
      return undefined;
    } catch (error) {
      return error instanceof StatusError ? `${error.code} ${error.message}` : String(error);
    }
  };

  it('strategic merge errors come bare; merge and JSON patch ones after error decoding patch:', () => {
    expect(refusal('{"spec":', 'strategic')).toBe('400 unexpected end of JSON input');
    expect(refusal('{"spec":', 'merge')).toBe('400 error decoding patch: unexpected end of JSON input');
    expect(refusal('"x"', 'strategic')).toBe('400 json: cannot unmarshal string into Go value of type map[string]interface {}');
    expect(refusal('[1]', 'merge')).toBe('400 error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect(refusal('{"op":"add"}', 'json')).toBe('400 error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp');
    expect(refusal('[true]', 'json')).toBe('400 error decoding patch: json: cannot unmarshal bool into Go value of type handlers.jsonPatchOp');
    expect(refusal('[{"op":"add","path":7}]', 'json')).toBe('400 error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string');
    expect(decodePatchBody('null', 'merge')).toEqual({});
    expect(decodePatchBody('null', 'json')).toEqual([]);
  });
});

// The stock kubectl is a Go program: it reads a .json manifest with encoding/json's decoder and
// prints the scanner's words (`json: offset N: invalid character ...`), with no server needed.
describe.skipIf(!kubectlInstalled)("Go's words for broken JSON, checked against the stock kubectl (needs kubectl on PATH)", () => {
  it('match for objects with one character inserted, deleted or replaced', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'go-json-')), 'broken.json');
    const broken = fc
      .tuple(fc.json({ maxDepth: 3 }).filter((j) => j.startsWith('{')), fc.nat(), fc.constantFrom(...'{}[],:"\\ tfnue0123.-+x\t\n\'\u00e9'), fc.constantFrom(0, 1, 2))
      .map(([json, n, c, edit]) => {
        const at = 1 + (n % Math.max(1, json.length - 1));
        return json.slice(0, at) + (edit === 1 ? '' : c) + json.slice(edit === 0 ? at : at + 1);
      });
    let compared = 0;
    fc.assert(
      fc.property(broken, (text) => {
        writeFileSync(file, text);
        const run = spawnSync('kubectl', ['create', '--dry-run=client', '-f', file, '--kubeconfig=/dev/null'], { encoding: 'utf8' });
        // The stream decoder stops after the first value and says EOF its own way: compare the rest.
        const go = /json: offset \d+: (invalid character .*)$/m.exec(run.stderr)?.[1];
        if (go === undefined || go.includes('after top-level value')) return;
        compared++;
        expect(message(text)).toBe(go);
      }),
      { numRuns: 60, seed: 7 },
    );
    expect(compared).toBeGreaterThan(20);
  }, 60_000);
});
