// CronJob schedules as the CronJob controller parses them (github.com/robfig/cron/v3
// `ParseStandard` and `SpecSchedule.Next`): five fields (minute, hour, day of month, month, day of
// week) with `*`, `?`, ranges `a-b`, steps `/n`, lists, month and weekday names; the descriptors
// @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly and `@every <duration>`; an
// optional `CRON_TZ=<zone>` / `TZ=<zone>` prefix. When both day fields are restricted a day
// matching either one matches; when either is `*`, both must match.
// Times are Unix milliseconds; a schedule in a time zone (spec.timeZone) is matched on that zone's
// wall clock through Intl (the host's tz database). Known difference: robfig adjusts for the hour
// a daylight-saving change skips or repeats; this walks wall-clock time without that adjustment.

import { parseDuration } from '@dockyard/runtime';

export class CronParseError extends Error {}

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Field {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const FIELDS: Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } },
  { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } },
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface FieldSet {
  values: Set<number>;
  star: boolean;
}

export interface CronSchedule {
  /** The first schedule time strictly after `t` (Unix ms), or undefined when none within 5 years. */
  next(t: number): number | undefined;
  /** The time zone the schedule runs in (undefined: UTC). */
  readonly timeZone: string | undefined;
}

function parseValue(text: string, field: Field): number {
  const named = field.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(text)) throw new CronParseError(`failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}

/** getRange for one comma-separated part. */
function parseRange(expr: string, field: Field, into: FieldSet): void {
  const [range, step, extra] = expr.split('/');
  if (extra !== undefined) throw new CronParseError(`too many slashes: ${expr}`);
  const bounds = range!.split('-');
  if (bounds.length > 2) throw new CronParseError(`too many hyphens: ${expr}`);
  let start: number;
  let end: number;
  if (range === '*' || range === '?') {
    start = field.min;
    end = field.max;
    if (step === undefined) into.star = true;
  } else {
    start = parseValue(bounds[0]!, field);
    end = bounds.length === 2 ? parseValue(bounds[1]!, field) : start;
  }
  let by = 1;
  if (step !== undefined) {
    by = parseValue(step, field);
    // `N/step` means N to the end of the field.
    if (bounds.length === 1 && range !== '*' && range !== '?') end = field.max;
    if (by <= 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  }
  if (start < field.min) throw new CronParseError(`beginning of range (${start}) below minimum (${field.min}): ${expr}`);
  if (end > field.max) throw new CronParseError(`end of range (${end}) above maximum (${field.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  for (let v = start; v <= end; v += by) into.values.add(v);
}

function parseField(text: string, field: Field): FieldSet {
  const set: FieldSet = { values: new Set(), star: false };
  for (const part of text.split(',')) parseRange(part, field, set);
  return set;
}

/** The offset of `zone` from UTC at the Unix instant `t`, in ms (wall = instant + offset). */
function zoneOffset(zone: string, t: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(t);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(t / 1000) * 1000;
}

/** Whether `zone` is a time zone the tz database knows (time.LoadLocation). */
export function isKnownTimeZone(zone: string): boolean {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of a wall time held as a UTC Date. */
function fieldsOf(wall: number) {
  const d = new Date(wall);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), weekday: d.getUTCDay() };
}

/** Parses a standard schedule; `timeZone` is the CronJob's spec.timeZone. */
export function parseCronSchedule(spec: string, timeZone?: string): CronSchedule {
  let text = spec.trim();
  let zone = timeZone === undefined || timeZone === '' || timeZone === 'UTC' ? undefined : timeZone;
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(text);
  if (tz !== null) {
    if (!isKnownTimeZone(tz[1]!)) throw new CronParseError(`provided bad location ${tz[1]}: unknown time zone ${tz[1]}`);
    zone = tz[1] === 'UTC' ? undefined : tz[1];
    text = text.slice(tz[0].length);
  }
  if (text.startsWith('@every ')) {
    let delay: number;
    try {
      delay = parseDuration(text.slice('@every '.length));
    } catch (error) {
      throw new CronParseError(`failed to parse duration ${text}: ${(error as Error).message}`);
    }
    const every = Math.max(1000, Math.round(delay / 1000) * 1000);
    return { timeZone: zone, next: (t) => Math.floor(t / 1000) * 1000 + every };
  }
  if (text.startsWith('@')) {
    const expanded = DESCRIPTORS[text];
    if (expanded === undefined) throw new CronParseError(`unrecognized descriptor: ${text}`);
    text = expanded;
  }
  const words = text.split(/\s+/).filter((w) => w !== '');
  if (words.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${words.length}: [${words.join(' ')}]`);
  const [minute, hour, dom, month, dow] = words.map((w, i) => parseField(w, FIELDS[i]!)) as [FieldSet, FieldSet, FieldSet, FieldSet, FieldSet];
  const dayMatches = (f: ReturnType<typeof fieldsOf>) => {
    const domMatch = dom.values.has(f.day);
    const dowMatch = dow.values.has(f.weekday);
    return dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch;
  };
  const toWall = (t: number) => (zone === undefined ? t : t + zoneOffset(zone, t));
  const fromWall = (wall: number) => {
    if (zone === undefined) return wall;
    const guess = wall - zoneOffset(zone, wall);
    return wall - zoneOffset(zone, guess);
  };
  return {
    timeZone: zone,
    next(t: number): number | undefined {
      // The next whole minute after t, on the zone's wall clock.
      let wall = Math.floor(toWall(t) / MINUTE) * MINUTE + MINUTE;
      const limit = fieldsOf(wall).year + 5;
      for (;;) {
        const f = fieldsOf(wall);
        if (f.year > limit) return undefined;
        if (!month.values.has(f.month)) {
          wall = Date.UTC(f.year, f.month, 1);
          continue;
        }
        if (!dayMatches(f)) {
          wall = Date.UTC(f.year, f.month - 1, f.day) + DAY;
          continue;
        }
        if (!hour.values.has(f.hour)) {
          wall = Date.UTC(f.year, f.month - 1, f.day, f.hour + 1);
          continue;
        }
        if (!minute.values.has(f.minute)) {
          wall += MINUTE;
          continue;
        }
        return fromWall(wall);
      }
    },
  };
}
