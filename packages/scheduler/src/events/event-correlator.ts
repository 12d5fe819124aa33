// The EventCorrelator every client-go EventRecorder runs before it writes an Event (client-go
// `tools/record/events_cache.go`), in its order:
// 1. aggregation (EventAggregator, keyed by source + object + type + reason): once 10 events with
//    different messages were seen within 10 minutes, further ones become one event whose message
//    is prefixed `(combined from similar events): ` and whose count grows;
// 2. deduplication (eventLogger, keyed by source + object + type + reason + message): a repeat
//    of an event already written patches that event's count and lastTimestamp instead of creating
//    a new one (no time window: the key lives in an LRU cache of 4096 entries);
// 3. spam filtering (EventSourceObjectSpamFilter, keyed by source + object): a token bucket of 25
//    events refilled at one per 5 minutes; an event without a token is dropped, although step 2
//    already counted it, so the next write shows the true count.
// Caches are insertion-ordered Maps used as LRUs, so a snapshot holds them as plain JSON.

import type { Event } from 'kubernetes-types/core/v1';
import { type SavedTokenBucket, TokenBucket } from '../flowcontrol/token-bucket.ts';

/** client-go `maxLruCacheEntries`. */
const LRU_SIZE = 4096;
/** client-go `defaultAggregateMaxEvents` and `defaultAggregateIntervalInSeconds`. */
export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
/** client-go `defaultSpamBurst` and `defaultSpamQPS` (1/300: one event every 5 minutes). */
export const SPAM_BURST = 25;
export const SPAM_QPS = 1 / 300;
export const COMBINED_PREFIX = '(combined from similar events): ';

interface AggregateRecord {
  /** The distinct messages seen, oldest first. */
  localKeys: string[];
  lastTimestamp: number;
}

/** What the logger remembers of an Event it wrote: enough to patch it. */
export interface EventObservation {
  count: number;
  firstTimestamp: string;
  name: string;
}

export interface CorrelationResult {
  /** The event to write: new (count 1) or an update of an earlier one (count > 1). */
  event: Event;
  /** True when the event repeats one already written (patch count, lastTimestamp, message). */
  update: boolean;
  /** True when the spam filter drops it: nothing is written. */
  skip: boolean;
}

export interface SavedCorrelator {
  aggregate: [string, AggregateRecord][];
  observed: [string, EventObservation][];
  spam: [string, SavedTokenBucket][];
}

class Lru<V> {
  readonly entries = new Map<string, V>();
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > LRU_SIZE) this.entries.delete(this.entries.keys().next().value!);
  }
}

function objectKey(event: Event): string[] {
  const o = event.involvedObject;
  return [event.source?.component ?? '', event.source?.host ?? '', o.kind ?? '', o.namespace ?? '', o.name ?? '', o.uid ?? '', o.apiVersion ?? ''];
}

/** getEventKey: everything that makes two events "the same". */
function eventKey(event: Event): string {
  return [...objectKey(event), event.involvedObject.fieldPath ?? '', event.type ?? '', event.reason ?? '', event.message ?? ''].join('\u0000');
}

/** EventAggregatorByReasonFunc: the aggregate key, and the message as the local key. */
function aggregateKey(event: Event): string {
  return [...objectKey(event), event.type ?? '', event.reason ?? '', event.reportingComponent ?? '', event.reportingInstance ?? ''].join('\u0000');
}

export class EventCorrelator {
  readonly #aggregate = new Lru<AggregateRecord>();
  readonly #observed = new Lru<EventObservation>();
  readonly #spam = new Lru<TokenBucket>();

  /**
   * Correlates a new event made at virtual time `now`; `nameAt` names an aggregate event the way
   * the recorder names new ones.
   */
  correlate(event: Event, now: number, nameAt: (objectName: string) => string): CorrelationResult {
    const { event: aggregated, key } = this.#aggregated(event, now, nameAt);
    const { event: observed, update } = this.#observe(aggregated, key);
    return { event: observed, update, skip: this.#filtered(observed, now) };
  }

  #aggregated(event: Event, now: number, nameAt: (objectName: string) => string): { event: Event; key: string } {
    const aggregate = aggregateKey(event);
    let record = this.#aggregate.get(aggregate);
    if (record === undefined || now - record.lastTimestamp > AGGREGATE_INTERVAL_MS) record = { localKeys: [], lastTimestamp: now };
    const message = event.message ?? '';
    const localKeys = record.localKeys.includes(message) ? record.localKeys : [...record.localKeys, message];
    record = { localKeys, lastTimestamp: now };
    this.#aggregate.set(aggregate, record);
    if (localKeys.length < AGGREGATE_MAX_EVENTS) return { event, key: eventKey(event) };
    // Go pops an arbitrary member of its set; the oldest message goes here, deterministically.
    this.#aggregate.set(aggregate, { localKeys: localKeys.slice(1), lastTimestamp: now });
    const combined: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: nameAt(event.involvedObject.name ?? ''), namespace: event.metadata.namespace! },
      count: 1,
      firstTimestamp: event.firstTimestamp!,
      involvedObject: event.involvedObject,
      lastTimestamp: event.lastTimestamp!,
      message: `${COMBINED_PREFIX}${message}`,
      type: event.type!,
      reason: event.reason!,
      source: event.source!,
    };
    return { event: combined, key: aggregate };
  }

  #observe(event: Event, key: string): { event: Event; update: boolean } {
    const last = this.#observed.get(key);
    let observed = event;
    if (last !== undefined && last.count > 0) {
      observed = {
        ...event,
        metadata: { ...event.metadata, name: last.name },
        firstTimestamp: last.firstTimestamp,
        count: last.count + 1,
      };
    }
    this.#observed.set(key, { count: observed.count ?? 1, firstTimestamp: observed.firstTimestamp!, name: observed.metadata.name! });
    return { event: observed, update: observed !== event };
  }

  #filtered(event: Event, now: number): boolean {
    const key = objectKey(event).join('\u0000');
    let bucket = this.#spam.get(key);
    if (bucket === undefined) bucket = new TokenBucket(SPAM_QPS, SPAM_BURST, now);
    const accepted = bucket.tryAccept(now);
    this.#spam.set(key, bucket);
    return !accepted;
  }

  snapshot(): SavedCorrelator {
    return {
      aggregate: [...this.#aggregate.entries],
      observed: [...this.#observed.entries],
      spam: [...this.#spam.entries].map(([key, bucket]) => [key, bucket.save()]),
    };
  }

  restore(saved: SavedCorrelator): void {
    this.#aggregate.entries.clear();
    this.#observed.entries.clear();
    this.#spam.entries.clear();
    for (const [key, record] of saved.aggregate) this.#aggregate.entries.set(key, { localKeys: [...record.localKeys], lastTimestamp: record.lastTimestamp });
    for (const [key, observation] of saved.observed) this.#observed.entries.set(key, { ...observation });
    for (const [key, bucket] of saved.spam) this.#spam.entries.set(key, TokenBucket.load(bucket));
  }
}
