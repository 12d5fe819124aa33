// A container's output as the json-file log driver keeps it: one entry per line with its stream
// and time. Bounded, so a chatty container in a long simulation cannot grow a workspace without
// end (like `--log-opt max-size`, the oldest lines go first).

import { toRFC3339Nano } from '../sim/wall-time.ts';

export type LogStream = 'stdout' | 'stderr';

/**
 * [time ms, stream, line without its newline]. Frozen once written, so snapshots share the entries
 * instead of copying them (a thousand probed nginx pods log tens of thousands of lines).
 */
export type LogEntry = readonly [t: number, stream: LogStream, line: string];

export const MAX_LOG_LINES = 10_000;

export interface LogBuffer {
  entries: LogEntry[];
  /** Text written after the last newline, per stream. */
  partial: Record<LogStream, string>;
}

export function newLogBuffer(): LogBuffer {
  return { entries: [], partial: { stdout: '', stderr: '' } };
}

export function appendLog(buffer: LogBuffer, now: number, stream: LogStream, text: string): void {
  const joined = buffer.partial[stream] + text;
  const lines = joined.split('\n');
  buffer.partial[stream] = lines.pop()!;
  for (const line of lines) buffer.entries.push(Object.freeze([now, stream, line] as const));
  if (buffer.entries.length > MAX_LOG_LINES) buffer.entries.splice(0, buffer.entries.length - MAX_LOG_LINES);
}

export interface LogQuery {
  /** Last N lines; undefined for all. */
  tail?: number;
  /** Only entries at or after this time (ms). */
  since?: number;
  until?: number;
  timestamps?: boolean;
}

/** The entries `docker logs` prints for a query, each as [stream, text with newline]. */
export function readLog(buffer: LogBuffer, query: LogQuery = {}, from = 0): [LogStream, string][] {
  let entries = buffer.entries.slice(from);
  if (query.since !== undefined) entries = entries.filter(([t]) => t >= query.since!);
  if (query.until !== undefined) entries = entries.filter(([t]) => t < query.until!);
  if (query.tail !== undefined) entries = query.tail === 0 ? [] : entries.slice(-query.tail);
  return entries.map(([t, stream, line]) => [stream, `${query.timestamps ? toRFC3339Nano(t) + ' ' : ''}${line}\n`]);
}
