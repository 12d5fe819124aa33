// The values a user passes on the command line, merged as helm's values.Options.MergeValues does:
// -f files in order (later wins, maps merge deeply), then --set-json, --set, --set-string,
// --set-file and --set-literal, each kind in its own order whatever the order on the command line.
// (A --set-json given as a whole JSON object is merged like a file.)

import { utf8Decode } from '../template/utf8.ts';
import { type GoMap, type GoValue, isGoMap } from '../template/value.ts';
import { JsonError, unmarshalJson } from '../yaml/go-json.ts';
import { parseValuesFile, ValuesFileError } from './values-file.ts';
import type { FileSource } from './file-source.ts';
import { parseSet, parseSetFile, parseSetJson, parseSetLiteral, parseSetString, StrvalsError } from './strvals.ts';
import { mergeMaps } from './values.ts';

export interface ValueOptions {
  valueFiles?: readonly string[];
  jsonValues?: readonly string[];
  values?: readonly string[];
  stringValues?: readonly string[];
  fileValues?: readonly string[];
  literalValues?: readonly string[];
}

export class ValueOptionsError extends Error {
  override name = 'ValueOptionsError';
}

/** Reads a file named on the command line; helm's wording when it is missing. */
function readFile(files: FileSource, path: string): string {
  const data = files.read(path);
  if (!data) throw new ValueOptionsError(`open ${path}: no such file or directory`);
  return utf8Decode(data);
}

export function mergeValueOptions(options: ValueOptions, files: FileSource): GoMap {
  let base: GoMap = new Map();
  for (const path of options.valueFiles ?? []) {
    const text = readFile(files, path);
    let current: GoMap;
    try {
      current = parseValuesFile(text);
    } catch (err) {
      if (err instanceof ValuesFileError) throw new ValueOptionsError(`failed to parse ${path}: ${err.message}`);
      throw err;
    }
    base = mergeMaps(base, current);
  }
  const apply = (list: readonly string[] | undefined, parse: (value: string) => void, what: string, wrap = true): void => {
    for (const value of list ?? []) {
      try {
        parse(value);
      } catch (err) {
        if (err instanceof StrvalsError || err instanceof ValueOptionsError) {
          throw new ValueOptionsError(wrap ? `failed parsing ${what} data: ${err.message}` : `failed parsing ${what} data ${value}`);
        }
        throw err;
      }
    }
  };
  // --set-json takes key=json pairs, or a whole JSON object ('{"a": 1}') merged like a file.
  for (const value of options.jsonValues ?? []) {
    const trimmed = value.trim();
    if (!trimmed.startsWith('{')) {
      apply([value], (v) => parseSetJson(v, base), '--set-json', false);
      continue;
    }
    let parsed: GoValue;
    try {
      parsed = unmarshalJson(trimmed);
    } catch (err) {
      if (err instanceof JsonError) throw new ValueOptionsError(`failed parsing --set-json data JSON: ${value}`);
      throw err;
    }
    if (!isGoMap(parsed)) throw new ValueOptionsError(`failed parsing --set-json data JSON: ${value}`);
    base = mergeMaps(base, parsed);
  }
  apply(options.values, (v) => parseSet(v, base), '--set');
  apply(options.stringValues, (v) => parseSetString(v, base), '--set-string');
  apply(options.fileValues, (v) => parseSetFile(v, base, (path) => readFile(files, path)), '--set-file');
  apply(options.literalValues, (v) => parseSetLiteral(v, base), '--set-literal');
  return base;
}
