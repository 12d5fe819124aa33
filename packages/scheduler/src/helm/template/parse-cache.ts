// Parsed templates, kept by name and text: helm parses every template of a chart on every render,
// and the trees of an unchanged file are the same each time (they are never changed after
// parsing). A hit is only used when every function the text calls exists in the caller's set, so
// an unknown function still fails as it would. The cache is bounded.

import { parseWithFunctions, type Tree } from './parse.ts';

interface Entry {
  trees: Map<string, Tree>;
  functions: Set<string>;
}

const MAX_ENTRIES = 2000;
const cache = new Map<string, Entry>();

export function cachedParse(name: string, text: string, hasFunction: (name: string) => boolean): Map<string, Tree> {
  const key = `${name}\u0000${text}`;
  const hit = cache.get(key);
  if (hit && [...hit.functions].every(hasFunction)) return hit.trees;
  const entry = parseWithFunctions(name, text, hasFunction);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, entry);
  return entry.trees;
}
