// A log record as a row of `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE
// (k/k pkg/printers/internalversion/printers.go, printEvent; see shared reference "kubectl columns").
//
// A record that carries Kubernetes Event fields fills the columns as kubectl would:
//   { type: 'k8s.event', eventType: 'Warning', reason: 'BackOff', object: 'pod/web-1', message: '...' }
// (`involvedObject` / `regarding` as { kind, name } work too). Any other record is shown
// generically: TYPE Normal, REASON its record type, OBJECT what its fields name (`kind` and
// `name` → pod/web-1; the API store's `resource` and `name` → pods/web-1; else the first field
// named for a kind, `node: node-1` → node/node-1), MESSAGE the remaining fields as key=value.

import { humanDuration, type LogRecord } from '@dockyard/runtime';

export interface EventRow {
  /** The record's index in the log: a stable key. */
  readonly index: number;
  readonly t: number;
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  /** `kind/name`, lower-case kind as kubectl prints it; empty when the record names no object. */
  readonly object: string;
  readonly message: string;
}

/** Fields that name the object a generic record is about, in the order they are looked for. */
const OBJECT_FIELDS = ['pod', 'node', 'container', 'deployment', 'replicaset', 'service', 'job', 'image', 'volume', 'network'];
/** Fields that fill a column of their own, and so are not repeated in MESSAGE. */
const COLUMN_FIELDS = new Set(['t', 'type', 'eventType', 'reason', 'object', 'involvedObject', 'regarding', 'message']);

export function eventRow(record: LogRecord, index: number): EventRow {
  const reason = typeof record['reason'] === 'string' ? record['reason'] : record.type;
  const { object, fields } = objectOf(record);
  const message =
    typeof record['message'] === 'string'
      ? record['message']
      : Object.entries(record)
          .filter(([key]) => !COLUMN_FIELDS.has(key) && !fields.includes(key))
          .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
          .join(' ');
  return {
    index,
    t: record.t,
    type: record['eventType'] === 'Warning' ? 'Warning' : 'Normal',
    reason,
    object,
    message,
  };
}

/** kubectl's LAST SEEN: how long before now the event was (apimachinery HumanDuration). */
export function lastSeen(row: EventRow, now: number): string {
  return humanDuration(now - row.t);
}

/** The object a record is about, and the fields that named it (left out of MESSAGE). */
function objectOf(record: LogRecord): { object: string; fields: string[] } {
  if (typeof record['object'] === 'string') return { object: record['object'], fields: [] };
  for (const key of ['involvedObject', 'regarding']) {
    const ref = record[key] as { kind?: unknown; name?: unknown } | undefined;
    if (ref && typeof ref.kind === 'string' && typeof ref.name === 'string') return { object: `${ref.kind.toLowerCase()}/${ref.name}`, fields: [] };
  }
  const name = record['name'];
  if (typeof name === 'string') {
    if (typeof record['kind'] === 'string') return { object: `${record['kind'].toLowerCase()}/${name}`, fields: ['kind', 'name'] };
    if (typeof record['resource'] === 'string') return { object: `${record['resource']}/${name}`, fields: ['resource', 'name'] };
  }
  for (const field of OBJECT_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' || typeof value === 'number') return { object: `${field}/${value}`, fields: [field] };
  }
  return { object: '', fields: [] };
}

export interface EventFilter {
  /** Only rows about this object (the OBJECT column's text). */
  object?: string;
  warningsOnly?: boolean;
}

export function matchesFilter(row: EventRow, filter: EventFilter): boolean {
  return (filter.object === undefined || row.object === filter.object) && (!filter.warningsOnly || row.type === 'Warning');
}
