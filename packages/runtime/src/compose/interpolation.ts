// Variable interpolation in compose files, as compose-go's template package does it:
// `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
// `${VAR:+alternative}`, `${VAR+alternative}` and `$$` for a literal dollar. Defaults, errors and
// alternatives are interpolated too (eagerly, as compose does). A variable that is not set
// becomes an empty string with compose's warning.

import { ComposeError, type ComposeWarnings } from './errors.ts';
import { OverrideValue, RESET } from './yaml-file.ts';

export type Lookup = (name: string) => string | undefined;

/** A `${VAR:?message}` whose variable is missing; compose reports it as an invalid template. */
class InvalidTemplate extends Error {}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/** Substitutes the variables in one string. Throws InvalidTemplate on a malformed `$`. */
export function substitute(template: string, lookup: Lookup, warnings: ComposeWarnings): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, dollar);
    const next = template[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    if (next === '{') {
      const close = matchingBrace(template, dollar + 1);
      if (close < 0) throw new InvalidTemplate(template);
      out += braced(template.slice(dollar + 2, close), template, lookup, warnings);
      i = close + 1;
      continue;
    }
    const name = NAME.exec(template.slice(dollar + 1))?.[0];
    if (name === undefined) throw new InvalidTemplate(template);
    out += valueOf(name, lookup, warnings);
    i = dollar + 1 + name.length;
  }
  return out;
}

function valueOf(name: string, lookup: Lookup, warnings: ComposeWarnings): string {
  const value = lookup(name);
  if (value === undefined) warnings.add(`The "${name}" variable is not set. Defaulting to a blank string.`);
  return value ?? '';
}

