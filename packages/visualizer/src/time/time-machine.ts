// The page's engine and its way back in time. One World runs on the engine's virtual clock; a
// scenario (if any) is played on it by the CLI's ScenarioPlayer; what the user does (commands,
// files written from the editor, faults injected from the map) is kept as inputs stamped with the
// virtual time they happened.
// Going forward runs the engine. Going back restores the nearest earlier checkpoint (an engine
// snapshot plus the player's place, the files and how many inputs had been applied) and replays
// from there: the engine is deterministic, so the replay reaches exactly the same state.
// Checkpoints come every 10 s of virtual time, or further apart when taking one costs more than a
// tenth of running the engine that long (a big cluster).
//
// Everything here is plain TypeScript with no DOM: tests drive it in Node.

import {
  type CommandOutput,
  DEFAULT_CONFIG,
  findFault,
  FaultError,
  MemoryFiles,
  type PlayerState,
  type Scenario,
  ScenarioPlayer,
  type StepEvent,
  World,
} from '@dockyard/cli';
import { cloneJson, type EngineSnapshot, FileTree, type SavedTree } from '@dockyard/runtime';
import { ClusterHistory } from '../history/cluster-history.ts';
import { runLine } from '../terminal/page-session.ts';

/** Something the user did at a virtual time; replayed at that time after every rewind. */
export type UserInput =
  | { readonly t: number; readonly kind: 'command'; readonly line: string }
  | { readonly t: number; readonly kind: 'file'; readonly path: string; readonly content: string }
  /** A scenario fault (`kill-pod`, `node-down` ...) applied through the same FaultDefinition a scenario step uses. */
  | { readonly t: number; readonly kind: 'fault'; readonly type: string; readonly params: Readonly<Record<string, string>> };

/** One entry of the terminal's transcript: a scenario step, a line the user ran with its output, or a fault the user injected. */
export type FeedEntry =
  | { readonly t: number; readonly source: 'scenario'; readonly event: StepEvent }
  | { readonly t: number; readonly source: 'user'; readonly line: string; readonly output: CommandOutput }
  /** `text` is the fault's timeline line, as `scenario run` prints it; or, when `failed`, why the world refused it. */
  | { readonly t: number; readonly source: 'fault'; readonly type: string; readonly text: string; readonly failed: boolean };

interface Checkpoint {
  readonly t: number;
  /** The engine's snapshot without its log: the log only grows, so its length is enough (see #restore). */
  readonly engine: EngineSnapshot;
  readonly logSize: number;
  readonly player: PlayerState;
  readonly files: SavedTree;
  /** How many inputs had been applied. */
  readonly applied: number;
  /** How long the feed was. */
  readonly feed: number;
}

export interface TimeMachineOptions {
  /** The scenario to play; none gives an empty cluster of the default size. */
  scenario?: Scenario;
  /** The scenario's files, loaded (see `loadScenarioFiles`); empty when not given. */
  files?: MemoryFiles;
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Virtual time between checkpoints; smaller rewinds faster and costs more memory. */
  checkpointEveryMs?: number;
  /** Past this many checkpoints every other one is dropped (the first stays). */
  maxCheckpoints?: number;
  /**
   * A wall clock in ms (default `performance.now`): checkpoints are spaced so that taking them
   * costs at most a tenth of the time spent running the engine. Only spacing depends on it, never
   * what the world does.
   */
  wallClock?: () => number;
  /**
   * Registers extra components on the new world before anything runs (the same ones every time:
   * checkpoints are restored into them). The page's tests use it to create a workload at time 0.
   */
  setup?: (world: World) => void;
}

/** How far `stepToNextEvent` runs looking for something to happen before it gives up. */
const STEP_HORIZON_MS = 24 * 3600_000;

const MAX_SILENT_STEPS = 1_000_000;

export const DEFAULT_CHECKPOINT_EVERY_MS = 10_000;
const DEFAULT_MAX_CHECKPOINTS = 500;
/**
 * Checkpoints take at most this share of the engine's running time. A snapshot of 1,000 pods on
 * 50 nodes costs ~0.1 s, as much as running it for 10 s of virtual time: taken every 10 s it
 * halved the frame rate. A rewind then replays at most ten checkpoints' cost of running.
 */
