// The simulated HTTP exchange, shaped as the container runtime's network fabric carries it
// (runtime branch: packages/runtime/src/network/http.ts and fabric.ts). Kept structurally identical
// so the fabric's requests pass straight through; once the runtime is in main these give way to
// its exports.

export interface HttpRequest {
  method: string;
  /** Path with query, e.g. `/healthz?x=1`. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  /** Where the connection comes from, as the server sees it. */
  remoteIp: string;
}

export interface HttpResponse {
  status: number;
  /** In the order the server writes them. */
  headers: [string, string][];
  body: string;
}

export type ConnectFailure = 'refused' | 'unreachable' | 'timeout';

/** Sends a request to ip:port over the pod network (the fabric's `http`). */
export type Upstream = (ip: string, port: number, request: HttpRequest) => HttpResponse | ConnectFailure | 'empty';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An RFC 7231 date (`Wed, 01 Jan 2025 00:00:00 GMT`) from an RFC 3339 UTC time. */
export function httpDate(rfc3339: string): string {
  const [date, time] = rfc3339.replace(/Z$/, '').split('T') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // Days since 1970-01-01 (civil-from-days inverse), for the weekday.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return `${DAYS[(((days + 4) % 7) + 7) % 7]}, ${String(d).padStart(2, '0')} ${MONTHS[m - 1]} ${y} ${time.slice(0, 8)} GMT`;
}
