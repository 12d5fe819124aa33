// The whole engine as plain JSON, and the checks a snapshot passes before the engine trusts it.
// A snapshot may come from a file that a crash, an editor or a newer Dockyard touched, so every
// field is checked and a bad one is named; nothing is loaded until all of it is valid.

import type { LogRecord } from './event-log.ts';
import type { SavedQueue, SavedTask } from './task-queue.ts';

export const SNAPSHOT_FORMAT = 'dockyard.engine';
export const SNAPSHOT_VERSION = 1;

export interface EngineSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  seed: number;
  now: number;
  random: number[];
  queue: SavedQueue;
  log: LogRecord[];
  /** Each registered component's own state, by component name. */
  components: Record<string, unknown>;
}

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/** Checks that `value` is a snapshot this version can load, and returns it typed. */
export function validateSnapshot(value: unknown): EngineSnapshot {
  const snap = expectObject(value, 'snapshot');
  if (snap['format'] !== SNAPSHOT_FORMAT) {
    throw new SnapshotError(`corrupt snapshot: "format" is ${describe(snap['format'])}, expected "${SNAPSHOT_FORMAT}"`);
  }
  const version = snap['version'];
  if (!Number.isSafeInteger(version) || (version as number) < 1) {
    throw new SnapshotError(`corrupt snapshot: "version" is ${describe(version)}, expected a whole number`);
  }
  if ((version as number) > SNAPSHOT_VERSION) {
    throw new SnapshotError(
      `snapshot format version ${version} is newer than this Dockyard supports (${SNAPSHOT_VERSION}); upgrade Dockyard to read it`,
    );
  }
  expectInteger(snap['seed'], 'seed', false);
  const now = expectInteger(snap['now'], 'now', true);
  const random = snap['random'];
  if (!Array.isArray(random) || random.length === 0 || !random.every((n) => Number.isSafeInteger(n))) {
    throw new SnapshotError('corrupt snapshot: "random" must be a list of whole numbers');
  }
  validateQueue(snap['queue'], now);
  validateLog(snap['log']);
  expectObject(snap['components'], 'components');
  return value as EngineSnapshot;
}

function validateQueue(value: unknown, now: number): void {
  const queue = expectObject(value, 'queue');
  const nextSeq = expectInteger(queue['nextSeq'], 'queue.nextSeq', true);
  const tasks = queue['tasks'];
  if (!Array.isArray(tasks)) throw new SnapshotError('corrupt snapshot: "queue.tasks" must be a list');
  const seen = new Set<number>();
  tasks.forEach((task: unknown, i) => {
    const where = `queue.tasks[${i}]`;
    if (!Array.isArray(task) || task.length !== 4) {
      throw new SnapshotError(`corrupt snapshot: "${where}" must be [at, seq, type, data]`);
    }
    const [at, seq, type] = task as SavedTask;
    expectInteger(at, `${where}[0] (at)`, true);
    if (at < now) throw new SnapshotError(`corrupt snapshot: "${where}" is due at ${at} ms, before now (${now} ms)`);
    expectInteger(seq, `${where}[1] (seq)`, true);
    if (seq >= nextSeq || seen.has(seq)) {
      throw new SnapshotError(`corrupt snapshot: "${where}" has a duplicate or out-of-range sequence ${seq}`);
    }
    seen.add(seq);
    if (typeof type !== 'string' || type === '') {
      throw new SnapshotError(`corrupt snapshot: "${where}[2] (type)" must be a task type name`);
    }
  });
}

function validateLog(value: unknown): void {
  if (!Array.isArray(value)) throw new SnapshotError('corrupt snapshot: "log" must be a list');
  let last = 0;
  value.forEach((record: unknown, i) => {
    const where = `log[${i}]`;
    const fields = expectObject(record, where);
    const t = expectInteger(fields['t'], `${where}.t`, true);
    if (t < last) throw new SnapshotError(`corrupt snapshot: "${where}.t" (${t}) is earlier than the record before it`);
    last = t;
    if (typeof fields['type'] !== 'string') throw new SnapshotError(`corrupt snapshot: "${where}.type" must be a string`);
  });
}

function expectObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SnapshotError(`corrupt snapshot: "${where}" must be an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function expectInteger(value: unknown, where: string, nonNegative: boolean): number {
  if (!Number.isSafeInteger(value) || (nonNegative && (value as number) < 0)) {
    throw new SnapshotError(
      `corrupt snapshot: "${where}" is ${describe(value)}, expected a whole${nonNegative ? ', non-negative' : ''} number`,
    );
  }
  return value as number;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Reads a snapshot from JSON text (a workspace file, a shared link) and checks it. */
export function parseSnapshot(text: string): EngineSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(`corrupt snapshot: not valid JSON (${(error as Error).message})`);
  }
  return validateSnapshot(value);
}
