// `kubectl get events`: LAST SEEN TYPE REASON OBJECT MESSAGE; -o wide puts SUBOBJECT and SOURCE
// before MESSAGE and FIRST SEEN COUNT NAME after it. Events with a series take LAST SEEN and
// COUNT from it; a singleton event of the new API (count 0) counts 1.
// [k/k printers.go `printEvent`, `formatEventSource`; reference §8]
import type { Event, EventSource } from 'kubernetes-types/core/v1';
import { formatAge, timeOf } from './age.ts';
import { goSort } from './go-sort.ts';
import { defineTablePrinter } from './table-printer.ts';

/** LAST SEEN's timestamp: the series' last observation, else lastTimestamp, else the first seen. */
export function eventLastSeen(event: Event): string | undefined {
  if (event.series) return event.series.lastObservedTime;
  return timeOf(event.lastTimestamp) !== undefined ? event.lastTimestamp : eventFirstSeen(event);
}

/** FIRST SEEN's timestamp: firstTimestamp, else eventTime. */
export function eventFirstSeen(event: Event): string | undefined {
  return timeOf(event.firstTimestamp) !== undefined ? event.firstTimestamp : event.eventTime;
}

/** How many times the event was seen (the series count when there is one; at least 1). */
export function eventCount(event: Event): number {
  if (event.series) return event.series.count ?? 0;
  return event.count === undefined || event.count === 0 ? 1 : event.count;
}

/**
 * Events oldest first, as kubectl's SortableEvents orders them for `kubectl events` and describe:
 * by the series' last observation, else lastTimestamp, else eventTime (Go's zero time, an unset
 * one, first), with Go's sort.Sort so that events at the same instant land where kubectl puts them.
 * [kubectl pkg/cmd/events/events.go `SortableEvents`, `eventTime`; pkg/util/event]
 */
export function sortEventsByTime<T extends Event>(events: readonly T[]): T[] {
  const time = (event: Event) => (event.series ? timeOf(event.series.lastObservedTime) : (timeOf(event.lastTimestamp) ?? timeOf(event.eventTime))) ?? -Infinity;
  return goSort([...events], (a, b) => time(a) < time(b));
}

/** The LAST SEEN / Age cell of `kubectl events` and describe: `5s`, or `5s (x3 over 2m)` for a repeated event. */
export function eventInterval(event: Event, now: number): string {
  const firstSeen = timeOf(event.eventTime) !== undefined ? formatAge(event.eventTime, now) : formatAge(event.firstTimestamp, now);
  if (event.series) return `${formatAge(event.series.lastObservedTime, now)} (x${event.series.count ?? 0} over ${firstSeen})`;
  if ((event.count ?? 0) > 1) return `${formatAge(event.lastTimestamp, now)} (x${event.count} over ${firstSeen})`;
  return firstSeen;
}

/** `component, host`, falling back to reportingController / reportingInstance. */
export function formatEventSource(source: EventSource | undefined, controller?: string, instance?: string): string {
  const component = source?.component || controller || '';
  const host = source?.host || instance || '';
  return host === '' ? component : `${component}, ${host}`;
}

/** OBJECT: `pod/web-1`, the kind in lower case. */
export function eventObject(event: Event): string {
  const kind = (event.involvedObject?.kind ?? '').toLowerCase();
  return event.involvedObject?.name ? `${kind}/${event.involvedObject.name}` : kind;
}

export const eventTablePrinter = defineTablePrinter<Event>({
  group: '',
  kind: 'Event',
  namespaced: true,
  columns: [
    { name: 'Last Seen' },
    { name: 'Type' },
    { name: 'Reason' },
    { name: 'Object' },
    { name: 'Subobject', priority: 1 },
    { name: 'Source', priority: 1 },
    { name: 'Message' },
    { name: 'First Seen', priority: 1 },
    { name: 'Count', priority: 1 },
    { name: 'Name', priority: 1, format: 'name' },
  ],
  cells(event, now) {
    const first = eventFirstSeen(event);
    const last = eventLastSeen(event);
    return [
      formatAge(last, now),
      event.type ?? '',
      event.reason ?? '',
      eventObject(event),
      event.involvedObject?.fieldPath ?? '',
      formatEventSource(event.source, event.reportingComponent, event.reportingInstance),
      (event.message ?? '').trim(),
      formatAge(first, now),
      eventCount(event),
      event.metadata?.name,
    ];
  },
});
