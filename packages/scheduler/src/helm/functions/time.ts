// Sprig's date functions on the simulation's clock: `now` reads a clock the caller passes in
// (virtual time), never the host's. Times are UTC (the simulated machines' local zone). Layouts
// are Go's reference-time layouts ("2006-01-02T15:04:05Z07:00").

import { DurationError, formatGoDuration, parseDuration } from '@dockyard/runtime';
import { FuncError } from '../template/errors.ts';
import { GoInt, GoStruct, type GoFunc, type GoValue } from '../template/value.ts';
import { fn, int64, toInt64 } from './convert.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Go's zero time.Time, 0001-01-01 00:00:00 UTC, in Unix milliseconds (Date.UTC maps year 1 to 1901). */
const ZERO_TIME_MS = new Date(0).setUTCFullYear(1, 0, 1);

const pad = (n: number, width: number, c = '0'): string => String(n).padStart(width, c);

/** Formats Unix milliseconds with a Go layout, in UTC. */
function formatGoTime(ms: number, layout: string): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  const second = d.getUTCSeconds();
  const millis = ((ms % 1000) + 1000) % 1000;
  const yday = Math.floor((Date.UTC(year, month, day) - Date.UTC(year, 0, 1)) / 86400000) + 1;
  const frac = (digits: number, trim: boolean): string => {
    let f = pad(millis, 3) + '000000';
    f = f.slice(0, digits);
    if (trim) f = f.replace(/0+$/, '');
    return f === '' ? '' : '.' + f;
  };
  // Longest tokens first, as Go's nextStdChunk finds them.
  const tokens: [string, () => string][] = [
    ['January', () => MONTHS[month]!],
    ['Jan', () => MONTHS[month]!.slice(0, 3)],
    ['Monday', () => DAYS[d.getUTCDay()]!],
    ['Mon', () => DAYS[d.getUTCDay()]!.slice(0, 3)],
    ['MST', () => 'UTC'],
    ['2006', () => pad(year, 4)],
    ['Z07:00:00', () => 'Z'],
    ['Z070000', () => 'Z'],
    ['Z07:00', () => 'Z'],
    ['Z0700', () => 'Z'],
    ['Z07', () => 'Z'],
    ['-07:00:00', () => '+00:00:00'],
    ['-070000', () => '+000000'],
    ['-07:00', () => '+00:00'],
    ['-0700', () => '+0000'],
    ['-07', () => '+00'],
    ['002', () => pad(yday, 3)],
    ['__2', () => pad(yday, 3, ' ')],
    ['_2', () => pad(day, 2, ' ')],
    ['01', () => pad(month + 1, 2)],
    ['02', () => pad(day, 2)],
    ['03', () => pad(hour % 12 === 0 ? 12 : hour % 12, 2)],
    ['04', () => pad(minute, 2)],
    ['05', () => pad(second, 2)],
    ['06', () => pad(year % 100, 2)],
    ['15', () => String(hour)],
    ['PM', () => (hour >= 12 ? 'PM' : 'AM')],
    ['pm', () => (hour >= 12 ? 'pm' : 'am')],
    ['1', () => String(month + 1)],
    ['2', () => String(day)],
    ['3', () => String(hour % 12 === 0 ? 12 : hour % 12)],
    ['4', () => String(minute)],
    ['5', () => String(second)],
  ];
  let out = '';
  let i = 0;
  outer: while (i < layout.length) {
    const fracMatch = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (fracMatch && /[0-9]/.test(layout[i - 1] ?? '')) {
      out += frac(fracMatch[1]!.length, fracMatch[1]![0] === '9');
      i += fracMatch[0].length;
      continue;
    }
    for (const [token, value] of tokens) {
      if (layout.startsWith(token, i)) {
        out += value();
        i += token.length;
        continue outer;
      }
    }
    out += layout[i];
    i++;
  }
  return out;
}

/** The Unix milliseconds behind each time.Time value handed to templates. */
const timeMs = new WeakMap<GoStruct, number>();

/** A time.Time value for templates: prints like Go's Time.String. */
function timeValue(ms: number): GoStruct {
  const method = (body: () => GoValue, params: GoFunc['params'] = []): GoFunc => fn(params, body);
  const d = new Date(ms);
  const t = new GoStruct(
    'time.Time',
    new Map(),
    {
      Unix: method(() => int64(Math.floor(ms / 1000))),
      UnixNano: method(() => int64(ms * 1e6)),
      UnixMilli: method(() => int64(ms)),
      Format: fn(['string'], (layout) => formatGoTime(ms, layout as string)),
      UTC: method(() => timeValue(ms)),
      Local: method(() => timeValue(ms)),
      Year: method(() => new GoInt(d.getUTCFullYear())),
      Day: method(() => new GoInt(d.getUTCDate())),
      Hour: method(() => new GoInt(d.getUTCHours())),
      Minute: method(() => new GoInt(d.getUTCMinutes())),
      Second: method(() => new GoInt(d.getUTCSeconds())),
      Nanosecond: method(() => new GoInt((((ms % 1000) + 1000) % 1000) * 1e6)),
      YearDay: method(() => new GoInt(Number(formatGoTime(ms, '002')))),
      Month: method(() => MONTHS[d.getUTCMonth()]!),
      Weekday: method(() => DAYS[d.getUTCDay()]!),
      String: method(() => goTimeString(ms)),
    },
    () => goTimeString(ms),
    () => formatGoTime(ms, '2006-01-02T15:04:05.999999999Z07:00'),
  );
  timeMs.set(t, ms);
  return t;
}

