// Why a pod fits no node, in kube-scheduler's words (pkg/scheduler/framework/types.go FitError.Error,
// v1.33): "0/<all> nodes are available:" then either the PreFilter message and "." or the
// histogram of every node's reasons - "<count> <reason>" entries sorted as plain strings (so
// "1 node(s)..." before "2 Insufficient memory"), joined by ", ", ended by "." - then a space
// and the PostFilter (preemption) message, which carries its own final period since v1.30.
// Nodes without an explicit status (the ones a PreFilter node list left out) are counted under
// the "absent" status, so the counts always add up to <all>.

import type { Status } from './plugin.ts';

/** ErrNoNodesAvailable: the message when the cluster has no nodes at all. */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** validation.NoteLengthLimit: event messages longer than this are cut and end in " ...". */
export const EVENT_MESSAGE_LIMIT = 1024;

export class FitError {
  readonly numAllNodes: number;
  /** The PreFilter rejection, "" when PreFilter passed. */
  readonly preFilterMessage: string;
  /** Node name → the status of the first filter plugin that rejected it. */
  readonly statuses: ReadonlyMap<string, Status>;
  /** The status of nodes missing from `statuses`. */
  readonly absentStatus: Status | undefined;
  /** The preemption plugin's message ("preemption: ..."), "" when none. */
  postFilterMessage = '';

  constructor(numAllNodes: number, statuses: ReadonlyMap<string, Status>, absentStatus?: Status, preFilterMessage = '') {
    this.numAllNodes = numAllNodes;
    this.statuses = statuses;
    this.absentStatus = absentStatus;
    this.preFilterMessage = preFilterMessage;
  }

  /** The reasons histogram, sorted the way the message prints it. */
  histogram(): string[] {
    const counts = new Map<string, number>();
    for (const s of this.statuses.values()) for (const reason of s.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    const absent = this.numAllNodes - this.statuses.size;
    if (absent > 0 && this.absentStatus !== undefined) {
      for (const reason of this.absentStatus.reasons) counts.set(reason, (counts.get(reason) ?? 0) + absent);
    }
    return [...counts].map(([reason, n]) => `${n} ${reason}`).sort(byteOrder);
  }

  get message(): string {
    let message = `0/${this.numAllNodes} nodes are available:`;
    if (this.preFilterMessage !== '') message += ` ${this.preFilterMessage}.`;
    else {
      const histogram = this.histogram();
      if (histogram.length > 0) message += ` ${histogram.join(', ')}.`;
    }
    if (this.postFilterMessage !== '') message += ` ${this.postFilterMessage}`;
    return message;
  }
}

/** Go's sort.Strings order (bytes), which for these ASCII texts is UTF-16 code unit order. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** truncateMessage in schedule_one.go: what goes into the FailedScheduling event and the condition. */
export function truncateEventMessage(message: string): string {
  if (message.length <= EVENT_MESSAGE_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, EVENT_MESSAGE_LIMIT - suffix.length) + suffix;
}
