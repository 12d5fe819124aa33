// Loading a chart the way helm's loader does: from a directory (filtered by .helmignore), from a
// .tgz archive, or from a list of files. Chart.yaml is decoded and validated, values.yaml parsed,
// templates/ and charts/ sorted out, and sub-charts (folders or archives) loaded recursively.

import { utf8Decode } from '../template/utf8.ts';
import { GoInt, type GoMap, type GoValue, isGoMap } from '../template/value.ts';
import { parseGoYamlMap, YamlError } from '../yaml/go-yaml-parse.ts';
import { parseSemVer, SemVerError } from '../functions/semver.ts';
import { ArchiveError, readTgz } from './chart-archive.ts';
import type { Chart, ChartDependency, ChartFile, ChartMetadata, Maintainer } from './chart.ts';
import { baseName, cleanPath, type FileSource, filesUnder, isDirectory } from './file-source.ts';
import { HelmIgnore, HelmIgnoreError } from './helmignore.ts';
import { parseValuesFile, ValuesFileError } from './values-file.ts';

/** A chart that cannot be loaded; the message is helm's. */
export class ChartLoadError extends Error {
  override name = 'ChartLoadError';
}

const BOM = [0xef, 0xbb, 0xbf];

function stripBom(data: Uint8Array): Uint8Array {
  return data.length >= 3 && data[0] === BOM[0] && data[1] === BOM[1] && data[2] === BOM[2] ? data.subarray(3) : data;
}

/** Loads the chart at `path` in `source`: a directory or a .tgz file. */
export function loadChart(source: FileSource, path: string): Chart {
  const file = source.read(path);
  if (file) return loadChartArchive(file);
  if (isDirectory(source, path)) return loadChartDir(filesUnder(source, path));
  throw new ChartLoadError(`path ${JSON.stringify(path)} not found`);
}

/** Loads a chart directory given as its files (paths relative to the chart root). */
export function loadChartDir(files: ReadonlyMap<string, Uint8Array>): Chart {
  const ignore = files.has('.helmignore') ? parseIgnore(utf8Decode(files.get('.helmignore')!)) : new HelmIgnore();
  const kept = new Map<string, Uint8Array>();
  for (const [name, data] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (ignore.ignoresFile(name)) continue;
    kept.set(name, stripBom(data));
  }
  return loadChartFiles(kept);
}

function parseIgnore(text: string): HelmIgnore {
  try {
    return new HelmIgnore(text);
  } catch (err) {
    if (err instanceof HelmIgnoreError) throw new ChartLoadError(err.message);
    throw err;
  }
}

/** Loads a chart archive (.tgz): every file sits under one top-level folder. */
export function loadChartArchive(bytes: Uint8Array): Chart {
  return loadChartFiles(archiveChartFiles(bytes));
}

/** The files of a chart archive, keyed by their path inside the chart folder. */
export function archiveChartFiles(bytes: Uint8Array): Map<string, Uint8Array> {
  let entries;
  try {
    entries = readTgz(bytes);
  } catch (err) {
    if (err instanceof ArchiveError) throw new ChartLoadError(err.message);
    throw err;
  }
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    const parts = entry.name.split('/');
    if (parts[0] === 'Chart.yaml') throw new ChartLoadError('chart yaml not in base directory');
    const rest = parts.slice(1).join('/');
    if (rest.startsWith('/')) throw new ChartLoadError('chart illegally contains absolute paths');
    const name = cleanPath(rest);
    if (name === '.') throw new ChartLoadError(`chart illegally contains content outside the base directory: ${JSON.stringify(entry.name)}`);
    if (name.startsWith('..')) throw new ChartLoadError('chart illegally references parent directory');
    files.set(name, stripBom(entry.data));
  }
  if (files.size === 0) throw new ChartLoadError('no files in chart archive');
  return files;
}

