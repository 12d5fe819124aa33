// helm's template engine (pkg/engine): every template of a chart and its sub-charts parsed into
// one set (deepest paths first, so a parent's defines win), each non-partial file executed with
// its own chart's scope (.Values of that sub-chart, its .Chart, its .Files), `include` and `tpl`
// bound to the set, and Go's "<no value>" removed from the output.

import type { Chart } from '../chart/chart.ts';
import { chartFullPath, isLibraryChart } from '../chart/chart.ts';
import { fn } from '../functions/convert.ts';
import { type FunctionEnvironment, helmFunctionMap } from '../functions/function-map.ts';
import { HelmUserError } from '../functions/helm-functions.ts';
import { FuncError, TemplateError, TemplateExecError, TemplateLookupError, TemplateParseError } from '../template/errors.ts';
import { TemplateSet } from '../template/template.ts';
import { type GoFunc, type GoMap, type GoStruct, type GoValue, isGoMap } from '../template/value.ts';
import { utf8Decode } from '../template/utf8.ts';
import { quote } from '../template/fmt.ts';
import { chartValue, filesValue, templateValue } from './built-in-objects.ts';

/** A template failure worded as helm prints it after "Error: ". */
export class TemplateRenderError extends Error {
  override name = 'TemplateRenderError';
  constructor(
    message: string,
    readonly templateError: TemplateError,
  ) {
    super(message);
  }
}

export interface EngineOptions extends FunctionEnvironment {
  /** --strict (lint): a missing map key is an error instead of empty. */
  strict?: boolean;
}

/** The top-level objects shared by every chart: values (root), .Release, .Capabilities. */
export interface TopValues {
  values: GoMap;
  release: GoMap;
  capabilities: GoStruct;
}

interface Renderable {
  text: string;
  vals: GoMap;
  basePath: string;
}

// helm stops a template that includes itself more than 1000 times over; a JavaScript stack holds
// about 550 nested includes, so the limit here is lower (same message).
const MAX_INCLUDE_DEPTH = 200;

