// Manifests as kubectl reads them: multi-document YAML (or JSON), empty documents skipped, `kind:
// List` expanded into its items, each object with the file and line it starts on. A YAML error
// names the file and line as kubectl does (`error parsing x.yaml: error converting YAML to JSON:
// yaml: line 5: ...`); an object without apiVersion or kind is refused as kubectl's client-side
// check refuses it.

import { parseAllDocuments } from 'yaml';
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

/** Parses every document of a manifest file; throws a ManifestError for the first bad one. */
export function parseManifests(text: string, source: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const document of parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true })) {
    const problem = document.errors[0];
    if (problem !== undefined) {
      const line = lineOf(text, problem.pos[0]);
      const message = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new ManifestError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${message}`, source, line);
    }
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    const line = lineOf(text, document.contents?.range[0] ?? document.range[0]);
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
