// Plays a scenario on a world a piece at a time: `advanceTo(t)` runs the steps, faults and
// expectation checks that fall due up to virtual time t, then leaves the clock at t. The Node
// runner plays it to the end in one go; the browser page plays it frame by frame and rewinds it
// from saved states. Both reach the same checkpoints at the same virtual times, whatever the
// pieces, so the same scenario and seed give the same event log in both.

import { formatDuration, resolvePath } from '@dockyard/runtime';
import { runCommand } from '../cli.ts';
import { splitCommandLine } from '../command-line.ts';
import type { HostFiles, Session } from '../session.ts';
import type { World } from '../world.ts';
import { FaultError, findFault, FAULTS } from './faults.ts';
import { type CommandOutput, checkOutput } from './output-checks.ts';
import { type Scenario, type ScenarioExpectation, ScenarioError, type ScenarioStep } from './scenario-file.ts';

/** How often `within` and `always` expectations are checked, in virtual time. */
export const POLL_INTERVAL_MS = 1000;

/** How much virtual time past the scenario's end a following command (`get -w`) may use. */
const FOLLOW_GRACE_MS = 10 * 60_000;

export interface ExpectationResult {
  expectation: ScenarioExpectation;
  passed: boolean;
  /** When it was decided. */
  time: number;
  /** Why it failed. */
  reason?: string;
}

/** A step the player ran: a command with what it printed, or a fault with its timeline line. */
export type StepEvent =
  | { time: number; step: ScenarioStep; kind: 'run'; line: string; output: CommandOutput }
  | { time: number; step: ScenarioStep; kind: 'fault'; text: string }
  | { time: number; step: ScenarioStep; kind: 'write'; text: string };

export interface PlayerOptions {
  /** A world built from `scenario.config`. */
  world: World;
  /** The scenario's files, already loaded. */
  files: HostFiles;
  /** Called after each step runs. */
  onStep?(event: StepEvent): void;
}

/** Where a player is, as plain JSON: what `save` returns and `restore` takes back. */
export interface PlayerState {
  /** Index of the next step to run (steps in time order). */
  next: number;
  /** Indexes into `scenario.expect` still undecided. */
  open: number[];
  results: { index: number; passed: boolean; time: number; reason?: string }[];
  /** The next checkpoint's virtual time; null once the scenario is over. */
  wake: number | null;
}

export class ScenarioPlayer {
  readonly scenario: Scenario;
  readonly #options: PlayerOptions;
  /** Steps in time order; equal times keep the file's order. */
  readonly #steps: ScenarioStep[];
  #next = 0;
  #open: Set<ScenarioExpectation>;
  #results: ExpectationResult[] = [];
  #wake: number | undefined = 0;

  constructor(scenario: Scenario, options: PlayerOptions) {
    for (const step of scenario.steps) {
      if (step.fault && !findFault(step.fault.type)) {
        const known = FAULTS.map((f) => f.type).join(', ') || 'none yet';
        throw new ScenarioError(`line ${step.line}: unknown fault type ${JSON.stringify(step.fault.type)} (known: ${known})`);
      }
    }
    this.scenario = scenario;
    this.#options = options;
    this.#steps = [...scenario.steps].sort((a, b) => a.at - b.at);
    this.#open = new Set(scenario.expect);
    // The scenario's private registries exist from the start (a restored world has them already).
    for (const [host, registry] of Object.entries(scenario.registries ?? {})) options.world.images.registries.create(host, registry);
  }

  get world(): World {
    return this.#options.world;
  }

  /** The virtual time of the next checkpoint (a step, a check or the end); undefined once over. */
  get wake(): number | undefined {
    return this.#wake;
  }

  /** Steps still to run, in time order. */
  get pendingSteps(): readonly ScenarioStep[] {
    return this.#steps.slice(this.#next);
  }

  /** Expectations decided so far, in the order they were decided. */
  get results(): readonly ExpectationResult[] {
    return this.#results;
  }

