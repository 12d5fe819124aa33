// Virtual time as calendar time. Kubernetes timestamps (creationTimestamp, lastTimestamp) and
// Docker's (Created, StartedAt) are RFC 3339 dates; the engine's clock starts at a fixed instant,
// so the same run prints the same dates everywhere.

/** The calendar instant of virtual time 0: 2025-01-01T00:00:00Z. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2025, 0, 1);

/** RFC 3339 in UTC with whole seconds, as Kubernetes writes metav1.Time: `2025-01-01T00:05:00Z`. */
export function toRFC3339(now: number): string {
  return new Date(VIRTUAL_EPOCH_MS + now).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 with nanoseconds, as Docker writes container times: `2025-01-01T00:05:00.250000000Z`. */
export function toRFC3339Nano(now: number): string {
  return new Date(VIRTUAL_EPOCH_MS + now).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** The virtual time of an RFC 3339 date (what `toRFC3339` printed), or NaN when it is not one. */
export function fromRFC3339(text: string): number {
  return Date.parse(text) - VIRTUAL_EPOCH_MS;
}
