// The Events table at the end of describe: `Type  Reason  Age  From  Message`, oldest first, Age
// as `2m (x5 over 4m)` for repeated events, `Events:  <none>` without any.
// [kubectl pkg/describe/describe.go `DescribeEvents`; pkg/util/event `SortableEvents`]
import { goSort } from '../go-sort.ts';
import type { Event } from 'kubernetes-types/core/v1';
import { formatAge, timeOf } from '../age.ts';
import type { DescribeWriter } from './writer.ts';
import { LEVEL_0, LEVEL_1 } from './writer.ts';

export function describeEvents(events: readonly Event[], w: DescribeWriter, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  // Go's zero time (an unset timestamp) sorts before any other.
  const sorted = goSort([...events], (a, b) => (sortTime(a) ?? -Infinity) < (sortTime(b) ?? -Infinity));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const firstSeen = timeOf(e.eventTime) !== undefined ? formatAge(e.eventTime, now) : formatAge(e.firstTimestamp, now);
    let interval: string;
    if (e.series) {
      interval = `${formatAge(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${firstSeen})`;
    } else if ((e.count ?? 0) > 1) {
      interval = `${formatAge(e.lastTimestamp, now)} (x${e.count} over ${firstSeen})`;
    } else {
      interval = firstSeen;
    }
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}

/** The time events sort by: the series' last observation, lastTimestamp, or eventTime. */
function sortTime(event: Event): number | undefined {
  if (event.series) return timeOf(event.series.lastObservedTime);
  return timeOf(event.lastTimestamp) ?? timeOf(event.eventTime);
}
