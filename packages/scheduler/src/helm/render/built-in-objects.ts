// The objects templates find at the top level besides .Values and .Capabilities: .Chart (the
// Chart.yaml metadata as helm's Go struct, capitalised fields), .Release, .Files (with Get,
// GetBytes, Glob, Lines, AsConfig, AsSecrets) and .Template.

import type { ChartFile, ChartMetadata } from '../chart/chart.ts';
import { baseName, globMatcher } from '../chart/file-source.ts';
import { fn, int } from '../functions/convert.ts';
import { GoStruct, type GoMap, type GoValue, mapOf, sliceOf } from '../template/value.ts';
import { utf8Decode } from '../template/utf8.ts';
import { base64 } from '../yaml/go-json.ts';
import { marshalGoYaml } from '../yaml/marshal-go-yaml.ts';

export interface ReleaseOptions {
  name: string;
  namespace: string;
  revision: number;
  isInstall: boolean;
  isUpgrade: boolean;
}

/** .Release: a map, as helm builds it. */
export function releaseValue(release: ReleaseOptions): GoMap {
  return new Map<string, GoValue>([
    ['Name', release.name],
    ['Namespace', release.namespace],
    ['IsUpgrade', release.isUpgrade],
    ['IsInstall', release.isInstall],
    ['Revision', int(release.revision)],
    ['Service', 'Helm'],
  ]);
}

const strings = (list: string[]): GoValue[] => sliceOf([...list], 'string');

/**
 * .Chart: the Chart.yaml metadata with Go's field names (toYaml/toJson see its json tags,
 * omitempty), plus IsRoot (helm 4 tells a sub-chart's templates they are not the root).
 */
export function chartValue(md: ChartMetadata, isRoot = true): GoStruct {
  const maintainers = sliceOf(
    md.maintainers.map(
      (m) =>
        new GoStruct('*v2.Maintainer', new Map<string, GoValue>([['Name', m.name], ['Email', m.email], ['URL', m.url]]), {}, undefined, () =>
          omitEmpty([['name', m.name], ['email', m.email], ['url', m.url]]),
        ),
    ),
    '*v2.Maintainer',
  );
  const dependencies = sliceOf(
    md.dependencies.map(
      (d) =>
        new GoStruct(
          '*v2.Dependency',
          new Map<string, GoValue>([
            ['Name', d.name],
            ['Version', d.version],
            ['Repository', d.repository],
            ['Condition', d.condition],
            ['Tags', strings(d.tags)],
            ['Enabled', d.enabled],
            ['ImportValues', d.importValues.map((iv) => (typeof iv === 'string' ? iv : new Map([['child', iv.child], ['parent', iv.parent]])))],
            ['Alias', d.alias],
          ]),
          {},
          undefined,
          () =>
            omitEmpty([
              ['name', d.name],
              ['version', d.version],
              ['repository', d.repository],
              ['condition', d.condition],
              ['tags', strings(d.tags)],
              ['enabled', d.enabled],
              ['alias', d.alias],
            ]),
        ),
    ),
    '*v2.Dependency',
  );
  const annotations = mapOf(new Map(Object.entries(md.annotations)), 'string');
  return new GoStruct(
    '*v2.Metadata',
    new Map<string, GoValue>([
      ['Name', md.name],
      ['Home', md.home],
      ['Sources', strings(md.sources)],
      ['Version', md.version],
      ['Description', md.description],
      ['Keywords', strings(md.keywords)],
      ['Maintainers', maintainers],
      ['Icon', md.icon],
      ['APIVersion', md.apiVersion],
      ['Condition', md.condition],
      ['Tags', md.tags],
      ['AppVersion', md.appVersion],
      ['Deprecated', md.deprecated],
      ['Annotations', annotations],
      ['KubeVersion', md.kubeVersion],
      ['Dependencies', dependencies],
      ['Type', md.type],
      ['IsRoot', isRoot],
    ]),
    {},
    undefined,
    () =>
      omitEmpty([
        ['name', md.name],
        ['home', md.home],
        ['sources', strings(md.sources)],
        ['version', md.version],
        ['description', md.description],
        ['keywords', strings(md.keywords)],
        ['maintainers', maintainers],
        ['icon', md.icon],
        ['apiVersion', md.apiVersion],
        ['condition', md.condition],
        ['tags', md.tags],
        ['appVersion', md.appVersion],
        ['deprecated', md.deprecated],
        ['annotations', annotations],
        ['kubeVersion', md.kubeVersion],
        ['dependencies', dependencies],
        ['type', md.type],
      ]),
  );
}

function omitEmpty(entries: [string, GoValue][]): GoMap {
  return new Map(
    entries.filter(([, v]) => !(v === '' || v === false || v === null || (Array.isArray(v) && v.length === 0) || (v instanceof Map && v.size === 0))),
  );
}

/** .Files: helm's `files` type, a map of path to bytes with helper methods. */
export function filesValue(files: readonly ChartFile[]): GoMap {
  const map: GoMap = new Map(files.map((f) => [f.name, f.data]));
  return filesMap(map);
}

function filesMap(map: GoMap): GoMap {
  const get = (name: string): Uint8Array | undefined => {
    const v = map.get(name);
    return v instanceof Uint8Array ? v : undefined;
  };
  const toConfig = (encode: (data: Uint8Array) => string): string => {
    if (map.size === 0) return '';
    const out = new Map<string, GoValue>();
    for (const [name, data] of map) out.set(baseName(name), encode(data as Uint8Array));
    return marshalGoYaml(out).replace(/\n$/, '');
  };
  return mapOf(map, '[]uint8', 'engine.files', {
    Get: fn(['string'], (name) => {
      const data = get(name as string);
      return data ? utf8Decode(data) : '';
    }),
    GetBytes: fn(['string'], (name) => get(name as string) ?? new Uint8Array()),
    Glob: fn(['string'], (pattern) => {
      const matches = globMatcher(pattern as string);
      return filesMap(new Map([...map].filter(([name]) => matches(name))));
    }),
    Lines: fn(['string'], (name) => {
      const data = get(name as string);
      if (!data || data.length === 0) return sliceOf([], 'string');
      let s = utf8Decode(data);
      if (s.endsWith('\n')) s = s.slice(0, -1);
      return sliceOf(s.split('\n'), 'string');
    }),
    AsConfig: fn([], () => toConfig(utf8Decode)),
    AsSecrets: fn([], () => toConfig(base64)),
  });
}

/** .Template: the file being rendered and its chart's templates folder. */
export function templateValue(name: string, basePath: string): GoMap {
  return new Map<string, GoValue>([
    ['Name', name],
    ['BasePath', basePath],
  ]);
}
