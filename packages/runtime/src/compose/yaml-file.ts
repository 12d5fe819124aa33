// Reading one compose file: YAML (with anchors, aliases and `<<` merge keys, as compose's Go YAML
// reader accepts) into plain data, keeping the two merge tags compose gives meaning to:
// `!reset` (drop the value inherited from earlier files) and `!override` (replace it outright).

import { isMap, isScalar, isSeq, type Node, parseAllDocuments, type ScalarTag } from 'yaml';
import { ComposeError } from './errors.ts';

/** Stands for a `!reset` value: the merged result has no such key (or an empty value). */
export const RESET: unique symbol = Symbol('compose !reset');

/** Wraps a `!override` value: it replaces what earlier files said instead of merging with it. */
export class OverrideValue {
  constructor(readonly value: unknown) {}
}

export type ComposeDict = Record<string, unknown>;

// Go's YAML reader takes a leading 0 as octal (`mode: 0400` is 256), as YAML 1.1 did.
const legacyOctal: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  format: 'OCT',
  test: /^0[0-7]+$/,
  resolve: (text) => Number.parseInt(text, 8),
};

interface TaggedNode {
  path: (string | number)[];
  tag: '!reset' | '!override';
}

/** Parses a compose file's text; every YAML document in it is returned, empty ones skipped. */
export function parseComposeYaml(text: string, file: string): ComposeDict[] {
  const docs = parseAllDocuments(text, {
    merge: true,
    uniqueKeys: true,
    prettyErrors: true,
    customTags: (tags) => [legacyOctal, ...tags],
  });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: ComposeDict[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const [pos] = error.linePos ?? [];
      const where = pos ? `line ${pos.line}, column ${pos.col}` : 'end of file';
      const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new ComposeError(`yaml: ${file}: ${where}: ${message}`);
    }
    if (doc.contents === null) continue;
    const tagged: TaggedNode[] = [];
    findMergeTags(doc.contents as Node, [], tagged);
    const value: unknown = doc.toJS({ maxAliasCount: 10_000 });
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ComposeError('top-level object must be a mapping');
    }
    let dict = value as ComposeDict;
    for (const { path, tag } of tagged) dict = applyTag(dict, path, tag) as ComposeDict;
    out.push(dict);
  }
  return out;
}

function findMergeTags(node: Node | null, path: (string | number)[], found: TaggedNode[]): void {
  if (node === null) return;
  if (node.tag === '!reset' || node.tag === '!override') found.push({ path, tag: node.tag });
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      findMergeTags(pair.value as Node | null, [...path, key], found);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => findMergeTags(item as Node | null, [...path, index], found));
  }
}

function applyTag(target: unknown, path: (string | number)[], tag: TaggedNode['tag']): unknown {
  if (path.length === 0) return tag === '!reset' ? RESET : new OverrideValue(target);
  if (target === null || typeof target !== 'object') return target;
  const [head, ...rest] = path;
  const container = target as Record<string | number, unknown>;
  container[head!] = applyTag(container[head!], rest, tag);
  return target;
}