const goTimeString = (ms: number): string => formatGoTime(ms, '2006-01-02 15:04:05.999999999 -0700 MST');

/** Sprig's date argument: a time.Time or Unix seconds; anything else means now. */
function toMs(date: GoValue, now: () => number): number {
  if (date instanceof GoStruct && timeMs.has(date)) return timeMs.get(date)!;
  if (date instanceof GoInt) return date.value * 1000;
  return now();
}

/** Parses a date with a Go layout (numeric fields and UTC zones); undefined when it does not fit. */
function parseGoTime(layout: string, value: string): number | undefined {
  const fields: string[] = [];
  let pattern = '';
  let i = 0;
  const tokens: [string, string, string][] = [
    ['2006', '(\\d{4})', 'year'],
    ['Z07:00', '(Z|[+-]\\d{2}:\\d{2})', 'zone'],
    ['-07:00', '([+-]\\d{2}:\\d{2})', 'zone'],
    ['-0700', '([+-]\\d{4})', 'zone'],
    ['MST', '([A-Z]{3,4})', 'zonename'],
    ['01', '(\\d{2})', 'month'],
    ['02', '(\\d{2})', 'day'],
    ['15', '(\\d{2})', 'hour'],
    ['04', '(\\d{2})', 'minute'],
    ['05', '(\\d{2})', 'second'],
    ['1', '(\\d{1,2})', 'month'],
    ['2', '(\\d{1,2})', 'day'],
  ];
  outer: while (i < layout.length) {
    for (const [token, re, name] of tokens) {
      if (layout.startsWith(token, i)) {
        pattern += re;
        fields.push(name);
        i += token.length;
        continue outer;
      }
    }
    pattern += layout[i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    i++;
  }
  const m = new RegExp(`^${pattern}(?:\\.(\\d+))?$`).exec(value);
  if (!m) return undefined;
  const get = (name: string, def: number): number => {
    const idx = fields.indexOf(name);
    return idx < 0 ? def : Number(m[idx + 1]);
  };
  let ms = Date.UTC(get('year', 0), get('month', 1) - 1, get('day', 1), get('hour', 0), get('minute', 0), get('second', 0));
  const zoneIdx = fields.indexOf('zone');
  const zone = zoneIdx < 0 ? 'Z' : m[zoneIdx + 1]!;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  return ms;
}

/** The date functions, reading the clock `now` (Unix milliseconds). */
export function timeFuncs(now: () => number): ReadonlyMap<string, GoFunc> {
  const date = (layout: GoValue, d: GoValue): string => formatGoTime(toMs(d, now), layout as string);
  const toDate = (must: boolean) => (layout: GoValue, value: GoValue): GoValue => {
    const ms = parseGoTime(layout as string, value as string);
    if (ms !== undefined) return timeValue(ms);
    if (must) throw new FuncError(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse`);
    return timeValue(ZERO_TIME_MS);
  };
  const modify = (must: boolean) => (change: GoValue, d: GoValue): GoValue => {
    const base = toMs(d, now);
    try {
      return timeValue(base + parseDuration(change as string));
    } catch (err) {
      if (err instanceof DurationError) {
        if (must) throw new FuncError(err.message);
        return d;
      }
      throw err;
    }
  };
  return new Map<string, GoFunc>([
    ['now', fn([], () => timeValue(now()))],
    ['date', fn(['string', 'any'], date)],
    ['dateInZone', fn(['string', 'any', 'string'], (l, d) => date(l, d))],
    ['date_in_zone', fn(['string', 'any', 'string'], (l, d) => date(l, d))],
    ['htmlDate', fn(['any'], (d) => date('2006-01-02', d))],
    ['htmlDateInZone', fn(['any', 'string'], (d) => date('2006-01-02', d))],
    ['unixEpoch', fn(['any'], (d) => String(Math.floor(toMs(d, now) / 1000)))],
    ['ago', fn(['any'], (d) => formatGoDuration(Math.round((now() - toMs(d, now)) / 1000) * 1000))],
    ['duration', fn(['any'], (s) => formatGoDuration(toInt64(s) * 1000))],
    ['durationRound', fn(['any'], (d) => roundDuration(typeof d === 'string' ? safeDuration(d) : toInt64(d) / 1e6))],
    ['toDate', fn(['string', 'string'], toDate(false))],
    ['mustToDate', fn(['string', 'string'], toDate(true))],
    ['dateModify', fn(['string', 'any'], modify(false))],
    ['date_modify', fn(['string', 'any'], modify(false))],
    ['mustDateModify', fn(['string', 'any'], modify(true))],
  ]);
}

function safeDuration(s: string): number {
  try {
    return parseDuration(s);
  } catch {
    return 0;
  }
}

/** Sprig's durationRound: the largest unit only ("2h", "3mo", "1y"). */
function roundDuration(ms: number): string {
  const abs = Math.abs(ms);
  const sec = 1000;
  const min = 60 * sec;
  const hour = 60 * min;
  const day = 24 * hour;
  const month = 30 * day;
  const year = 365 * day;
  const pick = (unit: number, suffix: string): string => `${Math.floor(abs / unit)}${suffix}`;
  if (abs >= year) return pick(year, 'y');
  if (abs >= month) return pick(month, 'mo');
  if (abs >= day) return pick(day, 'd');
  if (abs >= hour) return pick(hour, 'h');
  if (abs >= min) return pick(min, 'm');
  if (abs >= sec) return pick(sec, 's');
  return '0s';
}
