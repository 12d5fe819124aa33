// YAML input as helm reads it: sigs.k8s.io/yaml.Unmarshal, i.e. go-yaml v2 (YAML 1.1: yes/no/on/
// off are booleans, 0755 is octal) converted to JSON and decoded into interface{} values, so every
// number is a float64 and every key a string. Parsing uses the `yaml` package; its errors are
// reworded as go-yaml's ("yaml: line 11: could not find expected ':'").

import YAML, { type ScalarTag, type Tags } from 'yaml';
import { GoInt, type GoValue } from '../template/value.ts';
import { formatFloat } from '../template/fmt.ts';

export class YamlError extends Error {
  override name = 'YamlError';
}

// Plain scalars resolve as go-yaml v2 resolves them (its resolve.go), not as the `yaml` package's
// YAML 1.1 schema would: y/n/yes/no/on/off are booleans, integers follow Go's ParseInt with base
// prefixes and underscores, "." and "1.2.3" stay strings, and timestamps (2001-12-14) and
// sexagesimal numbers (12:30) stay strings too when decoded into interface{}.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)$/;
const GO_FLOAT = /^[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9_]+)?$/;

/** Go's strconv.ParseInt(s, 0, 64) after go-yaml removed the underscores; undefined if invalid. */
function goParseInt(text: string): number | undefined {
  const plain = text.replace(/_/g, '');
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(plain);
  if (!m) return undefined;
  const body = m[2]!;
  let n: number;
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body.startsWith('0')) n = parseInt(body.slice(1), 8);
  else n = Number(body);
  return m[1] === '-' ? -n : n;
}

const scalar = (tag: string, test: RegExp, resolve: (text: string) => unknown): ScalarTag => ({
  tag: `tag:yaml.org,2002:${tag}`,
  default: true,
  test,
  resolve,
});

const GO_YAML_SCALARS: ScalarTag[] = [
  scalar('null', /^(?:~|null|Null|NULL)?$/, () => null),
  scalar('bool', /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/, () => true),
  scalar('bool', /^(?:n|N|no|No|NO|false|False|FALSE|off|Off|OFF)$/, () => false),
  scalar('float', /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/, (text) => (/nan/i.test(text) ? NaN : text.startsWith('-') ? -Infinity : Infinity)),
  scalar('int', GO_INT, (text) => goParseInt(text) ?? goParseFloat(text) ?? text),
  scalar('float', GO_FLOAT, (text) => goParseFloat(text) ?? text),
];

/** go-yaml's float rule: its YAML-style float pattern (underscores removed), or a "." number. */
function goParseFloat(text: string): number | undefined {
  if (text.startsWith('.')) return /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(text) ? Number(text) : undefined;
  const plain = text.replace(/_/g, '');
  return /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(plain) ? Number(plain) : undefined;
}

const SCALAR_TAGS = new Set(['null', 'bool', 'int', 'float', 'timestamp'].map((t) => `tag:yaml.org,2002:${t}`));

const customTags = (tags: Tags): Tags => [
  ...tags.filter((tag) => typeof tag === 'string' || !SCALAR_TAGS.has(tag.tag)),
  ...GO_YAML_SCALARS,
];

const OPTIONS = { version: '1.1', customTags, uniqueKeys: true, merge: true, prettyErrors: false } as const;

/**
 * Parses the first document of `text` into Go values, as sigs.k8s.io/yaml.Unmarshal into an
 * interface{} does. Throws YamlError with go-yaml's message.
 */
export function parseGoYaml(text: string): GoValue {
  const docs = YAML.parseAllDocuments(text, OPTIONS);
  const doc = Array.isArray(docs) ? docs[0] : docs;
  if (!doc) return null;
  const error = doc.errors[0];
  if (error) throw new YamlError(`error converting YAML to JSON: ${goYamlMessage(error, text)}`);
  let js: unknown;
  try {
    js = doc.toJS({ mapAsMap: true, maxAliasCount: 10000 });
  } catch (err) {
    // An alias without its anchor, or an alias bomb.
    const alias = err instanceof Error ? /alias[^:]*: (\S+)/.exec(err.message)?.[1] : undefined;
    throw new YamlError(`error converting YAML to JSON: yaml: ${alias ? `unknown anchor '${alias}' referenced` : err instanceof Error ? err.message : String(err)}`);
  }
  return toGo(js);
}

