// A values file as helm 4 reads one (loader.LoadValues): one or more YAML documents separated by
// `---` lines (only a comment may follow the dashes), each a map, merged in order. Used for a
// chart's values.yaml and for every -f file.

import type { GoMap } from '../template/value.ts';
import { parseGoYamlMap, YamlError } from '../yaml/go-yaml-parse.ts';
import { mergeMaps } from './values.ts';

export class ValuesFileError extends Error {
  override name = 'ValuesFileError';
}

/** The documents of a YAML stream as Kubernetes' YAMLReader splits them. */
function yamlDocuments(text: string): string[] {
  const docs: string[] = [];
  let buffer = '';
  for (const line of text.split(/(?<=\n)/)) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && !rest.startsWith('#')) {
        throw new ValuesFileError(`error reading yaml document: invalid Yaml document separator: ${rest}`);
      }
      if (buffer.length > 0) docs.push(buffer);
      buffer = '';
      continue;
    }
    buffer += line;
  }
  if (buffer.length > 0) docs.push(buffer);
  return docs;
}

export function parseValuesFile(text: string): GoMap {
  let values: GoMap = new Map();
  for (const doc of yamlDocuments(text)) {
    let current: GoMap;
    try {
      current = parseGoYamlMap(doc);
    } catch (err) {
      if (err instanceof YamlError) throw new ValuesFileError(`cannot unmarshal yaml document: ${err.message}`);
      throw err;
    }
    values = mergeMaps(values, current);
  }
  return values;
}
