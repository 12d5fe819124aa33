// helm's -o json and -o yaml (pkg/cli/output): json.Encoder (compact, HTML-escaped, a newline)
// and sigs.k8s.io/yaml (the JSON as YAML, keys sorted).

import { type GoValue, marshalGoYaml } from '@dockyard/scheduler/helm';

/** Plain JSON values (from JSON.parse) as the Go values the YAML emitter takes. */
function toGo(value: unknown): GoValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toGo);
  if (typeof value === 'object') return new Map(Object.entries(value as object).map(([k, v]) => [k, toGo(v)]));
  return value as GoValue;
}

/** EncodeJSON: already-encoded Go JSON text, as the encoder writes it. */
export const encodeJson = (json: string): string => `${json}\n`;

/** EncodeYAML of what `json` encodes. */
export const encodeYaml = (json: string): string => marshalGoYaml(toGo(JSON.parse(json)));