/** helm's LoadFiles: classifies the files of one chart and loads its sub-charts. */
export function loadChartFiles(files: ReadonlyMap<string, Uint8Array>): Chart {
  let metadata: ChartMetadata | undefined;
  let values: GoMap = new Map();
  let rawValues: Uint8Array | undefined;
  let schema: Uint8Array | undefined;
  let requirements: ChartDependency[] | undefined;
  const templates: ChartFile[] = [];
  const other: ChartFile[] = [];
  const legacy: ChartFile[] = [];
  const subcharts = new Map<string, Map<string, Uint8Array>>();
  for (const [name, data] of files) {
    if (name === 'Chart.yaml') {
      metadata = parseMetadata(yamlMap(data, 'Chart.yaml'), 'Chart.yaml');
      if (metadata.apiVersion === '') metadata.apiVersion = 'v1';
    } else if (name === 'values.yaml') {
      try {
        values = parseValuesFile(utf8Decode(data));
      } catch (err) {
        if (err instanceof ValuesFileError) throw new ChartLoadError(`cannot load values.yaml: ${err.message}`);
        throw err;
      }
      rawValues = data;
    } else if (name === 'values.schema.json') {
      schema = data;
    } else if (name === 'requirements.yaml' || name === 'requirements.lock') {
      // Dependencies of apiVersion v1 charts (helm still reads requirements.yaml from v2 charts);
      // both files stay visible to .Files for v1 charts only.
      if (name === 'requirements.yaml') requirements = parseMetadata(yamlMap(data, name), name).dependencies;
      legacy.push({ name, data });
    } else if (name === 'Chart.lock') {
      continue;
    } else if (name.startsWith('templates/')) {
      templates.push({ name, data });
    } else if (name.startsWith('charts/')) {
      if (name.endsWith('.prov')) {
        other.push({ name, data });
        continue;
      }
      const rest = name.slice('charts/'.length);
      const sub = rest.split('/')[0]!;
      if (!subcharts.has(sub)) subcharts.set(sub, new Map());
      subcharts.get(sub)!.set(rest, data);
    } else {
      other.push({ name, data });
    }
  }
  if (!metadata) throw new ChartLoadError('Chart.yaml file is missing');
  if (requirements) metadata.dependencies = requirements;
  if (metadata.apiVersion === 'v1') other.push(...legacy);
  validateMetadata(metadata);
  const chart: Chart = { metadata, values, rawValues, schema, templates, files: other, dependencies: [], parent: undefined };
  for (const [sub, subFiles] of [...subcharts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (sub.startsWith('_') || sub.startsWith('.')) continue;
    let child: Chart;
    try {
      if (sub.endsWith('.tgz')) {
        const archive = subFiles.get(sub);
        if (!archive) throw new ChartLoadError(`error unpacking subchart tar in ${metadata.name}: expected ${sub}`);
        child = loadChartArchive(archive);
      } else {
        const inner = new Map<string, Uint8Array>();
        for (const [path, data] of subFiles) {
          const slash = path.indexOf('/');
          if (slash > 0) inner.set(path.slice(slash + 1), data);
        }
        child = loadChartFiles(inner);
      }
    } catch (err) {
      if (err instanceof ChartLoadError) throw new ChartLoadError(`error unpacking subchart ${sub} in ${metadata.name}: ${err.message}`);
      throw err;
    }
    child.parent = chart;
    chart.dependencies.push(child);
  }
  return chart;
}

function yamlMap(data: Uint8Array, file: string): GoMap {
  try {
    return parseGoYamlMap(utf8Decode(data));
  } catch (err) {
    if (err instanceof YamlError) throw new ChartLoadError(`cannot load ${file}: ${err.message}`);
    throw err;
  }
}

/** Decodes Chart.yaml into Metadata with encoding/json's type checks. */
function parseMetadata(raw: GoMap, file: string): ChartMetadata {
  const wrongType = (field: string, expected: string, value: GoValue): never => {
    throw new ChartLoadError(
      `cannot load ${file}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKindOf(value)} into Go struct field ${field} of type ${expected}`,
    );
  };
  const str = (map: GoMap, key: string, field: string): string => {
    const v = map.get(key);
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') wrongType(field, 'string', v);
    return v as string;
  };
  const strList = (map: GoMap, key: string, field: string): string[] => {
    const v = map.get(key);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) return wrongType(field, '[]string', v);
    return v.map((item) => (typeof item === 'string' ? item : item === null ? '' : wrongType(field, 'string', item)));
  };
  const maintainers = (raw.get('maintainers') ?? []) as GoValue;
  if (!Array.isArray(maintainers)) wrongType('Metadata.maintainers', '[]*v2.Maintainer', maintainers);
  const deps = (raw.get('dependencies') ?? []) as GoValue;
  if (!Array.isArray(deps)) wrongType('Metadata.dependencies', '[]*v2.Dependency', deps);
  const annotations = raw.get('annotations');
  const annotationMap: Record<string, string> = Object.create(null) as Record<string, string>;
  if (isGoMap(annotations)) {
    for (const [k, v] of annotations) annotationMap[k] = typeof v === 'string' ? v : wrongType('Metadata.annotations', 'string', v);
  }
  const deprecated = raw.get('deprecated');
  return {
    name: str(raw, 'name', 'Metadata.name'),
    home: str(raw, 'home', 'Metadata.home'),
    sources: strList(raw, 'sources', 'Metadata.sources'),
    version: str(raw, 'version', 'Metadata.version'),
    description: str(raw, 'description', 'Metadata.description'),
    keywords: strList(raw, 'keywords', 'Metadata.keywords'),
    maintainers: (maintainers as GoValue[]).map((m): Maintainer => {
      const map = isGoMap(m) ? m : new Map<string, GoValue>();
      return { name: str(map, 'name', 'Maintainer.name'), email: str(map, 'email', 'Maintainer.email'), url: str(map, 'url', 'Maintainer.url') };
    }),
    icon: str(raw, 'icon', 'Metadata.icon'),
    apiVersion: str(raw, 'apiVersion', 'Metadata.apiVersion'),
    condition: str(raw, 'condition', 'Metadata.condition'),
    tags: str(raw, 'tags', 'Metadata.tags'),
    appVersion: str(raw, 'appVersion', 'Metadata.appVersion'),
    deprecated: typeof deprecated === 'boolean' ? deprecated : false,
    annotations: annotationMap,
    kubeVersion: str(raw, 'kubeVersion', 'Metadata.kubeVersion'),
    dependencies: (deps as GoValue[]).map((d) => {
      if (!isGoMap(d)) throw new ChartLoadError('validation: dependencies must not contain empty or null nodes');
      const importValues = d.get('import-values');
      return {
        name: str(d, 'name', 'Dependency.name'),
        version: str(d, 'version', 'Dependency.version'),
        repository: str(d, 'repository', 'Dependency.repository'),
        condition: str(d, 'condition', 'Dependency.condition'),
        tags: strList(d, 'tags', 'Dependency.tags'),
        enabled: d.get('enabled') === true,
        importValues: Array.isArray(importValues) ? importValues.map(importValue) : [],
        alias: str(d, 'alias', 'Dependency.alias'),
      };
    }),
    type: str(raw, 'type', 'Metadata.type'),
  };
}

