// A scenario file (`kind: Scenario`): a seed, a cluster, files, timed steps and expectations.
// Parsing checks every field and points a mistake at its line, column and field path, like a
// compiler would: `rolling-update.yaml:14:9: steps[2].at: "3x" is not a duration ...`.

import { DurationError, parseDuration } from '@dockyard/runtime';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { validateConfig, type WorldConfig } from '../world.ts';
import { FaultError, FAULTS, findFault } from './faults.ts';

export interface ScenarioStep {
  at: number;
  /** A command line, as typed after `dockyard` (`kubectl apply -f web.yaml`). */
  run?: string;
  /** Text fed to the command's standard input (`kubectl apply -f -`). */
  stdin?: string;
  fault?: ScenarioFault;
  /** Writes (creates or replaces) a file of the workspace, as a user editing it would; the path is relative to `workdir`. */
  write?: { path: string; content: string };
  line: number;
}

/** A fault a step injects: its type, its other fields as parameters, and where they are written. */
export interface ScenarioFault {
  type: string;
  params: Record<string, unknown>;
  /** The step's field path (`steps[3].fault`), for messages. */
  path: string;
  /** The line of each parameter, for messages about it. */
  lines: Record<string, number>;
}

/** What a command's output must show; every given check must hold. */
export interface OutputChecks {
  equals?: string;
  contains?: string;
  notContains?: string;
  matches?: string;
  exitCode?: number;
  /** Bounds on the number of non-empty output lines. */
  lines?: NumberBounds;
  /** Bounds on the output read as a number. */
  number?: NumberBounds;
  /** Which output the text checks read: stdout (the default) or stderr (`docker build`'s progress). */
  stream?: 'stdout' | 'stderr';
}

export interface NumberBounds {
  atLeast?: number;
  atMost?: number;
  equals?: number;
}

export interface ScenarioExpectation extends OutputChecks {
  name: string;
  run: string;
  /** Checked once, at this time. */
  at?: number;
  /** Holds at some moment before this deadline (polled every second of virtual time). */
  within?: number;
  /** Holds at every moment of the run (checked after every step and every second). */
  always?: boolean;
  line: number;
}

/** A file of the scenario: its text inline, or a path relative to the scenario file. */
export type ScenarioFile = { content: string } | { from: string };

export interface Scenario {
  name: string;
  description?: string;
  config: WorldConfig;
  files: Record<string, ScenarioFile>;
  /** The directory commands run in, relative to the workspace (a compose project's name is its directory's). */
  workdir?: string;
  /** Private registries the world starts with, by host: their accounts (user → password). */
  registries?: Record<string, { users: Record<string, string> }>;
  steps: ScenarioStep[];
  expect: ScenarioExpectation[];
  /** When the run ends: the last step or deadline, at least. */
  duration: number;
}

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** A field's node and path; a missing field is reported at its parent (`parent`). */
type Located = { node: YamlNode | null | undefined; path: string; parent?: YamlNode | null | undefined };