/** Index of the `}` closing the `{` at `open`, counting nested `${`. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '}') {
      depth--;
      if (depth === 0) return i;
    } else if (text[i] === '{' && (i === open || text[i - 1] === '$')) {
      depth++;
    }
  }
  return -1;
}

function braced(body: string, template: string, lookup: Lookup, warnings: ComposeWarnings): string {
  const name = NAME.exec(body)?.[0];
  if (name === undefined) throw new InvalidTemplate(template);
  const rest = body.slice(name.length);
  if (rest === '') return valueOf(name, lookup, warnings);
  const operator = /^(:?[-+?])/.exec(rest)?.[1];
  if (operator === undefined) throw new InvalidTemplate(template);
  const argument = substitute(rest.slice(operator.length), lookup, warnings);
  const value = lookup(name);
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  switch (operator) {
    case ':-':
      return nonEmpty ? value : argument;
    case '-':
      return set ? value : argument;
    case ':+':
      return nonEmpty ? argument : (value ?? '');
    case '+':
      return set ? argument : '';
    default: {
      // `:?` and `?`: the variable must be set (and, with the colon, not empty).
      if (operator === ':?' ? nonEmpty : set) return value!;
      throw new InvalidTemplate(`required variable ${name} is missing a value: ${argument}`);
    }
  }
}

// Values compose converts after interpolation, by path (`*` any key, `[]` any list item), so that
// `replicas: ${N}` validates as a number. From compose-go's loader/interpolate.go.
type Cast = (value: string) => unknown;
const CASTS: [string, Cast][] = [
  ['services.*.configs.[].mode', toInt],
  ['services.*.cpu_count', toInt],
  ['services.*.cpu_percent', toFloat],
  ['services.*.cpu_period', toInt],
  ['services.*.cpu_quota', toInt],
  ['services.*.cpu_rt_period', toInt],
  ['services.*.cpu_rt_runtime', toInt],
  ['services.*.cpus', toFloat],
  ['services.*.cpu_shares', toInt],
  ['services.*.init', toBoolean],
  ['services.*.depends_on.*.required', toBoolean],
  ['services.*.depends_on.*.restart', toBoolean],
  ['services.*.deploy.replicas', toInt],
  ['services.*.deploy.update_config.parallelism', toInt],
  ['services.*.deploy.update_config.max_failure_ratio', toFloat],
  ['services.*.deploy.rollback_config.parallelism', toInt],
  ['services.*.deploy.rollback_config.max_failure_ratio', toFloat],
  ['services.*.deploy.restart_policy.max_attempts', toInt],
  ['services.*.deploy.placement.max_replicas_per_node', toInt],
  ['services.*.healthcheck.retries', toInt],
  ['services.*.healthcheck.disable', toBoolean],
  ['services.*.oom_kill_disable', toBoolean],
  ['services.*.oom_score_adj', toInt],
  ['services.*.pids_limit', toInt],
  ['services.*.ports.[].target', toInt],
  ['services.*.privileged', toBoolean],
  ['services.*.read_only', toBoolean],
  ['services.*.scale', toInt],
  ['services.*.secrets.[].mode', toInt],
  ['services.*.stdin_open', toBoolean],
  ['services.*.tty', toBoolean],
  ['services.*.ulimits.*', toInt],
  ['services.*.ulimits.*.hard', toInt],
  ['services.*.ulimits.*.soft', toInt],
  ['services.*.volumes.[].read_only', toBoolean],
  ['services.*.volumes.[].volume.nocopy', toBoolean],
  ['networks.*.external', toBoolean],
  ['networks.*.internal', toBoolean],
  ['networks.*.attachable', toBoolean],
  ['volumes.*.external', toBoolean],
  ['secrets.*.external', toBoolean],
  ['configs.*.external', toBoolean],
];

class CastError extends Error {}

function toInt(value: string): number {
  if (!/^[+-]?\d+$/.test(value)) throw new CastError(`strconv.Atoi: parsing ${JSON.stringify(value)}: invalid syntax`);
  return Number(value);
}

function toFloat(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || Number.isNaN(number)) {
    throw new CastError(`strconv.ParseFloat: parsing ${JSON.stringify(value)}: invalid syntax`);
  }
  return number;
}

// YAML 1.1 booleans, as compose accepts them here.
function toBoolean(value: string): boolean {
  const lower = value.toLowerCase();
  if (['y', 'yes', 'true', 'on'].includes(lower)) return true;
  if (['n', 'no', 'false', 'off'].includes(lower)) return false;
  throw new CastError(`invalid boolean: ${value}`);
}

function castFor(path: string[]): Cast | undefined {
  for (const [pattern, cast] of CASTS) {
    const parts = pattern.split('.');
    if (parts.length !== path.length) continue;
    if (parts.every((part, i) => part === '*' || part === path[i])) return cast;
  }
  return undefined;
}

/**
 * Interpolates every string value of a parsed compose file (keys are left alone). Errors are
 * compose's, naming the path: `invalid interpolation format for services.web.image.` ...
 */
export function interpolateDict(dict: Record<string, unknown>, lookup: Lookup, warnings: ComposeWarnings): Record<string, unknown> {
  return walk(dict, [], lookup, warnings) as Record<string, unknown>;
}

function walk(value: unknown, path: string[], lookup: Lookup, warnings: ComposeWarnings): unknown {
  if (value === RESET) return value;
  if (value instanceof OverrideValue) return new OverrideValue(walk(value.value, path, lookup, warnings));
  if (typeof value === 'string') {
    let result: string;
    try {
      result = substitute(value, lookup, warnings);
    } catch (error) {
      if (!(error instanceof InvalidTemplate)) throw error;
      throw new ComposeError(
        `invalid interpolation format for ${path.join('.')}.\nYou may need to escape any $ with another $.\n${error.message}`,
      );
    }
    const cast = castFor(path);
    if (cast === undefined) return result;
    try {
      return cast(result);
    } catch (error) {
      if (!(error instanceof CastError)) throw error;
      throw new ComposeError(`error while interpolating ${path.join('.')}:\nfailed to cast to expected type: ${error.message}`);
    }
  }
  if (Array.isArray(value)) return value.map((item) => walk(item, [...path, '[]'], lookup, warnings));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = walk(item, [...path, key], lookup, warnings);
    return out;
  }
  return value;
}
