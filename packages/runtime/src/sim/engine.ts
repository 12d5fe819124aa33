// The engine: one virtual clock, one timed-task queue, one seeded random generator, one event log
// and the bus they publish on. Components (a host, a kubelet, a controller) register with it, define
// the kinds of task they schedule, and hand over their state for snapshots.
//
// Running is single-threaded and ordered: tasks run one at a time in (time, sequence) order, and
// the clock jumps straight to the next task's time. Nothing here knows about Node or the browser.

import EventEmitter from 'eventemitter3';
import { VirtualClock } from './clock.ts';
import { type EngineEvents, EventLog } from './event-log.ts';
import { SeededRandom } from './random.ts';
import { type EngineSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotError, validateSnapshot } from './snapshot.ts';
import { type TaskId, TaskQueue } from './task-queue.ts';

/** A kind of timed task: its type name plus, for the type checker, the data it carries. */
export interface TaskKind<T> {
  readonly type: string;
  /** Phantom field: never set, it only ties `schedule`'s data to the handler's. */
  readonly dataType?: T;
}

/** Something whose state belongs in the engine's snapshots. */
export interface EngineComponent {
  /** Unique within an engine; the key of its state in a snapshot. */
  readonly name: string;
  /** Its state as plain JSON. */
  snapshot(): unknown;
  /** Takes back what `snapshot` returned (possibly from another process). */
  restore(state: unknown): void;
}

export interface EngineOptions {
  seed: number;
}

export class Engine {
  readonly seed: number;
  readonly bus = new EventEmitter<EngineEvents>();
  readonly log: EventLog;
  #clock = new VirtualClock();
  readonly #queue = new TaskQueue();
  #random: SeededRandom;
  readonly #handlers = new Map<string, (data: unknown) => void>();
  readonly #components = new Map<string, EngineComponent>();

  constructor(options: EngineOptions) {
    this.seed = options.seed;
    this.#random = new SeededRandom(options.seed);
    this.log = new EventLog(() => this.#clock.now, this.bus);
  }

  /** The virtual time in milliseconds. */
  get now(): number {
    return this.#clock.now;
  }

  get random(): SeededRandom {
    return this.#random;
  }

  /** Number of tasks waiting to run. */
  get pendingTasks(): number {
    return this.#queue.size;
  }

  /** Time of the next task due, or undefined when nothing is scheduled. */
  get nextTaskTime(): number | undefined {
    return this.#queue.peekTime();
  }

  /** Declares a kind of task and the code that runs it; each type name is defined once per engine. */
  defineTask<T>(type: string, run: (data: T) => void): TaskKind<T> {
    if (this.#handlers.has(type)) throw new Error(`task type "${type}" is already defined`);
    this.#handlers.set(type, run as (data: unknown) => void);
    return { type };
  }

  /** Runs `kind` with `data` after `delay` ms of virtual time. `data` must be plain JSON. */
  schedule<T>(kind: TaskKind<T>, delay: number, data: T): TaskId {
    if (!(delay >= 0)) throw new RangeError(`a task cannot be scheduled ${delay} ms in the past`);
    return this.scheduleAt(kind, this.#clock.now + delay, data);
  }

  /** Runs `kind` with `data` at virtual time `at` (not before now). */
  scheduleAt<T>(kind: TaskKind<T>, at: number, data: T): TaskId {
    if (!Number.isSafeInteger(at) || at < this.#clock.now) {
      throw new RangeError(`a task cannot be scheduled at ${at} ms (now ${this.#clock.now} ms)`);
    }
    return this.#queue.push(at, kind.type, data);
  }

  /** Cancels a pending task; false if it already ran or was cancelled. */
  cancel(id: TaskId): boolean {
    return this.#queue.cancel(id);
  }

  isPending(id: TaskId): boolean {
    return this.#queue.isPending(id);
  }

  register(component: EngineComponent): void {
    if (this.#components.has(component.name)) {
      throw new Error(`a component named "${component.name}" is already registered`);
    }
    this.#components.set(component.name, component);
  }

  /** Runs the next task, moving the clock to its time; false when the queue is empty. */
  step(): boolean {
    const task = this.#queue.pop();
    if (task === undefined) return false;
    this.#clock.advanceTo(task.at);
    const run = this.#handlers.get(task.type);
    if (run === undefined) throw new Error(`no handler is defined for task type "${task.type}"`);
    run(task.data);
    return true;
  }

  /** Runs every task due up to and including `time`, then leaves the clock at `time`. */
  runUntil(time: number): void {
    for (;;) {
      const next = this.#queue.peekTime();
      if (next === undefined || next > time) break;
      this.step();
    }
    this.#clock.advanceTo(time);
    this.bus.emit('time', time);
  }

  /** Moves virtual time on by `duration` ms, running what falls due. */
  runFor(duration: number): void {
    this.runUntil(this.#clock.now + duration);
  }

  /**
   * Runs until no task is left, or until `maxTasks` have run (a guard against components that
   * reschedule forever); returns how many ran.
   */
  runUntilIdle(maxTasks = 1_000_000): number {
    let ran = 0;
    while (ran < maxTasks && this.step()) ran++;
    this.bus.emit('time', this.#clock.now);
    return ran;
  }

  snapshot(): EngineSnapshot {
    const components: Record<string, unknown> = {};
    for (const [name, component] of this.#components) components[name] = component.snapshot();
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      seed: this.seed,
      now: this.#clock.now,
      random: this.#random.getState(),
      queue: this.#queue.save(),
      log: [...this.log.records()],
      components,
    };
  }

  /**
   * Loads a snapshot into this engine, which must have the same components registered and task
   * types defined as the one that took it (fresh from the same setup code). A snapshot that fails
   * its checks, or that a component refuses, leaves the engine as it was.
   */
  restore(value: unknown): void {
    const snap = validateSnapshot(value);
    if (snap.seed !== this.seed) {
      throw new SnapshotError(`snapshot was taken with seed ${snap.seed}, this engine has seed ${this.seed}`);
    }
    for (const [, seq, type] of snap.queue.tasks) {
      if (!this.#handlers.has(type)) throw new SnapshotError(`snapshot task ${seq} has unknown type "${type}"`);
    }
    const saved = new Set(Object.keys(snap.components));
    for (const name of this.#components.keys()) {
      if (!saved.delete(name)) throw new SnapshotError(`snapshot holds no state for component "${name}"`);
    }
    for (const name of saved) throw new SnapshotError(`snapshot holds state for unknown component "${name}"`);
    const before = this.snapshot();
    try {
      this.#load(snap);
    } catch (error) {
      this.#load(before);
      throw error;
    }
  }

  #load(snap: EngineSnapshot): void {
    // The one time time may move back: the engine becomes the one that was saved, so it gets a new clock.
    this.#clock = new VirtualClock(snap.now);
    this.#random.setState(snap.random);
    this.#queue.load(snap.queue);
    this.log.load(snap.log);
    for (const [name, component] of this.#components) component.restore(snap.components[name]);
  }
}
