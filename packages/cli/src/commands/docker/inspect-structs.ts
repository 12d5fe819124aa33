// An inspect object as docker's first, typed run of a --format template sees it: the Engine API's
// Go structs rather than decoded JSON. The JSON does not say which objects were structs, so this
// goes by the API's shape: an object whose keys are all Go field names (`State`, `IPAddress`) is a
// struct, printed `{running true ...}`, and has no entry for other names; anything else
// (`Labels`, `ExposedPorts` keyed "80/tcp") is a map, whose `{}` values are struct{}; a null is
// the zero value of the field's type (a nil map or slice for the API's maps and lists: printed
// `map[]` / `[]`, encoded null).

import { GoInt, GoStruct, type GoValue } from '@dockyard/scheduler/helm';
import { nilCollection } from './docker-template.ts';

const GO_FIELD = /^[A-Z][A-Za-z0-9]*$/;

/** Fields of the inspect structs that are maps or slices, so that null prints `map[]` / `[]`. */
const MAP_FIELDS = new Set(['Labels', 'Volumes', 'ExposedPorts', 'Options', 'Ports', 'PortBindings', 'Networks', 'Containers', 'Data', 'Sysctls', 'Tmpfs', 'StorageOpt']);
/** Maps whose values are lists (nat.PortMap: a port exposed but not published is null, printed `[]`). */
const MAP_OF_LISTS_FIELDS = new Set(['Ports', 'PortBindings']);
const LIST_FIELDS = new Set(['Env', 'Cmd', 'Entrypoint', 'OnBuild', 'Shell', 'Args', 'ExecIDs', 'RepoTags', 'RepoDigests', 'Layers', 'Binds', 'Links', 'Dns', 'DnsOptions', 'DnsSearch', 'ExtraHosts', 'CapAdd', 'CapDrop', 'Aliases', 'DNSNames', 'Devices', 'Mounts']);

/**
 * Fields the daemon leaves out when empty (omitempty) but the struct has, as nil: found by a
 * field only that struct has. `{{json .Config.Healthcheck}}` is then null, not an error.
 */
const OMITTED: readonly [marker: string, fields: Readonly<Record<string, () => GoValue>>][] = [
  ['OOMKilled', { Health: () => null }], // ContainerState
  ['Entrypoint', { ExposedPorts: () => nilCollection(new Map()), Healthcheck: () => null, Shell: () => nilCollection([]), StopSignal: () => '' }], // container.Config
  ['GraphDriver', { SizeRw: () => null, SizeRootFs: () => null }], // a container's inspect
];

function isGoStruct(object: object): boolean {
  const keys = Object.keys(object);
  return keys.length > 0 && keys.every((key) => GO_FIELD.test(key));
}

/** `value` under the struct field `field` (undefined for a map value or a list item). */
export function asTypedValue(value: unknown, field?: string): GoValue {
  if (value === null || value === undefined) {
    if (field !== undefined && MAP_FIELDS.has(field)) return nilCollection(new Map());
    if (field !== undefined && LIST_FIELDS.has(field)) return nilCollection([]);
    return null;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? new GoInt(value, 'int64') : value;
  if (Array.isArray(value)) return value.map((item) => asTypedValue(item));
  if (typeof value !== 'object') return value as GoValue;
  if (isGoStruct(value)) {
    const fields = new Map(Object.entries(value).map(([k, v]) => [k, asTypedValue(v, k)]));
    for (const [marker, omitted] of OMITTED) {
      if (!fields.has(marker)) continue;
      for (const [name, zero] of Object.entries(omitted)) if (!fields.has(name)) fields.set(name, zero());
    }
    return new GoStruct('struct', fields);
  }
  // A map's empty-object values are struct{} (ExposedPorts, Volumes); a struct's empty object is an empty map.
  if (field === undefined && Object.keys(value).length === 0) return new GoStruct('struct {}', new Map());
  const listValues = field !== undefined && MAP_OF_LISTS_FIELDS.has(field);
  return new Map(Object.entries(value).map(([k, v]) => [k, v === null && listValues ? nilCollection([]) : asTypedValue(v)]));
}
