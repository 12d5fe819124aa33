// `helm lint`: helm's lint rules (pkg/lint/rules) on a chart folder: Chart.yaml fields, values.yaml
// and its schema, and a render of the templates (with `required` relaxed) whose documents must be
// valid YAML. Messages are helm's: "[INFO] Chart.yaml: icon is recommended".

import { ChartLoadError, loadChartDir } from '../chart/chart-loader.ts';
import { ValuesError } from '../chart/values.ts';
import { validateAgainstSchema } from '../chart/values-schema.ts';
import { parseValuesFile, ValuesFileError } from '../chart/values-file.ts';
import { coalesceValues } from '../chart/values.ts';
import { processDependencies } from '../chart/dependencies.ts';
import { cloneChart } from '../chart/chart.ts';
import { parseSemVer, SemVerError } from '../functions/semver.ts';
import { utf8Decode } from '../template/utf8.ts';
import { type GoMap, type GoValue, isGoMap } from '../template/value.ts';
import { parseGoYaml, parseGoYamlMap, YamlError } from '../yaml/go-yaml-parse.ts';
import { releaseValue } from './built-in-objects.ts';
import { type Capabilities, capabilitiesValue } from './capabilities.ts';
import { splitManifests } from './manifest-sorter.ts';
import { type EngineOptions, renderTemplates, TemplateRenderError } from './template-engine.ts';

export type LintSeverity = 'INFO' | 'WARNING' | 'ERROR';

export interface LintMessage {
  severity: LintSeverity;
  path: string;
  message: string;
}

export interface LintOptions extends EngineOptions {
  capabilities: Capabilities;
  namespace?: string;
}

/** helm's Message.String(). */
export const lintMessageText = (m: LintMessage): string => `[${m.severity}] ${m.path}: ${m.message}`;

/** Lints the chart whose files (relative to the chart folder) are `files`, with user `values`. */
export function lintChart(files: ReadonlyMap<string, Uint8Array>, values: GoMap, options: LintOptions): LintMessage[] {
  const messages: LintMessage[] = [];
  const add = (severity: LintSeverity, path: string, message: string): void => {
    messages.push({ severity, path, message });
  };
  lintChartfile(files, add);
  lintValuesFile(files, add);
  lintTemplates(files, values, options, add);
  return messages;
}

type Add = (severity: LintSeverity, path: string, message: string) => void;

function lintChartfile(files: ReadonlyMap<string, Uint8Array>, add: Add): void {
  const path = 'Chart.yaml';
  const data = files.get(path);
  if (!data) {
    add('ERROR', path, 'file does not exist');
    return;
  }
  let raw: GoMap;
  try {
    raw = parseGoYamlMap(utf8Decode(data));
  } catch (err) {
    if (err instanceof YamlError) {
      add('ERROR', path, `unable to parse YAML\n\t${err.message}`);
      return;
    }
    throw err;
  }
  const str = (key: string): string => {
    const v = raw.get(key);
    return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
  };
  if (str('name') === '') add('ERROR', path, 'name is required');
  const apiVersion = str('apiVersion');
  if (apiVersion === '') add('ERROR', path, 'apiVersion is required. The value must be either "v1" or "v2"');
  else if (apiVersion !== 'v1' && apiVersion !== 'v2') add('ERROR', path, `apiVersion '${apiVersion}' is not valid. The value must be either "v1" or "v2"`);
  const version = str('version');
  if (version === '') add('ERROR', path, 'version is required');
  else {
    try {
      parseSemVer(version);
    } catch (err) {
      if (!(err instanceof SemVerError)) throw err;
      add('ERROR', path, `version '${version}' is not a valid SemVer`);
    }
  }
  const maintainers = raw.get('maintainers');
  if (Array.isArray(maintainers)) {
    for (const m of maintainers) if (!isGoMap(m) || !m.get('name')) add('ERROR', path, 'each maintainer requires a name');
  }
  if (str('icon') === '') add('INFO', path, 'icon is recommended');
  const type = str('type');
  if (apiVersion === 'v1' && type !== '') add('WARNING', path, "chart type is not valid in apiVersion 'v1'. It is valid in apiVersion 'v2'");
  if (!['', 'application', 'library'].includes(type)) add('ERROR', path, 'chart.metadata.type must be application or library');
  if (apiVersion === 'v1' && Array.isArray(raw.get('dependencies'))) {
    add('WARNING', path, "dependencies are not valid in the Chart file with apiVersion 'v1'. They are valid in apiVersion 'v2'");
  }
}

function lintValuesFile(files: ReadonlyMap<string, Uint8Array>, add: Add): void {
  const path = 'values.yaml';
  const data = files.get(path);
  if (!data) {
    add('INFO', path, 'file does not exist');
    return;
  }
  try {
    const values = parseValuesFile(utf8Decode(data));
    const schema = files.get('values.schema.json');
    if (schema) for (const line of validateAgainstSchema(schema, values)) add('ERROR', path, line);
  } catch (err) {
    if (err instanceof ValuesFileError) add('ERROR', path, `unable to parse YAML: ${err.message}`);
    else throw err;
  }
}

function lintTemplates(files: ReadonlyMap<string, Uint8Array>, values: GoMap, options: LintOptions, add: Add): void {
  const path = 'templates/';
  if (![...files.keys()].some((f) => f.startsWith('templates/'))) {
    add('INFO', path, 'directory does not exist');
    return;
  }
  let chart;
  try {
    chart = cloneChart(loadChartDir(files));
  } catch (err) {
    if (err instanceof ChartLoadError) {
      add('ERROR', path, err.message);
      return;
    }
    throw err;
  }
  let rendered: Map<string, string>;
  try {
    processDependencies(chart, values);
    rendered = renderTemplates(
      chart,
      {
        values: coalesceValues(chart, values),
        release: releaseValue({ name: 'test-release', namespace: options.namespace ?? 'default', revision: 1, isInstall: true, isUpgrade: false }),
        capabilities: capabilitiesValue(options.capabilities),
      },
      { ...options, lintMode: true },
    );
  } catch (err) {
    if (err instanceof TemplateRenderError || err instanceof ValuesError) {
      add('ERROR', path, err.message);
      return;
    }
    throw err;
  }
  const prefix = `${chart.metadata.name}/`;
  for (const [name, text] of [...rendered].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (name.endsWith('NOTES.txt') || !name.startsWith(prefix + 'templates/')) continue;
    for (const doc of splitManifests(text)) {
      let value: GoValue;
      try {
        value = parseGoYaml(doc);
      } catch (err) {
        if (err instanceof YamlError) {
          add('ERROR', name.slice(prefix.length), `unable to parse YAML: ${err.message}`);
          break;
        }
        throw err;
      }
      lintObjectName(value, name.slice(prefix.length), add);
    }
  }
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kubernetes object names must be DNS-1123 subdomains (253 characters at most). */
function lintObjectName(value: GoValue, path: string, add: Add): void {
  if (!isGoMap(value)) return;
  const metadata = value.get('metadata');
  const name = isGoMap(metadata) ? metadata.get('name') : undefined;
  if (typeof name !== 'string' || name === '') return;
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    add(
      'ERROR',
      path,
      `object name does not conform to Kubernetes naming requirements: ${JSON.stringify(name)}: metadata.name: Invalid value: ${JSON.stringify(name)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  }
}
