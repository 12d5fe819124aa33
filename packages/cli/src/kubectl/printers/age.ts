// kubectl's AGE cells and every other "time since" (`translateTimestampSince`): HumanDuration of
// now − timestamp, `<unknown>` for a missing time. [k/k printers.go `translateTimestampSince`]
import { fromRFC3339, humanDuration } from '@dockyard/runtime';

/** `5s`, `3m2s`, `2d` since an RFC 3339 timestamp, at virtual time `now` (ms); `<unknown>` when unset. */
export function formatAge(timestamp: string | undefined | null, now: number): string {
  if (timestamp === undefined || timestamp === null || timestamp === '') return '<unknown>';
  const at = fromRFC3339(timestamp);
  if (Number.isNaN(at)) return '<unknown>';
  return humanDuration(now - at);
}

/** The virtual time of a timestamp, or undefined when it is unset or unreadable. */
export function timeOf(timestamp: string | undefined | null): number | undefined {
  if (timestamp === undefined || timestamp === null || timestamp === '') return undefined;
  const at = fromRFC3339(timestamp);
  return Number.isNaN(at) ? undefined : at;
}