  /** Runs every checkpoint due up to `limit`, then moves the clock on to `limit` (or stays later, if a command waited past it). */
  async advanceTo(limit: number): Promise<void> {
    const { engine } = this.world;
    while (this.#wake !== undefined && this.#wake <= limit) {
      engine.runUntil(Math.max(this.#wake, engine.now));
      await this.#checkpoint();
    }
    if (limit >= engine.now) engine.runUntil(limit);
  }

  /** Ends the run: expectations still open (those that held `always`) pass; results in the file's order. */
  finish(): ExpectationResult[] {
    for (const expectation of this.#open) this.#decide(expectation, true);
    const order = this.scenario.expect;
    return [...this.#results].sort((a, b) => order.indexOf(a.expectation) - order.indexOf(b.expectation));
  }

  save(): PlayerState {
    const order = this.scenario.expect;
    return {
      next: this.#next,
      open: [...this.#open].map((e) => order.indexOf(e)),
      results: this.#results.map(({ expectation, ...rest }) => ({ index: order.indexOf(expectation), ...rest })),
      wake: this.#wake ?? null,
    };
  }

  restore(state: PlayerState): void {
    const order = this.scenario.expect;
    this.#next = state.next;
    this.#open = new Set(state.open.map((i) => order[i]!));
    this.#results = state.results.map(({ index, ...rest }) => ({ expectation: order[index]!, ...rest }));
    this.#wake = state.wake ?? undefined;
  }

  /** Runs a command line against the scenario's world, collecting what it prints. */
  async exec(line: string, stdin?: string): Promise<CommandOutput> {
    const { world, files } = this.#options;
    const output = { stdout: '', stderr: '', exitCode: 0 };
    const session: Session = {
      world,
      files,
      env: {},
      ...(stdin === undefined ? {} : { stdin }),
      stdout: (text) => void (output.stdout += text),
      stderr: (text) => void (output.stderr += text),
      wait: async (ms) => {
        world.advance(ms);
        return world.engine.now <= this.scenario.duration + FOLLOW_GRACE_MS;
      },
      readLine: async () => null,
    };
    const words = splitCommandLine(line);
    output.exitCode = await runCommand(words[0] === 'dockyard' ? words.slice(1) : words, session);
    return output;
  }

  /** Checks what is due, runs the steps that are due (checking after each), and plans the next checkpoint. */
  async #checkpoint(): Promise<void> {
    const { engine } = this.world;
    await this.#checkDue();
    while (this.#next < this.#steps.length && this.#steps[this.#next]!.at <= engine.now) {
      const step = this.#steps[this.#next++]!;
      const time = engine.now;
      if (step.run !== undefined) {
        const output = await this.exec(step.run, step.stdin);
        this.#options.onStep?.({ time, step, kind: 'run', line: step.run, output });
      } else if (step.write !== undefined) {
        const { files } = this.#options;
        const path = resolvePath(files.cwd, step.write.path);
        files.mkdir(path.replace(/\/[^/]*$/, '') || '/', { recursive: true });
        files.writeFile(path, step.write.content);
        this.#options.onStep?.({ time, step, kind: 'write', text: `wrote ${step.write.path} (${new TextEncoder().encode(step.write.content).length} bytes)` });
      } else {
        const text = applyFault(this.world, step);
        this.#options.onStep?.({ time, step, kind: 'fault', text });
      }
      await this.#checkDue();
    }
    this.#wake = this.#plan();
  }

  async #checkDue(): Promise<void> {
    const now = this.world.engine.now;
    for (const expectation of [...this.#open]) {
      if (expectation.at !== undefined && expectation.at <= now) {
        const reason = await this.#evaluate(expectation);
        this.#decide(expectation, reason === undefined, reason);
      } else if (expectation.within !== undefined) {
        const reason = await this.#evaluate(expectation);
        if (reason === undefined) this.#decide(expectation, true);
        else if (now >= expectation.within) this.#decide(expectation, false, `not by ${formatDuration(expectation.within)}: ${reason}`);
      } else if (expectation.always) {
        const reason = await this.#evaluate(expectation);
        if (reason !== undefined) this.#decide(expectation, false, `at ${formatDuration(now)}: ${reason}`);
      }
    }
  }

  /** The next checkpoint after now, or undefined when the scenario is over. */
  #plan(): number | undefined {
    const now = this.world.engine.now;
    const pending = [...this.#open];
    if (this.#next >= this.#steps.length && pending.every((e) => e.always) && now >= this.scenario.duration) return undefined;
    const polling = pending.some((e) => e.within !== undefined || e.always);
    const candidates = [
      this.#steps[this.#next]?.at,
      ...pending.map((e) => e.at),
      polling ? now + POLL_INTERVAL_MS : undefined,
      now < this.scenario.duration ? this.scenario.duration : undefined,
    ].filter((t): t is number => t !== undefined && t > now);
    return candidates.length === 0 ? undefined : Math.min(...candidates);
  }

  async #evaluate(expectation: ScenarioExpectation): Promise<string | undefined> {
    return checkOutput(expectation, await this.exec(expectation.run));
  }

  #decide(expectation: ScenarioExpectation, passed: boolean, reason?: string): void {
    this.#open.delete(expectation);
    this.#results.push({ expectation, passed, time: this.world.engine.now, ...(reason === undefined ? {} : { reason }) });
  }
}

/** Injects a step's fault; a parameter the world refuses (no such node) stops the run at the step's line and field. */
function applyFault(world: World, step: ScenarioStep): string {
  const { type, params, path, lines } = step.fault!;
  try {
    return findFault(type)!.apply(world, params);
  } catch (error) {
    if (!(error instanceof FaultError)) throw error;
    throw new ScenarioError(`line ${lines[error.field] ?? step.line}: ${path}${error.field === '' ? ': ' : '.'}${error.message}`);
  }
}
