// How helm stores a release (pkg/storage/driver/util.go encodeRelease / decodeRelease): the
// release as encoding/json writes its struct (fields in declaration order, their json tags and
// omitempty rules), gzipped at BestCompression, then base64 (StdEncoding). A storage Secret holds
// that base64 text as its `release` data, so kubectl shows it base64-encoded once more.
//
// Struct shapes, from helm 4: pkg/release/v1/release.go, info.go, hook.go (zero times omitted),
// pkg/chart/v2/chart.go, metadata.go, dependency.go, pkg/chart/common/file.go.

import { gunzipSync, gzipSync } from 'fflate';
import type { Chart, ChartDependency, ChartFile, ChartMetadata, Maintainer } from '../chart/chart.ts';
import type { HookEvent } from '../render/manifest-sorter.ts';
import { utf8Decode, utf8Encode } from '../template/utf8.ts';
import { type GoMap, type GoValue, isGoMap } from '../template/value.ts';
import { base64, fromPlain, jsonString, marshalJson, unbase64 } from '../yaml/go-json.ts';
import { formatRFC3339Nano, parseRFC3339 } from './go-time.ts';
import { type HookPhase, type Release, type ReleaseHook, RELEASE_STATUSES, type ReleaseStatus } from './release.ts';

export class ReleaseDecodeError extends Error {
  override name = 'ReleaseDecodeError';
}

/** encoding/json's object: fields in order, undefined ones left out (omitempty). */
function object(fields: [string, string | undefined][]): string {
  return `{${fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([k, v]) => `${jsonString(k)}:${v}`)
    .join(',')}}`;
}

const str = (s: string): string => jsonString(s);
const omitEmpty = (s: string): string | undefined => (s === '' ? undefined : jsonString(s));
const strList = (list: readonly string[]): string | undefined => (list.length === 0 ? undefined : `[${list.map(str).join(',')}]`);
const time = (ms: number): string | undefined => (ms === 0 ? undefined : str(formatRFC3339Nano(ms)));
/** A nil slice is null, an empty one is []. helm's loader leaves slices nil when nothing was appended. */
const fileList = (files: readonly ChartFile[]): string => (files.length === 0 ? 'null' : `[${files.map(fileJson).join(',')}]`);

function fileJson(file: ChartFile): string {
  return object([
    ['name', str(file.name)],
    ['data', str(base64(file.data))],
  ]);
}

function maintainerJson(m: Maintainer): string {
  return object([
    ['name', omitEmpty(m.name)],
    ['email', omitEmpty(m.email)],
    ['url', omitEmpty(m.url)],
  ]);
}

function dependencyJson(d: ChartDependency): string {
  const importValues = d.importValues.map((iv) => (typeof iv === 'string' ? str(iv) : object([['child', str(iv.child)], ['parent', str(iv.parent)]])));
  return object([
    ['name', str(d.name)],
    ['version', omitEmpty(d.version)],
    ['repository', str(d.repository)],
    ['condition', omitEmpty(d.condition)],
    ['tags', strList(d.tags)],
    ['enabled', d.enabled ? 'true' : undefined],
    ['import-values', importValues.length === 0 ? undefined : `[${importValues.join(',')}]`],
    ['alias', omitEmpty(d.alias)],
  ]);
}

function metadataJson(md: ChartMetadata): string {
  const annotations = Object.keys(md.annotations).sort();
  return object([
    ['name', omitEmpty(md.name)],
    ['home', omitEmpty(md.home)],
    ['sources', strList(md.sources)],
    ['version', omitEmpty(md.version)],
    ['description', omitEmpty(md.description)],
    ['keywords', strList(md.keywords)],
    ['maintainers', md.maintainers.length === 0 ? undefined : `[${md.maintainers.map(maintainerJson).join(',')}]`],
    ['icon', omitEmpty(md.icon)],
    ['apiVersion', omitEmpty(md.apiVersion)],
    ['condition', omitEmpty(md.condition)],
    ['tags', omitEmpty(md.tags)],
    ['appVersion', omitEmpty(md.appVersion)],
    ['deprecated', md.deprecated ? 'true' : undefined],
    ['annotations', annotations.length === 0 ? undefined : `{${annotations.map((k) => `${str(k)}:${str(md.annotations[k]!)}`).join(',')}}`],
    ['kubeVersion', omitEmpty(md.kubeVersion)],
    ['dependencies', md.dependencies.length === 0 ? undefined : `[${md.dependencies.map(dependencyJson).join(',')}]`],
    ['type', omitEmpty(md.type)],
  ]);
}

