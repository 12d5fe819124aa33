// Durations as Kubernetes and Docker write them. Parsing follows Go's time.ParseDuration (the
// grammar kubectl flags, probe timeouts and compose healthchecks use); printing comes in the three
// shapes users meet: Go's Duration.String (`5m0s`, in kubelet messages), a compact form with the
// zero units dropped (`5m`, `1h30m`) and kubectl's AGE column (`HumanDuration`).
//
// The virtual clock counts whole milliseconds, so anything finer than 1 ms is truncated.

export class DurationError extends Error {
  override name = 'DurationError';
}

// Nanoseconds per unit, so that fractions add up exactly as in Go.
const NS_PER_UNIT: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign
  μs: 1_000n, // U+03BC Greek mu, which Go accepts too
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const NS_PER_MS = 1_000_000n;
// Go keeps durations in an int64 of nanoseconds.
const MAX_NS = 2n ** 63n - 1n;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Parses a Go duration (`30s`, `1h30m`, `250ms`, `1.5h`, `-2m`) into whole milliseconds. */
export function parseDuration(text: string): number {
  const quoted = JSON.stringify(text);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new DurationError(`time: invalid duration ${quoted}`);
  let totalNs = 0n;
  while (rest !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest);
    const whole = number?.[1] ?? '';
    const fraction = number?.[2] ?? '';
    if (whole === '' && fraction === '') throw new DurationError(`time: invalid duration ${quoted}`);
    rest = rest.slice(number![0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === '') throw new DurationError(`time: missing unit in duration ${quoted}`);
    const scale = NS_PER_UNIT[unit];
    if (scale === undefined) {
      throw new DurationError(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    }
    totalNs += (BigInt(whole + fraction) * scale) / 10n ** BigInt(fraction.length);
    if (totalNs > MAX_NS) throw new DurationError(`time: invalid duration ${quoted}`);
    rest = rest.slice(unit.length);
  }
  const ms = Number(totalNs / NS_PER_MS);
  return sign < 0 && ms !== 0 ? -ms : ms;
}

/** Go's Duration.String: `0s`, `250ms`, `1.5s`, `1m30s`, `5m0s`, `1h0m0s`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < SECOND) return `${sign}${abs}ms`;
  const hours = Math.floor(abs / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const seconds = formatSeconds(abs % MINUTE);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** Go's form with zero units dropped, as people write them: `30s`, `5m`, `1h30m`, `250ms`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < SECOND) return `${sign}${abs}ms`;
  const hours = Math.floor(abs / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const rest = abs % MINUTE;
  let text = sign;
  if (hours > 0) text += `${hours}h`;
  if (minutes > 0) text += `${minutes}m`;
  if (rest > 0) text += `${formatSeconds(rest)}s`;
  return text;
}

/** kubectl's AGE column (apimachinery `HumanDuration`): `5s`, `3m2s`, `45m`, `3h20m`, `2d5h`, `400d`. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** apimachinery `ShortHumanDuration`: one unit only (`5s`, `3m`, `4h`, `2d`, `1y`). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.floor(hours / 24)}d`;
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** Seconds with Go's fraction: trailing zeros of the milliseconds dropped (`1.5`, `30`, `0.25`). */
function formatSeconds(ms: number): string {
  const whole = Math.floor(ms / SECOND);
  const fraction = ms % SECOND;
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}`;
}