/** Like parseGoYaml, but the document must be a mapping (or empty): a values file, Chart.yaml. */
export function parseGoYamlMap(text: string): Map<string, GoValue> {
  const value = parseGoYaml(text);
  if (value === null) return new Map();
  if (value instanceof Map) return value;
  throw new YamlError(
    `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(value)} into Go value of type map[string]interface {}`,
  );
}

export function jsonKind(value: GoValue): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number' || value instanceof GoInt) return 'number';
  if (typeof value === 'boolean') return 'bool';
  return 'object';
}

function toGo(value: unknown): GoValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Map) {
    const out = new Map<string, GoValue>();
    for (const [k, v] of value) out.set(keyString(k), toGo(v));
    return out;
  }
  if (Array.isArray(value)) return value.map(toGo);
  if (value instanceof Set) return new Map([...value].map((k) => [keyString(k), null]));
  if (value instanceof Uint8Array) return [...value].map((b) => String.fromCharCode(b)).join('');
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** Keys become JSON object keys: numbers and booleans print as Go would print them. */
function keyString(key: unknown): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number') return Number.isInteger(key) ? String(key) : formatFloat(key, 'g', -1);
  if (key === null || key === undefined) return 'null';
  if (typeof key === 'boolean' || typeof key === 'bigint') return String(key);
  return JSON.stringify(key) ?? String(key);
}

/** The 1-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * go-yaml's message for the `yaml` package's error. go-yaml numbers lines from 1 for scanner
 * errors but prints the 0-based line of the offending token for parser errors (so those read one
 * less), and notices a missing ':' only at the next token.
 */
function goYamlMessage(error: YAML.YAMLError, text: string): string {
  const at = lineOf(text, error.pos[0]);
  const scanner = (line: number, message: string): string => `yaml: line ${line}: ${message}`;
  const parser = (line: number, message: string): string => `yaml: line ${Math.max(line - 1, 0)}: ${message}`;
  switch (error.code) {
    case 'MISSING_CHAR':
      if (/Implicit map keys need to be followed by map values/.test(error.message)) return scanner(at + 1, "could not find expected ':'");
      if (/Missing closing/.test(error.message)) return scanner(at, 'found unexpected end of stream');
      return parser(at, 'did not find expected key');
    case 'MULTILINE_IMPLICIT_KEY':
      return scanner(at + 1, "could not find expected ':'");
    case 'BLOCK_AS_IMPLICIT_KEY': {
      // Reported at the ':' that starts the nested mapping.
      const colon = /:(?=[ \t\r\n]|$)/g;
      colon.lastIndex = error.pos[0];
      const m = colon.exec(text);
      return scanner(m ? lineOf(text, m.index) : at, 'mapping values are not allowed in this context');
    }
    case 'TAB_AS_INDENT':
      return scanner(at, 'found character that cannot start any token');
    case 'BAD_INDENT':
      if (/Flow sequence/.test(error.message)) return parser(at, "did not find expected ',' or ']'");
      if (/Flow map/.test(error.message)) return parser(at, "did not find expected ',' or '}'");
      return parser(at, 'did not find expected key');
    case 'UNEXPECTED_TOKEN':
      return parser(at, 'did not find expected key');
    case 'BAD_DQ_ESCAPE':
      return scanner(at, 'found unknown escape character while parsing a quoted scalar');
    case 'DUPLICATE_KEY': {
      const key = /^[^:\n]*/.exec(text.slice(error.pos[0]))![0].trim().replace(/^["']|["']$/g, '');
      return `yaml: unmarshal errors:\n  line ${at}: key ${JSON.stringify(key)} already set in map`;
    }
    default:
      return scanner(at, error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
  }
}
