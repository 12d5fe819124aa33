// Semantic versions and constraints as Masterminds/semver v3 reads them (the library behind
// Sprig's semver and semverCompare, and helm's kubeVersion and dependency checks). A version may
// be partial ("1.2", "v1"); constraints are ANDed with "," or spaces and ORed with "||", with the
// operators = != > >= < <= ~ ^, wildcards (1.2.x) and hyphen ranges (1.2 - 1.4).

import { FuncError } from '../template/errors.ts';
import { GoInt, GoStruct, type GoFunc, type GoValue } from '../template/value.ts';
import { fn } from './convert.ts';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  pre: string;
  metadata: string;
  original: string;
}

const VERSION_RE =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export class SemVerError extends Error {
  override name = 'SemVerError';
}

export function parseSemVer(text: string): SemVer {
  const m = VERSION_RE.exec(text);
  if (!m) throw new SemVerError('Invalid Semantic Version');
  return {
    major: Number(m[1]),
    minor: m[2] ? Number(m[2].slice(1)) : 0,
    patch: m[3] ? Number(m[3].slice(1)) : 0,
    pre: m[4] ?? '',
    metadata: m[5] ?? '',
    original: text,
  };
}

export function semverString(v: SemVer): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.pre) s += '-' + v.pre;
  if (v.metadata) s += '+' + v.metadata;
  return s;
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const ap = a.split('.');
  const bp = b.split('.');
  for (let i = 0; i < Math.max(ap.length, bp.length); i++) {
    const x = ap[i];
    const y = bp[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return Number(x) < Number(y) ? -1 : 1;
    if (xn) return -1;
    if (yn) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function compareSemVer(a: SemVer, b: SemVer): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

interface Constraint {
  op: string;
  con: SemVer;
  majorDirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
  dirty: boolean;
}

const isX = (s: string | undefined): boolean => s === 'x' || s === 'X' || s === '*';

const OPS = ['!=', '>=', '=>', '<=', '=<', '~>', '>', '<', '=', '~', '^', ''];

function parseOne(text: string): Constraint {
  const t = text.trim();
  const op = OPS.find((o) => t.startsWith(o))!;
  const ver = t.slice(op.length).trim();
  const m = /^v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(ver);
  if (!m || (ver === '' && op === '')) throw new SemVerError(`improper constraint: ${text}`);
  let majorDirty = false;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  let major = m[1]!;
  let minor = m[2]?.slice(1);
  let patch = m[3]?.slice(1);
  if (isX(major)) {
    major = '0';
    minor = '0';
    patch = '0';
    dirty = majorDirty = minorDirty = patchDirty = true;
  } else if (minor === undefined || isX(minor)) {
    minor = '0';
    patch = '0';
    dirty = minorDirty = patchDirty = true;
  } else if (patch === undefined || isX(patch)) {
    patch = '0';
    dirty = patchDirty = true;
  }
  const con = parseSemVer(`${major}.${minor}.${patch}${m[4] ?? ''}${m[5] ?? ''}`);
  return { op, con, majorDirty, minorDirty, patchDirty, dirty };
}

function check(c: Constraint, v: SemVer): boolean {
  const cmp = compareSemVer(v, c.con);
  // A pre-release only satisfies a constraint that itself names a pre-release.
  if (v.pre !== '' && c.con.pre === '' && c.op !== '!=') return false;
  switch (c.op) {
    case '':
    case '=':
      if (c.dirty) return tilde(c, v);
      return cmp === 0;
    case '!=':
      if (c.dirty) return !tilde(c, v);
      return cmp !== 0;
    case '>':
      if (!c.dirty) return cmp > 0;
      if (v.major !== c.con.major) return v.major > c.con.major;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return cmp > 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<':
      return cmp < 0;
    case '<=':
    case '=<':
      if (!c.dirty) return cmp <= 0;
      if (v.major > c.con.major) return false;
      if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(c, v);
    case '^':
      if (cmp < 0) return false;
      if (c.con.major > 0 || c.minorDirty) return v.major === c.con.major;
      if (c.con.minor > 0 || c.patchDirty) return v.major === 0 && v.minor === c.con.minor;
      return v.major === 0 && v.minor === 0 && v.patch === c.con.patch;
  }
  return false;
}

/** Masterminds' tilde rule, also used for equality with wildcards (1.2.x). */
function tilde(c: Constraint, v: SemVer): boolean {
  if (compareSemVer(v, c.con) < 0) return false;
  if (c.majorDirty) return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

/** Does `version` satisfy `constraint`? Throws SemVerError for malformed input. */
export function satisfies(constraint: string, version: SemVer): boolean {
  return parseConstraint(constraint).some((group) => group.every((c) => check(c, version)));
}

function parseConstraint(constraint: string): Constraint[][] {
  return constraint.split('||').map((group) => {
    const g = group.trim();
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(g);
    if (hyphen) return [parseOne('>=' + hyphen[1]), parseOne('<=' + hyphen[2])];
    const parts = g
      .replace(/(!=|>=|=>|<=|=<|~>|[><=~^])\s+/g, '$1')
      .split(/[,\s]+/)
      .filter((p) => p.length > 0);
    if (parts.length === 0) throw new SemVerError(`improper constraint: ${constraint}`);
    return parts.map(parseOne);
  });
}

/** *semver.Version as templates see it: Major, Minor, Patch, Prerelease, Metadata, Original. */
function semverValue(v: SemVer): GoStruct {
  const u = (n: number): GoInt => new GoInt(n, 'uint64');
  const method = (body: () => GoValue): GoFunc => fn([], body);
  return new GoStruct(
    '*semver.Version',
    new Map(),
    {
      Major: method(() => u(v.major)),
      Minor: method(() => u(v.minor)),
      Patch: method(() => u(v.patch)),
      Prerelease: method(() => v.pre),
      Metadata: method(() => v.metadata),
      Original: method(() => v.original),
      String: method(() => semverString(v)),
    },
    () => semverString(v),
  );
}

function wrap<T>(body: () => T): T {
  try {
    return body();
  } catch (err) {
    if (err instanceof SemVerError) throw new FuncError(err.message);
    throw err;
  }
}

export const semverFuncs: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['semver', fn(['string'], (s) => wrap(() => semverValue(parseSemVer(s as string))))],
  ['semverCompare', fn(['string', 'string'], (c, s) => wrap(() => satisfies(c as string, parseSemVer(s as string))))],
]);
