// Go's time formats that helm shows and stores, for Unix-millisecond times in UTC (the simulated
// machine's local zone): RFC3339Nano in release JSON, time.Time.String() in `helm list`, ANSIC in
// `helm status` and `helm history`.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number;
}

function parts(unixMs: number): Parts {
  const d = new Date(unixMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

/** Go's `.999999999` fraction: the digits without trailing zeros, nothing when whole. */
const fraction = (ms: number): string => (ms === 0 ? '' : '.' + pad(ms, 3).replace(/0+$/, ''));

/** time.Time's MarshalJSON (RFC3339Nano): 2025-01-01T00:05:00.5Z. */
export function formatRFC3339Nano(unixMs: number): string {
  const p = parts(unixMs);
  return `${pad(p.year, 4)}-${pad(p.month + 1)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction(p.ms)}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/** Reads what formatRFC3339Nano (or Go) wrote; undefined when it is not RFC 3339. */
export function parseRFC3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let offset = 0;
  if (zone !== 'Z') {
    const sign = zone!.startsWith('-') ? -1 : 1;
    offset = sign * (Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(4, 6))) * 60_000;
  }
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) - offset;
}

/** time.Time.String(): 2025-01-01 00:05:00.5 +0000 UTC (what `helm list` shows as UPDATED). */
export function formatGoTimeString(unixMs: number): string {
  const p = parts(unixMs);
  return `${pad(p.year, 4)}-${pad(p.month + 1)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction(p.ms)} +0000 UTC`;
}

/** time.ANSIC, "Mon Jan _2 15:04:05 2006": Wed Jan  1 00:05:00 2025. */
export function formatANSIC(unixMs: number): string {
  const p = parts(unixMs);
  return `${DAYS[p.weekday]} ${MONTHS[p.month]} ${String(p.day).padStart(2, ' ')} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} ${p.year}`;
}
