// The append-only event log: every decision a component takes, as a structured record stamped with
// the virtual time. Serialized as JSON Lines; the same inputs and seed give the same bytes, which is
// what determinism tests compare. Kubernetes Events are one kind of record in it.

import type EventEmitter from 'eventemitter3';

/** A log record: the virtual time in ms, a dotted type (`pod.scheduled`) and the fields it carries. */
export interface LogRecord {
  readonly t: number;
  readonly type: string;
  readonly [field: string]: unknown;
}

/** What the engine's bus carries: each new log record, and the clock after each run. */
export interface EngineEvents {
  record: (record: LogRecord) => void;
  time: (now: number) => void;
}

export class EventLog {
  #records: LogRecord[] = [];
  readonly #now: () => number;
  readonly #bus: EventEmitter<EngineEvents>;

  constructor(now: () => number, bus: EventEmitter<EngineEvents>) {
    this.#now = now;
    this.#bus = bus;
  }

  get size(): number {
    return this.#records.length;
  }

  /** Appends a record at the current virtual time and publishes it on the bus. */
  append<F extends object>(type: string, fields?: F): LogRecord {
    const record: LogRecord = { t: this.#now(), type, ...fields };
    this.#records.push(record);
    this.#bus.emit('record', record);
    return record;
  }

  /** Records from index `from` on (all by default); the log is never rewritten, so indexes are stable. */
  records(from = 0): readonly LogRecord[] {
    return from === 0 ? this.#records : this.#records.slice(from);
  }

  /** JSON Lines: one record per line, each line ending in a newline. */
  toJSONL(from = 0): string {
    let out = '';
    for (let i = from; i < this.#records.length; i++) out += JSON.stringify(this.#records[i]) + '\n';
    return out;
  }

  /** Replaces the content; `records` must already be validated (see snapshot.ts). */
  load(records: readonly LogRecord[]): void {
    this.#records = [...records];
  }
}