const CHECKPOINT_SHARE = 0.1;

export class TimeMachine {
  readonly scenario: Scenario;
  readonly world: World;
  /** What the world's past held that the engine does not keep (container states, usage, scheduling decisions, rollout counts): the "why" panels read it. */
  readonly history: ClusterHistory;
  readonly #checkpointEvery: number;
  readonly #maxCheckpoints: number;
  readonly #wallClock: () => number;
  /** Wall ms the last checkpoint took, and spent running the engine since. */
  #checkpointCost = 0;
  #runCost = 0;
  #files: MemoryFiles;
  #player: ScenarioPlayer;
  #inputs: UserInput[] = [];
  #applied = 0;
  #feed: FeedEntry[] = [];
  #checkpoints: Checkpoint[] = [];
  /** Times of log records seen on this branch of history, ascending and unique; they survive a rewind. */
  #marks: number[] = [];
  #marked = 0;
  /** Operations run one at a time, in the order they were asked for. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: TimeMachineOptions = {}) {
    const base = options.scenario ?? emptyScenario();
    this.scenario = options.seed === undefined ? base : { ...base, config: { ...base.config, seed: options.seed } };
    this.#checkpointEvery = options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS;
    this.#maxCheckpoints = options.maxCheckpoints ?? DEFAULT_MAX_CHECKPOINTS;
    this.#wallClock = options.wallClock ?? (() => performance.now());
    this.world = World.create(this.scenario.config);
    this.history = new ClusterHistory(this.world);
    options.setup?.(this.world);
    this.#files = options.files ?? new MemoryFiles();
    this.#player = this.#newPlayer();
    this.#takeCheckpoint();
  }

  /** The virtual time the world is at. */
  get now(): number {
    return this.world.engine.now;
  }

  /** The user's files (the scenario's, and what the editor wrote) at the current time. */
  get files(): MemoryFiles {
    return this.#files;
  }

  get player(): ScenarioPlayer {
    return this.#player;
  }

  /** Everything the user did on this branch of history, applied or still to replay. */
  get inputs(): readonly UserInput[] {
    return this.#inputs;
  }

  /** The terminal's transcript up to the current time. */
  get feed(): readonly FeedEntry[] {
    return this.#feed;
  }

  /** Times of the events seen so far on this branch (also those ahead of a rewound clock). */
  get marks(): readonly number[] {
    return this.#marks;
  }

  get checkpointTimes(): number[] {
    return this.#checkpoints.map((c) => c.t);
  }