/** Renders every template of `chart`; returns file path → output (partials included, empty). */
export function renderTemplates(chart: Chart, top: TopValues, options: EngineOptions): Map<string, string> {
  const templates = new Map<string, Renderable>();
  collectTemplates(chart, templates, top, undefined);
  const set = new TemplateSet('gotpl', helmFunctionMap(options), { missingKey: options.strict ? 'error' : 'zero' });
  bindIncludeAndTpl(set, options, new Map());
  const keys = sortTemplates([...templates.keys()]);
  for (const name of keys) {
    try {
      set.parse(name, templates.get(name)!.text);
    } catch (err) {
      if (err instanceof TemplateParseError) throw new TemplateRenderError(parseErrorMessage(err), err);
      throw err;
    }
  }
  const rendered = new Map<string, string>();
  for (const name of keys) {
    if (baseOf(name).startsWith('_')) continue;
    const r = templates.get(name)!;
    r.vals.set('Template', templateValue(name, r.basePath));
    try {
      rendered.set(name, set.execute(name, r.vals).replaceAll('<no value>', ''));
    } catch (err) {
      if (err instanceof TemplateError) throw new TemplateRenderError(execErrorMessage(name, err), err);
      throw err;
    }
  }
  return rendered;
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** helm's recAllTpls: each chart's templates with that chart's scope. Returns the scope. */
function collectTemplates(chart: Chart, out: Map<string, Renderable>, top: TopValues, parentVals: GoMap | undefined): GoMap {
  let values: GoValue = new Map();
  if (!parentVals) values = top.values;
  else {
    const section = (parentVals.get('Values') as GoMap).get(chart.metadata.name);
    if (isGoMap(section)) values = section;
  }
  const subcharts: GoMap = new Map();
  const next: GoMap = new Map<string, GoValue>([
    ['Chart', chartValue(chart.metadata, !parentVals)],
    ['Files', filesValue(chart.files)],
    ['Release', top.release],
    ['Capabilities', top.capabilities],
    ['Values', values],
    ['Subcharts', subcharts],
  ]);
  for (const child of chart.dependencies) subcharts.set(child.metadata.name, collectTemplates(child, out, top, next));
  const fullPath = chartFullPath(chart);
  const library = isLibraryChart(chart);
  for (const t of chart.templates) {
    // A library chart contributes only its helpers.
    if (library && !baseOf(t.name).startsWith('_')) continue;
    out.set(`${fullPath}/${t.name}`, { text: utf8Decode(t.data), vals: next, basePath: `${fullPath}/templates` });
  }
  return next;
}

/** Deepest paths first; among equals, reverse lexical order (helm's sort.Reverse(byPathLen)). */
function sortTemplates(keys: string[]): string[] {
  const depth = (s: string): number => s.split('/').length - 1;
  return keys.sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

/** include and tpl, closing over `set` (tpl renders in a copy, so its defines stay local). */
function bindIncludeAndTpl(set: TemplateSet, options: EngineOptions, includedNames: Map<string, number>): void {
  const include: GoFunc = fn(['string', 'any'], (name, data) => {
    const n = name as string;
    const count = includedNames.get(n) ?? 0;
    if (count > MAX_INCLUDE_DEPTH) {
      throw new FuncError(`rendering template has a nested reference name: ${n}: unable to execute template`);
    }
    includedNames.set(n, count + 1);
    try {
      return set.execute(n, data);
    } finally {
      includedNames.set(n, includedNames.get(n)! - 1);
    }
  });
  const tpl: GoFunc = fn(['string', 'map'], (text, vals) => {
    const t = text as string;
    const values = isGoMap(vals) ? vals : new Map<string, GoValue>();
    const template = values.get('Template');
    const name = isGoMap(template) ? template.get('Name') : undefined;
    if (typeof name !== 'string') {
      throw new FuncError(`cannot retrieve Template.Name from values inside tpl function: ${t}: no value for key "Name"`);
    }
    const copy = set.clone();
    bindIncludeAndTpl(copy, options, includedNames);
    let tree;
    try {
      tree = copy.parseTree(name, t);
    } catch (err) {
      if (err instanceof TemplateError) throw new FuncError(`cannot parse template ${quote(t)}: ${err.message}`);
      throw err;
    }
    try {
      return copy.executeTree(tree, values).replaceAll('<no value>', '');
    } catch (err) {
      if (err instanceof TemplateExecError) throw new TplError(`error during tpl function execution for ${quote(t)}: ${err.message}`, err);
      throw err;
    }
  });
  set.addFuncs(new Map([['include', include], ['tpl', tpl]]));
}

/** A failure inside tpl, keeping the inner template error for helm's error chain. */
class TplError extends FuncError {
  constructor(
    message: string,
    readonly inner: TemplateExecError,
  ) {
    super(message);
  }
}

/** helm's cleanupParseError: "parse error at (<file>:<line>): <message>". */
function parseErrorMessage(err: TemplateParseError): string {
  const parts = err.message.split(': ');
  return `parse error at (${parts[1]}): ${parts[parts.length - 1]}`;
}

/**
 * helm 4's execution error text: `required` and `fail` become "execution error at (<where>):
 * <message>"; other errors are printed as a chain of "<file:line:col>\n  executing "<template>"
 * at <node>:\n    <message>" blocks, the outermost first.
 */
function execErrorMessage(name: string, err: TemplateError): string {
  if (!(err instanceof TemplateExecError)) return `execution error in (${name}): ${err.message}`;
  const user = findUserError(err);
  if (user) return `execution error at (${err.location}): ${user.message}`;
  const blocks: string[] = [];
  let current: TemplateExecError | undefined = err;
  while (current) {
    const inner = innerExecError(current);
    let message = current.detail;
    if (inner) {
      const cut = message.indexOf(inner.message);
      if (cut >= 0) message = message.slice(0, cut).trimEnd();
    } else if (current.inner instanceof TemplateLookupError) {
      // "error calling include:" then, on its own line, "template: no template ... associated ...".
      message = message.replace(`: ${current.inner.message}`, `:\n${current.inner.message}`);
    }
    const block = `${current.location}\n  executing ${quote(current.templateName)} at <${current.context}>:\n    ${message}`;
    // Like helm, a block repeated by recursion is shown once.
    if (blocks[blocks.length - 1] !== block) blocks.push(block);
    current = inner;
  }
  return blocks.join('\n');
}

function innerExecError(err: TemplateExecError): TemplateExecError | undefined {
  const inner = err.inner;
  if (inner instanceof TemplateExecError) return inner;
  if (inner instanceof TplError) return inner.inner;
  return undefined;
}

function findUserError(err: Error | undefined): HelmUserError | undefined {
  while (err) {
    if (err instanceof HelmUserError) return err;
    if (err instanceof TemplateExecError) err = err.inner;
    else if (err instanceof TplError) err = err.inner;
    else return undefined;
  }
  return undefined;
}

