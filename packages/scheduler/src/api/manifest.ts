// Manifests as kubectl reads them: multi-document YAML (or a stream of JSON values when the text
// opens with `{`), empty documents skipped, `kind: List` expanded into its items, each object with
// the file and line it starts on. A YAML error names the file and line as kubectl does (`error
// parsing x.yaml: error converting YAML to JSON: yaml: line 5: ...`), a JSON one Go's words and
// byte offset; an object without apiVersion or kind is refused as kubectl's client-side check
// refuses it.

import { parseAllDocuments } from 'yaml';
import { scanGoJsonValue } from './go-json.ts';
import type { KubeObject } from './kinds.ts';

export interface ManifestObject {
  object: KubeObject;
  /** The file (or `STDIN`) it came from. */
  source: string;
  /** 1-based line its document starts on. */
  line: number;
}

export class ManifestError extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ManifestError';
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

interface Document {
  value: unknown;
  /** 1-based line it starts on. */
  line: number;
}

/** The documents of a YAML stream, one at a time (an error in one comes after those before it). */
function* yamlDocuments(text: string, source: string, lineOffset = 0): Generator<Document> {
  for (const document of parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true })) {
    const problem = document.errors[0];
    if (problem !== undefined) {
      const line = lineOf(text, problem.pos[0]) + lineOffset;
      const message = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new ManifestError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${message}`, source, line);
    }
    yield { value: document.toJS({ maxAliasCount: 100 }), line: lineOf(text, document.contents?.range[0] ?? document.range[0]) + lineOffset };
  }
}

const isGoSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * A stream that opens with `{` is read as JSON values one after another (yaml.GuessJSONStream,
 * json.Decoder). Until two values were read it may still be YAML: a value that is not JSON sends
 * the rest (from the end of the line the last value ended on) to the YAML reader, and only if
 * that fails too is the JSON error given, with its byte offset (`json: offset 7: invalid
 * character '1' after object key:value pair`, or `unexpected EOF` for a value cut short). After
 * two values the JSON error stands, without the offset. [apimachinery pkg/util/yaml decoder.go
 * YAMLOrJSONDecoder.Decode]
 */
function* jsonDocuments(text: string, source: string): Generator<Document> {
  const bytes = new TextEncoder().encode(text);
  const lineAt = (offset: number) => 1 + bytes.subarray(0, offset).filter((b) => b === 10).length;
  for (let pos = 0, count = 0; ; count++) {
    let first = pos;
    while (first < bytes.length && isGoSpace(bytes[first]!)) first++;
    if (first >= bytes.length) return;
    const scanned = scanGoJsonValue(bytes, pos);
    if (!('error' in scanned)) {
      yield { value: JSON.parse(new TextDecoder().decode(bytes.subarray(first, scanned.end))), line: lineAt(first) };
      pos = scanned.end;
      continue;
    }
    const cutShort = scanned.at >= bytes.length;
    if (count > 1) throw new ManifestError(`error parsing ${source}: ${cutShort ? 'unexpected EOF' : scanned.error}`, source, lineAt(scanned.at));
    const jsonError = new ManifestError(`error parsing ${source}: ${cutShort ? 'unexpected EOF' : `json: offset ${scanned.at + 1}: ${scanned.error}`}`, source, lineAt(scanned.at));
    let from = pos;
    while (from < bytes.length && isGoSpace(bytes[from]!) && bytes[from] !== 0x0a) from++;
    const yaml = yamlDocuments(new TextDecoder().decode(bytes.subarray(from)), source, lineAt(from) - 1);
    let next: IteratorResult<Document>;
    try {
      next = yaml.next();
    } catch {
      throw jsonError;
    }
    if (next.done === true) return;
    yield next.value;
    yield* yaml;
    return;
  }
}

/** Parses every document of a manifest file; throws a ManifestError for the first bad one. */
export function parseManifests(text: string, source: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  const documents = /^\s*\{/.test(text) ? jsonDocuments(text, source) : yamlDocuments(text, source);
  for (const { value, line } of documents) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ManifestError(
        `error validating ${JSON.stringify(source)}: error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`,
        source,
        line,
      );
    }
    const object = value as KubeObject;
    const missing = [
      ...(typeof object.apiVersion === 'string' && object.apiVersion !== '' ? [] : ['apiVersion not set']),
      ...(typeof object.kind === 'string' && object.kind !== '' ? [] : ['kind not set']),
    ];
    if (missing.length > 0) {
      throw new ManifestError(
        `error validating ${JSON.stringify(source)}: error validating data: ${missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`}; if you choose to ignore these errors, turn validation off with --validate=false`,
        source,
        line,
      );
    }
    if (object.kind === 'List' && Array.isArray(object.items)) {
      for (const item of object.items as KubeObject[]) out.push({ object: item, source, line });
    } else {
      out.push({ object, source, line });
    }
  }
  return out;
}