function importValue(item: GoValue): string | { child: string; parent: string } {
  if (typeof item === 'string') return item;
  if (isGoMap(item)) return { child: goString(item.get('child')), parent: goString(item.get('parent')) };
  return goString(item);
}

/** fmt %v of a decoded YAML scalar ("<nil>" for a missing one, as helm's Sprintf gives). */
function goString(v: GoValue): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (v instanceof GoInt) return String(v.value);
  return String(v);
}

function jsonKindOf(v: GoValue): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return 'object';
}

const ALIAS = /^[a-zA-Z0-9_-]+$/;

/** helm's Metadata.Validate, in its order. */
function validateMetadata(md: ChartMetadata): void {
  const fail = (message: string): never => {
    throw new ChartLoadError(`validation: ${message}`);
  };
  if (md.apiVersion === '') fail('chart.metadata.apiVersion is required');
  if (md.name === '') fail('chart.metadata.name is required');
  if (md.name !== baseName(md.name)) fail(`chart.metadata.name ${JSON.stringify(md.name)} is invalid`);
  if (md.version === '') fail('chart.metadata.version is required');
  try {
    parseSemVer(md.version);
  } catch (err) {
    if (!(err instanceof SemVerError)) throw err;
    fail(`chart.metadata.version ${JSON.stringify(md.version)} is invalid`);
  }
  if (!['', 'application', 'library'].includes(md.type)) fail('chart.metadata.type must be application or library');
  for (const m of md.maintainers) if (m.name === '') fail('maintainers must have a name');
  const seen = new Set<string>();
  for (const dep of md.dependencies) {
    if (dep.alias !== '' && !ALIAS.test(dep.alias)) fail(`dependency ${JSON.stringify(dep.name)} has disallowed characters in the alias`);
    const key = dep.alias || dep.name;
    if (seen.has(key)) fail(`more than one dependency with name or alias ${JSON.stringify(key)}`);
    seen.add(key);
  }
}