/** chart.Chart: sub-charts are unexported fields, so a stored chart has none. */
function chartJson(chart: Chart): string {
  const noValues = chart.rawValues === undefined && chart.values.size === 0;
  return object([
    ['metadata', metadataJson(chart.metadata)],
    ['lock', 'null'],
    ['templates', fileList(chart.templates)],
    ['values', noValues ? 'null' : marshalJson(chart.values)],
    ['schema', chart.schema === undefined ? 'null' : str(base64(chart.schema))],
    // A time.Time with omitempty is still written: the chart's schema was never stamped.
    ['schemamodtime', str('0001-01-01T00:00:00Z')],
    ['files', fileList(chart.files)],
  ]);
}

function hookJson(hook: ReleaseHook): string {
  return object([
    ['name', omitEmpty(hook.name)],
    ['kind', omitEmpty(hook.kind)],
    ['path', omitEmpty(hook.path)],
    ['manifest', omitEmpty(hook.manifest)],
    ['events', strList(hook.events)],
    // omitempty does not drop a struct: a hook that never ran still carries its empty phase.
    [
      'last_run',
      object([
        ['started_at', time(hook.lastRun.startedAt)],
        ['completed_at', time(hook.lastRun.completedAt)],
        ['phase', str(hook.lastRun.phase)],
      ]),
    ],
    ['weight', hook.weight === 0 ? undefined : String(hook.weight)],
    ['delete_policies', strList(hook.deletePolicies)],
    ['output_log_policies', strList(hook.outputLogPolicies)],
  ]);
}

/**
 * json.Marshal(release): the JSON helm gzips into storage. `helm status -o json` prints the same
 * without the chart (it clears the field, which omitempty then drops).
 */
export function releaseJson(release: Release, options: { withChart?: boolean } = {}): string {
  const info = release.info;
  return object([
    ['name', omitEmpty(release.name)],
    [
      'info',
      object([
        ['first_deployed', time(info.firstDeployed)],
        ['last_deployed', time(info.lastDeployed)],
        ['deleted', time(info.deleted)],
        ['description', omitEmpty(info.description)],
        ['status', omitEmpty(info.status)],
        ['notes', omitEmpty(info.notes)],
      ]),
    ],
    ['chart', options.withChart === false ? undefined : chartJson(release.chart)],
    ['config', release.config === null || release.config.size === 0 ? undefined : marshalJson(release.config)],
    ['manifest', omitEmpty(release.manifest)],
    ['hooks', release.hooks.length === 0 ? undefined : `[${release.hooks.map(hookJson).join(',')}]`],
    ['version', release.version === 0 ? undefined : String(release.version)],
    ['namespace', omitEmpty(release.namespace)],
    ['apply_method', omitEmpty(release.applyMethod)],
  ]);
}

