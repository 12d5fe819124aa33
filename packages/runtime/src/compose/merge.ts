// Merging compose files (`-f a.yml -f b.yml`, or compose.yaml plus compose.override.yaml) by the
// Compose Specification's merge rules, on files already in canonical form:
// - mappings merge key by key, the later file winning;
// - sequences are appended, except `command`, `entrypoint` and `healthcheck.test`, which the later
//   file replaces;
// - ports, volumes, secrets and configs (and a few lists of plain values) merge by a unique key:
//   a later entry with the same key replaces the earlier one in place;
// - `!reset` removes what earlier files said, `!override` replaces it without merging.

import { portKey, type PortConfig } from './port-spec.ts';
import { type ComposeDict, OverrideValue, RESET } from './yaml-file.ts';

type KeyOf = (item: unknown) => string;

const byValue: KeyOf = (item) => JSON.stringify(item);
const byTarget: KeyOf = (item) => String((item as { target?: unknown }).target ?? JSON.stringify(item));
const byPort: KeyOf = (item) => portKey(item as PortConfig);
const bySecretTarget: KeyOf = (item) => {
  const mount = item as { source?: string; target?: string };
  return mount.target ?? `/run/secrets/${mount.source}`;
};
const byConfigTarget: KeyOf = (item) => {
  const mount = item as { source?: string; target?: string };
  return mount.target ?? `/${mount.source}`;
};
const byPath: KeyOf = (item) => String((item as { path?: unknown }).path);

// Paths use `*` for any key. Lists not named here are appended.
const UNIQUE_LISTS: [string, KeyOf][] = [
  ['services.*.ports', byPort],
  ['services.*.volumes', byTarget],
  ['services.*.secrets', bySecretTarget],
  ['services.*.configs', byConfigTarget],
  ['services.*.build.secrets', bySecretTarget],
  ['services.*.env_file', byPath],
  ['services.*.expose', byValue],
  ['services.*.cap_add', byValue],
  ['services.*.cap_drop', byValue],
  ['services.*.dns', byValue],
  ['services.*.dns_opt', byValue],
  ['services.*.dns_search', byValue],
  ['services.*.profiles', byValue],
  ['services.*.links', byValue],
  ['services.*.tmpfs', byValue],
  ['services.*.build.tags', byValue],
  ['services.*.networks.*.aliases', byValue],
];

const REPLACED = ['services.*.command', 'services.*.entrypoint', 'services.*.healthcheck.test'];

function matches(pattern: string, path: string[]): boolean {
  const parts = pattern.split('.');
  return parts.length === path.length && parts.every((part, i) => part === '*' || part === path[i]);
}

function isDict(value: unknown): value is ComposeDict {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof OverrideValue);
}

/** Merges `override` onto `base`; neither is modified. */
export function mergeComposeFiles(base: ComposeDict, override: ComposeDict): ComposeDict {
  return mergeValue(base, override, []) as ComposeDict;
}

function mergeValue(base: unknown, override: unknown, path: string[]): unknown {
  if (override instanceof OverrideValue) return stripTags(override.value);
  if (override === RESET) return RESET;
  if (base === undefined || base === RESET) return stripTags(override);
  if (REPLACED.some((pattern) => matches(pattern, path))) return stripTags(override);
  if (isDict(base) && isDict(override)) {
    const out: ComposeDict = { ...base };
    for (const [key, value] of Object.entries(override)) {
      const merged = mergeValue(base[key], value, [...path, key]);
      if (merged === RESET) delete out[key];
      else out[key] = merged;
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(override)) {
    const keyOf = UNIQUE_LISTS.find(([pattern]) => matches(pattern, path))?.[1];
    const added = stripTags(override) as unknown[];
    return keyOf ? mergeByKey(base, added, keyOf) : [...base, ...added];
  }
  return stripTags(override);
}

/** Entries whose key is already there replace it in place; new keys are appended. */
export function mergeByKey(base: unknown[], added: unknown[], keyOf: KeyOf): unknown[] {
  const out = [...base];
  const index = new Map(out.map((item, i) => [keyOf(item), i]));
  for (const item of added) {
    const at = index.get(keyOf(item));
    if (at === undefined) {
      index.set(keyOf(item), out.length);
      out.push(item);
    } else {
      out[at] = item;
    }
  }
  return out;
}

/** A file's own value with its merge tags dropped (`!reset` keys removed, `!override` unwrapped). */
export function stripTags(value: unknown): unknown {
  if (value instanceof OverrideValue) return stripTags(value.value);
  if (Array.isArray(value)) return value.filter((item) => item !== RESET).map(stripTags);
  if (isDict(value)) {
    const out: ComposeDict = {};
    for (const [key, item] of Object.entries(value)) if (item !== RESET) out[key] = stripTags(item);
    return out;
  }
  return value;
}

/** A single file's list made unique by the same keys (a file may repeat a port or a target). */
export function dedupeLists(dict: ComposeDict): ComposeDict {
  return dedupe(dict, []) as ComposeDict;
}

function dedupe(value: unknown, path: string[]): unknown {
  if (Array.isArray(value)) {
    const keyOf = UNIQUE_LISTS.find(([pattern]) => matches(pattern, path))?.[1];
    return keyOf ? mergeByKey([], value, keyOf) : value;
  }
  if (isDict(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, dedupe(item, [...path, key])]));
  }
  return value;
}
