// Kubernetes Events as `kubectl get events -A` prints them: NAMESPACE, LAST SEEN, TYPE, REASON,
// OBJECT, MESSAGE (k/k pkg/printers/internalversion/printers.go, printEvent; shared reference §8).
//
// Every component's EventRecorder writes one `k8s.event` record to the log each time it creates
// an Event or counts a repeat of one (the correlator patches `count`, `lastTimestamp` and
// `message` of the Event already stored):
//   { type: 'k8s.event', namespace: 'default', object: 'Pod/web-1', eventType: 'Warning',
//     reason: 'BackOff', message: '...', source: 'kubelet', host: 'node-1', count: 3 }
// so a repeat updates its Event's row (LAST SEEN, count, message) instead of adding one, as the
// API server's Event object is updated. Other records are not Events: the panel's raw view shows them.

import { humanDuration, type LogRecord, sortedPosition } from '@dockyard/runtime';

export const KUBE_EVENT_RECORD = 'k8s.event';

/** What the correlator puts before the message of an aggregated event (client-go events_cache.go). */
const AGGREGATED_PREFIX = '(combined from similar events): ';

export interface EventRow {
  /** The Event this row stands for: repeats of it share the key. */
  readonly key: string;
  /** Index in the log of the newest record about this Event: a stable key for drawing. */
  readonly index: number;
  /** Last seen, in virtual ms. */
  readonly t: number;
  readonly firstSeen: number;
  readonly count: number;
  readonly namespace: string;
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  /** `kind/name` with the kind in lower case, as kubectl prints it. */
  readonly object: string;
  readonly message: string;
  /** SOURCE: the reporting component, and its host when it has one (`kubelet, node-1`). */
  readonly source: string;
}

/** The row a `k8s.event` record stands for; undefined for every other record. */
export function eventRow(record: LogRecord, index: number): EventRow | undefined {
  if (record.type !== KUBE_EVENT_RECORD) return undefined;
  const text = (field: string) => (typeof record[field] === 'string' ? (record[field] as string) : '');
  const namespace = text('namespace');
  const raw = text('object');
  const slash = raw.indexOf('/');
  // printEvent: strings.ToLower(kind) + "/" + name, or just the kind when there is no name.
  const object = slash < 0 ? raw.toLowerCase() : `${raw.slice(0, slash).toLowerCase()}/${raw.slice(slash + 1)}`;
  const type = record['eventType'] === 'Warning' ? 'Warning' : 'Normal';
  const reason = text('reason');
  const message = text('message');
  const host = text('host');
  const source = host === '' ? text('source') : `${text('source')}, ${host}`;
  const count = typeof record['count'] === 'number' && record['count'] > 0 ? record['count'] : 1;
  const messageKey = message.startsWith(AGGREGATED_PREFIX) ? AGGREGATED_PREFIX : message;
  const key = [namespace, object, type, reason, source, messageKey].join('\u0000');
  return { key, index, t: record.t, firstSeen: record.t, count, namespace, type, reason, object, message, source };
}

/**
 * The Events seen in a log, one row each, oldest last-seen first (the order the table grows in):
 * fed the log's records in order, a repeat moves its Event's row to the end with the new count.
 */
export class EventRows {
  readonly #rows: EventRow[] = [];
  readonly #byKey = new Map<string, EventRow>();
  #objects: readonly string[] = [];
  /** How many of the log's records have been read. */
  read = 0;
  /** How many Events have been added or repeated: what is drawn from the rows changes with it. */
  changes = 0;

  get rows(): readonly EventRow[] {
    return this.#rows;
  }

  /**
   * The OBJECT column's values, sorted: a new array only when an object shows up for the first
   * time (rows move, they are never dropped), so the filter's options are not built again per frame.
   */
  get objects(): readonly string[] {
    return this.#objects;
  }

  /** Reads the records after those already read. */
  catchUp(records: readonly LogRecord[]): void {
    for (; this.read < records.length; this.read++) {
      const row = eventRow(records[this.read]!, this.read);
      if (row !== undefined) this.#add(row);
    }
  }

  #add(row: EventRow): void {
    const earlier = row.count > 1 ? this.#byKey.get(row.key) : undefined;
    if (earlier !== undefined) {
      this.#rows.splice(this.#rows.indexOf(earlier), 1);
      row = { ...row, firstSeen: earlier.firstSeen };
    }
    this.#byKey.set(row.key, row);
    this.#rows.push(row);
    this.changes++;
    if (earlier === undefined && row.object !== '') this.#addObject(row.object);
  }

  #addObject(object: string): void {
    const list = this.#objects;
    const low = sortedPosition(list, object);
    if (list[low] !== object) this.#objects = [...list.slice(0, low), object, ...list.slice(low)];
  }
}

/** kubectl's LAST SEEN: how long before now the event was last seen (apimachinery HumanDuration). */
export function lastSeen(row: EventRow, now: number): string {
  return humanDuration(now - row.t);
}

export interface EventFilter {
  /** Only rows about this object (the OBJECT column's text). */
  object?: string;
  warningsOnly?: boolean;
}

export function matchesFilter(row: EventRow, filter: EventFilter): boolean {
  return (filter.object === undefined || row.object === filter.object) && (!filter.warningsOnly || row.type === 'Warning');
}