/** encodeRelease: base64(gzip(json)) at BestCompression, with Go's gzip header (no mtime, OS unknown). */
export function encodeRelease(release: Release): string {
  const gz = gzipSync(utf8Encode(releaseJson(release)), { level: 9, mtime: 0 });
  gz[9] = 255; // fflate says Unix; Go's gzip.Writer writes 255 (unknown)
  return base64(gz);
}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/** decodeRelease: base64, gunzip when the gzip magic is there (older helm stored plain JSON), JSON. */
export function decodeRelease(data: string, labels: Record<string, string> = {}): Release {
  const bytes = unbase64(data);
  if (bytes === undefined) throw new ReleaseDecodeError('illegal base64 data');
  let json = bytes;
  if (GZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    try {
      json = gunzipSync(bytes);
    } catch (err) {
      throw new ReleaseDecodeError(`gzip: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  let raw: unknown;
  try {
    raw = JSON.parse(utf8Decode(json));
  } catch (err) {
    throw new ReleaseDecodeError(err instanceof Error ? err.message : String(err));
  }
  return releaseFromJson(raw, labels);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (o: Json, key: string): string => (typeof o[key] === 'string' ? (o[key] as string) : '');
const texts = (o: Json, key: string): string[] => (Array.isArray(o[key]) ? (o[key] as unknown[]).filter((v): v is string => typeof v === 'string') : []);
const instant = (o: Json, key: string): number => (typeof o[key] === 'string' ? (parseRFC3339(o[key] as string) ?? 0) : 0);
const bytesOf = (v: unknown): Uint8Array | undefined => (typeof v === 'string' ? unbase64(v) : undefined);

function filesFromJson(v: unknown): ChartFile[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObject).map((f) => ({ name: text(f, 'name'), data: bytesOf(f['data']) ?? new Uint8Array() }));
}

function metadataFromJson(md: Json): ChartMetadata {
  const annotations: Record<string, string> = Object.create(null) as Record<string, string>;
  if (isObject(md['annotations'])) for (const [k, v] of Object.entries(md['annotations'])) if (typeof v === 'string') annotations[k] = v;
  const deps = Array.isArray(md['dependencies']) ? (md['dependencies'] as unknown[]).filter(isObject) : [];
  return {
    name: text(md, 'name'),
    home: text(md, 'home'),
    sources: texts(md, 'sources'),
    version: text(md, 'version'),
    description: text(md, 'description'),
    keywords: texts(md, 'keywords'),
    maintainers: (Array.isArray(md['maintainers']) ? (md['maintainers'] as unknown[]).filter(isObject) : []).map((m) => ({
      name: text(m, 'name'),
      email: text(m, 'email'),
      url: text(m, 'url'),
    })),
    icon: text(md, 'icon'),
    apiVersion: text(md, 'apiVersion'),
    condition: text(md, 'condition'),
    tags: text(md, 'tags'),
    appVersion: text(md, 'appVersion'),
    deprecated: md['deprecated'] === true,
    annotations,
    kubeVersion: text(md, 'kubeVersion'),
    dependencies: deps.map((d) => ({
      name: text(d, 'name'),
      version: text(d, 'version'),
      repository: text(d, 'repository'),
      condition: text(d, 'condition'),
      tags: texts(d, 'tags'),
      enabled: d['enabled'] === true,
      importValues: (Array.isArray(d['import-values']) ? (d['import-values'] as unknown[]) : []).flatMap(
        (iv): ChartDependency['importValues'] => (typeof iv === 'string' ? [iv] : isObject(iv) ? [{ child: text(iv, 'child'), parent: text(iv, 'parent') }] : []),
      ),
      alias: text(d, 'alias'),
    })),
    type: text(md, 'type'),
  };
}

function chartFromJson(c: Json): Chart {
  const values = fromPlain(c['values'] ?? null);
  return {
    metadata: metadataFromJson(isObject(c['metadata']) ? c['metadata'] : {}),
    values: isGoMap(values) ? values : new Map(),
    rawValues: undefined,
    schema: bytesOf(c['schema']),
    templates: filesFromJson(c['templates']),
    files: filesFromJson(c['files']),
    dependencies: [],
    parent: undefined,
  };
}

function hookFromJson(h: Json): ReleaseHook {
  const run = isObject(h['last_run']) ? h['last_run'] : {};
  return {
    name: text(h, 'name'),
    kind: text(h, 'kind'),
    path: text(h, 'path'),
    manifest: text(h, 'manifest'),
    events: texts(h, 'events') as HookEvent[],
    lastRun: { startedAt: instant(run, 'started_at'), completedAt: instant(run, 'completed_at'), phase: text(run, 'phase') as HookPhase },
    weight: typeof h['weight'] === 'number' ? h['weight'] : 0,
    deletePolicies: texts(h, 'delete_policies'),
    outputLogPolicies: texts(h, 'output_log_policies'),
  };
}

function releaseFromJson(raw: unknown, labels: Record<string, string>): Release {
  if (!isObject(raw)) throw new ReleaseDecodeError('json: cannot unmarshal into Go value of type v1.Release');
  const info = isObject(raw['info']) ? raw['info'] : {};
  const status = text(info, 'status');
  const config: GoValue = fromPlain(raw['config'] ?? null);
  return {
    name: text(raw, 'name'),
    namespace: text(raw, 'namespace'),
    version: typeof raw['version'] === 'number' ? raw['version'] : 0,
    info: {
      firstDeployed: instant(info, 'first_deployed'),
      lastDeployed: instant(info, 'last_deployed'),
      deleted: instant(info, 'deleted'),
      description: text(info, 'description'),
      status: (RELEASE_STATUSES as readonly string[]).includes(status) ? (status as ReleaseStatus) : 'unknown',
      notes: text(info, 'notes'),
    },
    chart: chartFromJson(isObject(raw['chart']) ? raw['chart'] : {}),
    config: isGoMap(config) ? (config as GoMap) : null,
    manifest: text(raw, 'manifest'),
    hooks: (Array.isArray(raw['hooks']) ? (raw['hooks'] as unknown[]).filter(isObject) : []).map(hookFromJson),
    applyMethod: text(raw, 'apply_method'),
    labels,
  };
}