  /** The furthest time known to matter: the scenario's end, the last input, the last mark, now. */
  get horizon(): number {
    return Math.max(this.now, this.scenario.duration, this.#inputs.at(-1)?.t ?? 0, this.#marks.at(-1) ?? 0);
  }

  /** Moves to virtual time `t`: forward by running the engine, back by restoring and replaying. */
  seek(t: number): Promise<void> {
    const target = Math.max(0, Math.floor(t));
    return this.#exclusive(async () => {
      if (target < this.now) this.#restore(target);
      await this.#forward(target);
    });
  }

  /**
   * Moves virtual time on by `ms` from wherever it is when this runs (the clock driver's frames).
   * With a budget, it stops at the first moment between tasks after `budgetMs` of wall time, so a
   * burst of work (50 pods replaced at once) spreads over frames instead of stalling one; it
   * resolves to the virtual ms it moved, and the world is exactly the engine's state at that time.
   */
  advanceBy(ms: number, budgetMs = Infinity): Promise<number> {
    return this.#exclusive(async () => {
      const from = this.now;
      await this.#forward(from + Math.max(0, Math.floor(ms)), this.#wallClock() + budgetMs);
      return this.now - from;
    });
  }

  /**
   * Runs on to the next moment something happens (a log record, a scenario step or a replayed
   * input); false when nothing is left to happen within a day of virtual time.
   */
  stepToNextEvent(): Promise<boolean> {
    return this.#exclusive(async () => {
      const limit = this.now + STEP_HORIZON_MS;
      const records = this.world.engine.log.size;
      const feed = this.#feed.length;
      // Tasks that change nothing visible are run through; the count guards against a component
      // that keeps rescheduling itself at the same instant.
      for (let i = 0; i < MAX_SILENT_STEPS; i++) {
        const next = this.#nextHappening();
        if (next === undefined || next > limit) return false;
        await this.#forward(next);
        if (this.world.engine.log.size !== records || this.#feed.length !== feed) return true;
      }
      return false;
    });
  }

  /** Runs a line typed by the user now; what comes after now on this branch is dropped. */
  run(line: string): Promise<CommandOutput> {
    return this.#exclusive(async () => {
      const entry = await this.#record({ t: this.now, kind: 'command', line });
      return entry?.source === 'user' ? entry.output : { stdout: '', stderr: '', exitCode: 0 };
    });
  }

  /**
   * Injects a fault now, as a scenario step `fault: {type, ...params}` would; like a command, it
   * is replayed at its time after a rewind and drops what came after now on this branch. An
   * unknown type or bad parameter is refused (a FaultError) and nothing is recorded; what the
   * world refuses (a container not running) is recorded, and the feed entry says why.
   */
  fault(type: string, params: Readonly<Record<string, string>> = {}): Promise<Extract<FeedEntry, { source: 'fault' }>> {
    return this.#exclusive(async () => {
      const definition = findFault(type);
      if (definition === undefined) throw new FaultError('type', `unknown fault ${JSON.stringify(type)}`);
      definition.check(params);
      const entry = await this.#record({ t: this.now, kind: 'fault', type, params: { ...params } });
      return entry as Extract<FeedEntry, { source: 'fault' }>;
    });
  }

  /** Writes a file (from the editor) now. */
  writeFile(path: string, content: string): Promise<void> {
    return this.#exclusive(async () => {
      await this.#record({ t: this.now, kind: 'file', path, content });
    });
  }

  /** Resolves once every operation asked for so far has finished. */
  idle(): Promise<void> {
    return this.#exclusive(async () => undefined);
  }

  #exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(operation);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** The earliest time after now at which a task, a scenario step or an input is due. */
  #nextHappening(): number | undefined {
    const times = [this.world.engine.nextTaskTime, this.#player.pendingSteps[0]?.at, this.#inputs[this.#applied]?.t].filter(
      (t): t is number => t !== undefined,
    );
    return times.length === 0 ? undefined : Math.max(this.now, Math.min(...times));
  }

  /** Runs to `target`, or (past `deadline` on the wall clock) to the first moment between tasks. */
  async #forward(target: number, deadline = Infinity): Promise<void> {
    for (;;) {
      let input = this.#inputs[this.#applied];
      while (input !== undefined && input.t <= this.now) {
        await this.#apply(input);
        input = this.#inputs[this.#applied];
      }
      // The engine stops where a checkpoint may be due; one put off for its cost is looked at again a period later.
      const due = this.#checkpoints.at(-1)!.t + this.#checkpointEvery;
      const nextCheckpoint = due > this.now ? due : this.now + this.#checkpointEvery;
      // On a budget the engine runs one moment (every task due at the same time) at a time.
      const moment = deadline === Infinity ? Infinity : (this.world.engine.nextTaskTime ?? Infinity);
      const started = this.#wallClock();
      await this.#player.advanceTo(Math.min(target, input?.t ?? Infinity, nextCheckpoint, Math.max(moment, this.now)));
      const finished = this.#wallClock();
      this.#runCost += finished - started;
      this.#afterRunning();
      const pending = this.#inputs[this.#applied];
      if (pending === undefined || pending.t > this.now) {
        if (this.now >= target || finished >= deadline) return;
      }
    }
  }

  async #apply(input: UserInput): Promise<FeedEntry | undefined> {
    this.#applied++;
    let entry: FeedEntry | undefined;
    if (input.kind === 'file') {
      this.#files.writeFile(input.path, input.content);
    } else if (input.kind === 'fault') {
      entry = { t: input.t, source: 'fault', type: input.type, ...applyFault(this.world, input.type, input.params) };
    } else {
      entry = { t: input.t, source: 'user', line: input.line, output: await runLine(this.world, this.#files, input.line) };
    }
    if (entry !== undefined) this.#feed.push(entry);
    this.#afterRunning();
    return entry;
  }

  /** Collects new event marks and takes a checkpoint when one is due. */
  #afterRunning(): void {
    const records = this.world.engine.log.records(this.#marked);
    for (const { t } of records) if (t > (this.#marks.at(-1) ?? -1)) this.#marks.push(t);
    this.#marked = this.world.engine.log.size;
    if (this.now >= this.#checkpoints.at(-1)!.t + this.#checkpointEvery && this.#runCost * CHECKPOINT_SHARE >= this.#checkpointCost) {
      this.#takeCheckpoint();
      if (this.#checkpoints.length > this.#maxCheckpoints) this.#checkpoints = this.#checkpoints.filter((_, i) => i % 2 === 0);
    }
  }

  /** A new input at now starts a new branch: later inputs, checkpoints and marks belonged to another future. */
  #record(input: UserInput): Promise<FeedEntry | undefined> {
    this.#inputs.length = this.#applied;
    this.#checkpoints = this.#checkpoints.filter((c) => c.t <= this.now && c.applied <= this.#applied);
    this.#marks = this.#marks.filter((t) => t <= this.now);
    this.#inputs.push(input);
    return this.#apply(input);
  }

  #takeCheckpoint(): void {
    const started = this.#wallClock();
    this.#checkpoints.push(this.#checkpoint());
    this.#checkpointCost = this.#wallClock() - started;
    this.#runCost = 0;
  }

  #checkpoint(): Checkpoint {
    const snapshot = this.world.engine.snapshot();
    return {
      t: this.now,
      // Components may hand out live state, so theirs is copied; frozen parts (the API store's
      // objects, unchanged file trees) are shared.
      engine: { ...snapshot, log: [], queue: cloneJson(snapshot.queue), components: cloneJson(snapshot.components) },
      logSize: snapshot.log.length,
      player: this.#player.save(),
      files: this.#files.tree.save(),
      applied: this.#applied,
      feed: this.#feed.length,
    };
  }

  /** Goes back to the latest checkpoint at or before `t`. */
  #restore(t: number): void {
    let checkpoint = this.#checkpoints[0]!;
    for (const c of this.#checkpoints) if (c.t <= t) checkpoint = c;
    const { engine } = checkpoint;
    // Going back only ever restores a checkpoint taken earlier on this branch of history, so the
    // log then was the first `logSize` records of the log now (records are immutable, shared).
    const records = this.world.engine.log.records();
    if (records.length < checkpoint.logSize) throw new Error(`internal error: the log is shorter than at the checkpoint at ${checkpoint.t} ms`);
    this.world.engine.restore({
      ...engine,
      log: records.slice(0, checkpoint.logSize),
      queue: cloneJson(engine.queue),
      components: cloneJson(engine.components),
    });
    this.#files = new MemoryFiles(FileTree.load(checkpoint.files), this.#files.cwd);
    this.#player = this.#newPlayer();
    this.#player.restore(checkpoint.player);
    this.#applied = checkpoint.applied;
    this.#feed.length = checkpoint.feed;
    this.#marked = this.world.engine.log.size;
    this.#runCost = 0;
  }

  #newPlayer(): ScenarioPlayer {
    return new ScenarioPlayer(this.scenario, {
      world: this.world,
      files: this.#files,
      onStep: (event) => this.#feed.push({ t: event.time, source: 'scenario', event }),
    });
  }
}

/** Applies a fault to the world now: its timeline line, or why the world refused it. */
function applyFault(world: World, type: string, params: Readonly<Record<string, string>>): { text: string; failed: boolean } {
  try {
    const definition = findFault(type);
    if (definition === undefined) throw new FaultError('type', `unknown fault ${JSON.stringify(type)}`);
    return { text: definition.apply(world, params), failed: false };
  } catch (error) {
    if (error instanceof Error) return { text: `${type}: ${error.message}`, failed: true };
    throw error;
  }
}

/** An empty cluster of the default size, with nothing scheduled: the page's free play. */
export function emptyScenario(): Scenario {
  return { name: 'empty cluster', config: { ...DEFAULT_CONFIG, clock: 'manual' }, files: {}, steps: [], expect: [], duration: 0 };
}
