// helm's toYaml (and the values `helm get values` and `helm status` print): sigs.k8s.io/yaml.Marshal,
// which encodes to JSON and writes that out with its copy of go-yaml v2 (v2.4), as kubectl -o yaml
// does. The writing is the shared go-yaml emitter (src/yaml).
//
// Unlike kubectl's printer this does not read the JSON text back through go-yaml's parser: a raw
// NEL (U+0085) or a C1 control character in a value is written as it is rather than folded or
// refused.

import { emitGoYaml, type GoYamlValue } from '../../yaml/go-yaml-emitter.ts';
import { marshalJson, unmarshalJson } from './go-json.ts';
import { type GoValue, isGoMap } from '../template/value.ts';

/** sigs.k8s.io/yaml.Marshal(value) (with its trailing newline). Throws JsonError for NaN/Inf. */
export function marshalGoYaml(value: GoValue): string {
  // Through JSON, as sigs.k8s.io/yaml does: structs become maps, []byte base64.
  return emitGoYaml(asYamlValue(unmarshalJson(marshalJson(value))));
}

/** What json.Unmarshal gives (maps, slices, float64s, strings, bools, nil) as the emitter takes it. */
function asYamlValue(value: GoValue): GoYamlValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(asYamlValue);
  if (isGoMap(value)) return new Map([...value].map(([k, v]) => [k, asYamlValue(v)]));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}
