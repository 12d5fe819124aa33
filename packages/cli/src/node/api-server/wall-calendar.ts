// Object times as kubectl expects them: on the calendar of its own clock. Dockyard's objects carry
// virtual dates (from 2025-01-01), but kubectl computes some ages itself against the wall clock —
// the Events of `describe`, `top pod`'s "Metrics not available ... age" — so the API shows every
// time shifted by (wall now − virtual now), in whole seconds, and shifts times sent back the other
// way. An age kubectl computes is then the virtual age, at any --speed; the world itself, its
// saved state and Dockyard's own commands keep the virtual dates.

import { setOwn, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';

/** The metav1.Time and MicroTime fields of the built-in kinds (and metrics' `timestamp`). */
const TIME_KEYS = new Set([
  'acquireTime',
  'completionTime',
  'creationTimestamp',
  'deletionTimestamp',
  'eventTime',
  'finishedAt',
  'firstTimestamp',
  'lastHeartbeatTime',
  'lastObservedTime',
  'lastProbeTime',
  'lastScaleTime',
  'lastScheduleTime',
  'lastSuccessfulTime',
  'lastTimestamp',
  'lastTransitionTime',
  'lastUpdateTime',
  'renewTime',
  'startTime',
  'startedAt',
  'time',
  'timestamp',
]);

/** Free-form maps: their values are the user's, whatever their keys. */
const OPAQUE_KEYS = new Set(['annotations', 'labels', 'data', 'stringData', 'binaryData']);

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z$/;

export class WallCalendar {
  constructor(
    private readonly virtualNow: () => number,
    private readonly wallNow: () => number = Date.now,
  ) {}

  /**
   * Whole seconds to add to a virtual date to show it on the wall calendar, as of now; rounded
   * down, so an age computed from a shown time is never short of the virtual one.
   */
  offsetMs(): number {
    return Math.floor((this.wallNow() - (VIRTUAL_EPOCH_MS + this.virtualNow())) / 1000) * 1000;
  }

  /** A copy of `value` with its times on the wall calendar. */
  toWall<T>(value: T): T {
    return shift(value, this.offsetMs(), false) as T;
  }

  /** A copy of `value` with the times a client sent back on the virtual calendar. */
  toVirtual<T>(value: T): T {
    return shift(value, -this.offsetMs(), false) as T;
  }

  /** A wall-clock date (`sinceTime`) as virtual ms, or NaN. */
  virtualMs(wallDate: string): number {
    return Date.parse(wallDate) - this.offsetMs() - VIRTUAL_EPOCH_MS;
  }

  /** A log line of `kubectl logs --timestamps`: the time it starts with. */
  logLine(text: string): string {
    const space = text.indexOf(' ');
    return space < 0 ? text : shiftDate(text.slice(0, space), this.offsetMs()) + text.slice(space);
  }

  /** A cell of a Table (the default printer's CREATED AT holds a date). */
  cell(value: unknown): unknown {
    return typeof value === 'string' ? shiftDate(value, this.offsetMs()) : value;
  }
}

function shift(value: unknown, offset: number, opaque: boolean): unknown {
  if (offset === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => shift(item, offset, opaque));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // setOwn: a key named `__proto__` (a valid ConfigMap key) is data like any other.
    setOwn(out, key, typeof item === 'string' ? (!opaque && TIME_KEYS.has(key) ? shiftDate(item, offset) : item) : shift(item, offset, opaque || OPAQUE_KEYS.has(key)));
  }
  return out;
}

function shiftDate(text: string, offset: number): string {
  const match = RFC3339.exec(text);
  if (match === null) return text;
  const moved = new Date(Date.parse(`${match[1]}Z`) + offset);
  if (Number.isNaN(moved.getTime())) return text;
  return `${moved.toISOString().slice(0, 19)}${match[2] ?? ''}Z`;
}
