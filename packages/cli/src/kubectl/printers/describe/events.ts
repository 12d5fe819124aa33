// The Events table at the end of describe: `Type  Reason  Age  From  Message`, oldest first, Age
// as `2m (x5 over 4m)` for repeated events, `Events:  <none>` without any.
// [kubectl pkg/describe/describe.go `DescribeEvents`; pkg/util/event `SortableEvents`]
import type { Event } from 'kubernetes-types/core/v1';
import { eventInterval, sortEventsByTime } from '../event.ts';
import type { DescribeWriter } from './writer.ts';
import { LEVEL_0, LEVEL_1 } from './writer.ts';

export function describeEvents(events: readonly Event[], w: DescribeWriter, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  const sorted = sortEventsByTime(events);
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${eventInterval(e, now)}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}