export function parseScenario(text: string, fileName: string): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const fail: (at: Located, message: string) => never = (at, message) => {
    const { line, col } = lineCounter.linePos(at.node?.range?.[0] ?? at.parent?.range?.[0] ?? 0);
    throw new ScenarioError(`${fileName}:${line}:${col}: ${at.path ? `${at.path}: ` : ''}${message}`);
  };
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new ScenarioError(`${fileName}:${line}:${col}: invalid YAML: ${error.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (!isMap(root)) fail({ node: root, path: '' }, 'a scenario is a mapping with kind: Scenario');
  const field = (parent: YamlNode | null | undefined, key: string, path: string): Located => {
    const node = isMap(parent) ? (parent.get(key, true) as YamlNode | undefined) : undefined;
    return { node, path: path ? `${path}.${key}` : key, parent };
  };
  const allowKeys = (at: Located, allowed: string[]) => {
    if (!isMap(at.node)) return;
    for (const pair of at.node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.includes(key)) {
        fail({ node: pair.key as YamlNode, path: at.path ? `${at.path}.${key}` : key }, `unknown field; expected one of ${allowed.join(', ')}`);
      }
    }
  };
  const string = (at: Located, required: boolean): string | undefined => {
    if (at.node == null) return required ? fail(at, 'is required') : undefined;
    if (!isScalar(at.node) || typeof at.node.value !== 'string') return fail(at, 'must be a string');
    return at.node.value;
  };
  const number = (at: Located): number | undefined => {
    if (at.node == null) return undefined;
    if (!isScalar(at.node) || typeof at.node.value !== 'number') return fail(at, 'must be a number');
    return at.node.value;
  };
  const duration = (at: Located): number | undefined => {
    if (at.node == null) return undefined;
    const value = isScalar(at.node) ? at.node.value : undefined;
    if (typeof value !== 'string' && value !== 0) return fail(at, 'must be a duration such as 30s, 5m or 1h30m');
    try {
      const ms = parseDuration(String(value));
      if (ms < 0) fail(at, 'must not be negative');
      return ms;
    } catch (e) {
      if (e instanceof DurationError) return fail(at, `${JSON.stringify(value)} is not a duration (${e.message})`);
      throw e;
    }
  };
  const bounds = (at: Located): NumberBounds | undefined => {
    if (at.node == null) return undefined;
    if (!isMap(at.node)) return fail(at, 'must be a mapping of atLeast, atMost or equals');
    allowKeys(at, ['atLeast', 'atMost', 'equals']);
    const out: NumberBounds = {};
    for (const key of ['atLeast', 'atMost', 'equals'] as const) {
      const value = number(field(at.node, key, at.path));
      if (value !== undefined) out[key] = value;
    }
    return out;
  };

  const rootAt = { node: root, path: '' };
  allowKeys(rootAt, ['kind', 'apiVersion', 'name', 'description', 'seed', 'cluster', 'registries', 'files', 'workdir', 'steps', 'expect']);
  const kind = string(field(root, 'kind', ''), true);
  if (kind !== 'Scenario') fail(field(root, 'kind', ''), `must be Scenario, not ${JSON.stringify(kind)}`);
  const name = string(field(root, 'name', ''), false) ?? fileName.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  const description = string(field(root, 'description', ''), false);
  const workdirAt = field(root, 'workdir', '');
  const workdir = string(workdirAt, false);
  if (workdir !== undefined && (workdir.startsWith('/') || workdir.split('/').includes('..'))) fail(workdirAt, 'must be a directory inside the workspace, such as compose-app');

  const clusterAt = field(root, 'cluster', '');
  if (clusterAt.node != null && !isMap(clusterAt.node)) fail(clusterAt, 'must be a mapping');
  allowKeys(clusterAt, ['nodes', 'nodeCpu', 'nodeMemory']);
  const seed = number(field(root, 'seed', '')) ?? 1;
  const candidate = {
    seed,
    clock: 'manual',
    nodes: number(field(clusterAt.node, 'nodes', 'cluster')) ?? 3,
    nodeCpu: number(field(clusterAt.node, 'nodeCpu', 'cluster')) ?? 4,
    nodeMemory: string(field(clusterAt.node, 'nodeMemory', 'cluster'), false) ?? '8Gi',
  };
  let config: WorldConfig;
  try {
    config = validateConfig(candidate);
  } catch (e) {
    return fail(clusterAt.node ? clusterAt : field(root, 'seed', ''), (e as Error).message);
  }

  const registries: Record<string, { users: Record<string, string> }> = {};
  const registriesAt = field(root, 'registries', '');
  if (registriesAt.node != null) {
    if (!isMap(registriesAt.node)) fail(registriesAt, 'must map registry hosts to { users: { NAME: PASSWORD } }');
    for (const pair of registriesAt.node.items) {
      const host = isScalar(pair.key) ? String(pair.key.value) : '';
      const at = { node: pair.value as YamlNode, path: `registries.${host}`, parent: pair.key as YamlNode };
      if (!/^[a-z0-9.-]+(:\d+)?$/.test(host)) fail({ node: pair.key as YamlNode, path: at.path }, 'must be a registry host such as registry.example.com');
      if (!isMap(pair.value)) fail(at, 'must be a mapping with users');
      allowKeys(at, ['users']);
      const usersAt = field(pair.value, 'users', at.path);
      if (!isMap(usersAt.node)) fail(usersAt, 'must map user names to passwords');
      const users: Record<string, string> = {};
      for (const user of usersAt.node.items) {
        const name = isScalar(user.key) ? String(user.key.value) : '';
        users[name] = string({ node: user.value as YamlNode, path: `${usersAt.path}.${name}`, parent: user.key as YamlNode }, true)!;
      }
      registries[host] = { users };
    }
  }

  const files: Record<string, ScenarioFile> = {};
  const filesAt = field(root, 'files', '');
  if (filesAt.node != null) {
    if (!isMap(filesAt.node)) fail(filesAt, 'must map file names to their text or to { from: path }');
    for (const pair of filesAt.node.items) {
      const fileName = isScalar(pair.key) ? String(pair.key.value) : fail({ node: pair.key as YamlNode, path: 'files' }, 'a file name must be a string');
      const at = { node: pair.value as YamlNode, path: `files.${fileName}` };
      if (isScalar(pair.value) && typeof pair.value.value === 'string') files[fileName] = { content: pair.value.value };
      else if (isMap(pair.value)) {
        allowKeys(at, ['from']);
        files[fileName] = { from: string(field(pair.value, 'from', at.path), true)! };
      } else fail(at, 'must be the file text or { from: path }');
    }
  }

  const steps: ScenarioStep[] = [];
  const stepsAt = field(root, 'steps', '');
  if (stepsAt.node != null && !isSeq(stepsAt.node)) fail(stepsAt, 'must be a list');
  (isSeq(stepsAt.node) ? stepsAt.node.items : []).forEach((item, i) => {
    const at = { node: item as YamlNode, path: `steps[${i}]` };
    if (!isMap(item)) fail(at, 'must be a mapping with at and one of run, fault or write');
    allowKeys(at, ['at', 'run', 'stdin', 'fault', 'write']);
    const step: ScenarioStep = { at: duration(field(item, 'at', at.path)) ?? 0, line: lineOf(lineCounter, item) };
    const run = string(field(item, 'run', at.path), false);
    const stdin = string(field(item, 'stdin', at.path), false);
    const faultAt = field(item, 'fault', at.path);
    const writeAt = field(item, 'write', at.path);
    if ([run !== undefined, faultAt.node != null, writeAt.node != null].filter(Boolean).length !== 1) fail(at, 'needs exactly one of run, fault or write');
    if (stdin !== undefined && run === undefined) fail(field(item, 'stdin', at.path), 'goes with run only');
    if (run !== undefined) step.run = run;
    if (stdin !== undefined) step.stdin = stdin;
    if (writeAt.node != null) {
      if (!isMap(writeAt.node)) fail(writeAt, 'must be a mapping with path and content');
      allowKeys(writeAt, ['path', 'content']);
      const pathAt = field(writeAt.node, 'path', writeAt.path);
      const path = string(pathAt, true)!;
      if (path === '' || path.startsWith('/') || path.split('/').includes('..')) fail(pathAt, 'must be a file inside the workspace, such as src/server.js');
      step.write = { path, content: string(field(writeAt.node, 'content', writeAt.path), true)! };
    }
    if (faultAt.node != null) {
      if (!isMap(faultAt.node)) fail(faultAt, 'must be a mapping with a type');
      const typeAt = field(faultAt.node, 'type', faultAt.path);
      const type = string(typeAt, true)!;
      const definition = findFault(type);
      if (definition === undefined) fail(typeAt, `unknown fault type ${JSON.stringify(type)} (known: ${FAULTS.map((f) => f.type).join(', ')})`);
      const params = (faultAt.node.toJSON() ?? {}) as Record<string, unknown>;
      delete params['type'];
      const lines: Record<string, number> = {};
      for (const pair of faultAt.node.items) if (isScalar(pair.key)) lines[String(pair.key.value)] = lineOf(lineCounter, pair.key);
      try {
        definition.check(params);
      } catch (error) {
        if (!(error instanceof FaultError)) throw error;
        const bad = field(faultAt.node, error.field, faultAt.path);
        fail(bad.node == null ? { node: faultAt.node, path: bad.path } : bad, error.message.slice(error.field === '' ? 0 : error.field.length + 2));
      }
      step.fault = { type, params, path: faultAt.path, lines };
    }
    steps.push(step);
  });

  const expectations: ScenarioExpectation[] = [];
  const expectAt = field(root, 'expect', '');
  if (expectAt.node != null && !isSeq(expectAt.node)) fail(expectAt, 'must be a list');
  (isSeq(expectAt.node) ? expectAt.node.items : []).forEach((item, i) => {
    const at = { node: item as YamlNode, path: `expect[${i}]` };
    if (!isMap(item)) fail(at, 'must be a mapping with run and a check');
    allowKeys(at, ['name', 'run', 'at', 'within', 'always', 'equals', 'contains', 'notContains', 'matches', 'exitCode', 'lines', 'number', 'stream']);
    const run = string(field(item, 'run', at.path), true)!;
    const expectation: ScenarioExpectation = { name: string(field(item, 'name', at.path), false) ?? run, run, line: lineOf(lineCounter, item) };
    const when = duration(field(item, 'at', at.path));
    const within = duration(field(item, 'within', at.path));
    const alwaysAt = field(item, 'always', at.path);
    if (alwaysAt.node != null && !(isScalar(alwaysAt.node) && typeof alwaysAt.node.value === 'boolean')) fail(alwaysAt, 'must be true or false');
    const always = isScalar(alwaysAt.node) && alwaysAt.node.value === true;
    if ([when !== undefined, within !== undefined, always].filter(Boolean).length !== 1) {
      fail(at, 'needs exactly one of at, within or always');
    }
    if (when !== undefined) expectation.at = when;
    if (within !== undefined) expectation.within = within;
    if (always) expectation.always = true;
    for (const key of ['equals', 'contains', 'notContains', 'matches'] as const) {
      const value = field(item, key, at.path);
      if (value.node != null) expectation[key] = isScalar(value.node) ? String(value.node.value) : fail(value, 'must be text');
    }
    if (expectation.matches !== undefined) {
      try {
        new RegExp(expectation.matches);
      } catch (e) {
        fail(field(item, 'matches', at.path), `is not a regular expression: ${(e as Error).message}`);
      }
    }
    const streamAt = field(item, 'stream', at.path);
    const stream = string(streamAt, false);
    if (stream !== undefined && stream !== 'stdout' && stream !== 'stderr') fail(streamAt, 'must be stdout or stderr');
    if (stream !== undefined) expectation.stream = stream;
    const exitCode = number(field(item, 'exitCode', at.path));
    if (exitCode !== undefined) expectation.exitCode = exitCode;
    const lines = bounds(field(item, 'lines', at.path));
    if (lines) expectation.lines = lines;
    const numberBounds = bounds(field(item, 'number', at.path));
    if (numberBounds) expectation.number = numberBounds;
    const checks = ['equals', 'contains', 'notContains', 'matches', 'exitCode', 'lines', 'number'] as const;
    if (!checks.some((key) => expectation[key] !== undefined)) fail(at, `needs a check: one of ${checks.join(', ')}`);
    expectations.push(expectation);
  });

  const ends = [...steps.map((s) => s.at), ...expectations.map((e) => e.at ?? e.within ?? 0)];
  const result: Scenario = { name, config, files, steps, expect: expectations, duration: Math.max(0, ...ends) };
  if (Object.keys(registries).length > 0) result.registries = registries;
  if (description !== undefined) result.description = description;
  if (workdir !== undefined) result.workdir = workdir;
  return result;
}

function lineOf(counter: LineCounter, node: unknown): number {
  return counter.linePos((node as YamlNode).range?.[0] ?? 0).line;
}
