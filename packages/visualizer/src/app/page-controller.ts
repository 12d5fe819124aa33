// The page's state outside the world itself: which scenario and seed are open, the time machine
// playing it, the clock driver, the view and selection, and the link that carries them. The
// components render from here and call its methods; it tells them when to render again.

import type { Scenario, World } from '@dockyard/cli';
import { formatDuration } from '@dockyard/runtime';
import { openExampleScenario } from '../scenarios/catalog.ts';
import { ClockDriver, type FrameSource } from '../time/clock-driver.ts';
import { TimeMachine, type TimeMachineOptions } from '../time/time-machine.ts';
import { formatUrlState, parseUrlState, type UrlState } from '../url/url-state.ts';

/** While playing, the link is rewritten this often (in frames), not on every frame. */
const URL_EVERY_FRAMES = 30;

export interface PageEnvironment {
  frames: FrameSource;
  /** Reads and writes the link's hash (window.location and history in the page). */
  readHash(): string;
  writeHash(hash: string): void;
  /** Passed to every TimeMachine the page builds (see TimeMachineOptions.setup). */
  setupWorld?: (world: World) => void;
  /** What the page plays when the link names no example: by default the empty cluster of the default size. */
  emptyCluster?: Scenario;
}

export class PageController {
  machine: TimeMachine;
  readonly driver: ClockDriver;
  /** The open example's id; undefined for the empty cluster. */
  scenarioId: string | undefined;
  view: string | undefined;
  selection: string | undefined;
  /** What the view shows in detail (ViewProps.pick); in the link, cleared when the view changes. */
  pick: string | undefined;
  /** A problem to show above everything (a broken scenario, a failed command); cleared by the next success. */
  error: string | undefined;
  /** Something worth saying that is not a problem ("nothing more happens"); cleared like `error`. */
  notice: string | undefined;
  /** Bumped on every change: what views memoize on. */
  revision = 0;
  /** True until the first scenario is open and played to the link's time. */
  loading = true;
  readonly #env: PageEnvironment;
  readonly #listeners = new Set<() => void>();
  #frames = 0;
  /** The latest time asked for by the scrubber; older asks still queued are skipped. */
  #seekTarget: number | undefined;

  constructor(env: PageEnvironment) {
    this.#env = env;
    this.machine = new TimeMachine({ ...(env.setupWorld ? { setup: env.setupWorld } : {}), ...(env.emptyCluster ? { scenario: env.emptyCluster } : {}) });
    this.driver = new ClockDriver(
      { advanceBy: (ms, budgetMs) => this.machine.advanceBy(ms, budgetMs) },
      env.frames,
      () => {
        if (!this.driver.playing || ++this.#frames % URL_EVERY_FRAMES === 0) this.#writeUrl();
        this.#changed();
      },
      (error) => this.fail(error),
    );
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get seed(): number {
    return this.machine.scenario.config.seed;
  }

  /** Opens what a link describes: the scenario and seed (rebuilt when they differ), then the time. */
  async open(state: UrlState): Promise<void> {
    this.driver.pause();
    this.view = state.view;
    this.selection = state.selection;
    this.pick = state.pick;
    try {
      if (this.loading || state.scenario !== this.scenarioId || (state.seed !== undefined && state.seed !== this.seed)) {
        await this.#build(state.scenario, state.seed);
      }
      await this.machine.seek(state.t);
    } catch (error) {
      this.fail(error);
    } finally {
      this.loading = false;
      this.#writeUrl();
      this.#changed();
    }
  }

  /** Opens the link currently in the address bar. */
  openFromUrl(): Promise<void> {
    return this.open(parseUrlState(this.#env.readHash()));
  }

  async chooseScenario(id: string | undefined): Promise<void> {
    await this.open({ ...(id === undefined ? {} : { scenario: id }), t: 0, ...(this.view ? { view: this.view } : {}) });
  }

  /** Plays the same scenario with another seed up to the same time: names and tie-breaks change, not the moment. */
  async chooseSeed(seed: number): Promise<void> {
    this.driver.pause();
    const t = this.machine.now;
    await this.#guard(async () => {
      await this.#build(this.scenarioId, seed);
      await this.machine.seek(t);
    });
  }

  /** Moves to `t`; while the scrubber is dragged only the latest position is played to. */
  async seek(t: number): Promise<void> {
    this.#seekTarget = t;
    await this.#guard(async () => {
      await this.machine.idle();
      if (this.#seekTarget !== t) return;
      await this.machine.seek(t);
    });
  }

  async step(): Promise<boolean> {
    this.driver.pause();
    let moved = false;
    await this.#guard(async () => {
      moved = await this.machine.stepToNextEvent();
      if (!moved) this.notice = `Nothing more is scheduled after ${formatDuration(this.machine.now)}.`;
    });
    return moved;
  }

  async run(line: string): Promise<void> {
    await this.#guard(async () => void (await this.machine.run(line)));
  }

  /** Injects a fault now (the map's buttons), as a scenario step would; what the world refuses becomes the error shown. */
  async fault(type: string, params: Readonly<Record<string, string>>): Promise<void> {
    await this.#guard(async () => {
      const entry = await this.machine.fault(type, params);
      if (entry.failed) throw new Error(entry.text);
    });
  }

  /** Writes the editor's text to `path` in the page's files, then runs `kubectl apply -f <path>`. */
  async apply(path: string, content: string): Promise<void> {
    await this.#guard(async () => {
      await this.machine.writeFile(path, content);
      await this.machine.run(`kubectl apply -f ${quoteWord(path)}`);
    });
  }

  async save(path: string, content: string): Promise<void> {
    await this.#guard(() => this.machine.writeFile(path, content));
  }

  select(selection: string | undefined): void {
    this.selection = selection;
    this.#writeUrl();
    this.#changed();
  }

  choose(pick: string | undefined): void {
    this.pick = pick;
    this.#writeUrl();
    this.#changed();
  }

  /** Shows a view; a pick says what it shows in detail, else the pick is dropped when the view changes. */
  showView(id: string, pick?: string): void {
    if (pick !== undefined || id !== this.view) this.pick = pick;
    this.view = id;
    this.#writeUrl();
    this.#changed();
  }

  async #build(scenarioId: string | undefined, seed: number | undefined): Promise<void> {
    const options: TimeMachineOptions = {};
    if (seed !== undefined) options.seed = seed;
    if (this.#env.setupWorld) options.setup = this.#env.setupWorld;
    if (this.#env.emptyCluster) options.scenario = this.#env.emptyCluster;
    if (scenarioId !== undefined) {
      const loaded = await openExampleScenario(scenarioId);
      if (loaded === undefined) throw new Error(`There is no example scenario named "${scenarioId}".`);
      Object.assign(options, loaded);
    }
    const machine = new TimeMachine(options);
    this.machine = machine;
    this.scenarioId = scenarioId;
    this.error = undefined;
  }

  async #guard(operation: () => Promise<void>): Promise<void> {
    try {
      this.error = undefined;
      this.notice = undefined;
      await operation();
    } catch (error) {
      this.fail(error);
    } finally {
      this.#writeUrl();
      this.#changed();
    }
  }

  /** Shows a problem above everything until the next operation succeeds. */
  fail(error: unknown): void {
    this.error = error instanceof Error ? error.message : String(error);
    this.#changed();
  }

  #writeUrl(): void {
    const state: UrlState = { t: this.machine.now, seed: this.seed };
    if (this.scenarioId !== undefined) state.scenario = this.scenarioId;
    if (this.view !== undefined) state.view = this.view;
    if (this.selection !== undefined) state.selection = this.selection;
    if (this.pick !== undefined) state.pick = this.pick;
    const hash = formatUrlState(state);
    if (hash !== this.#env.readHash()) this.#env.writeHash(hash);
  }

  #changed(): void {
    this.revision++;
    for (const listener of this.#listeners) listener();
  }
}

/** A file name as one shell word: quoted when it holds anything a shell would split or expand. */
function quoteWord(word: string): string {
  return /^[\w./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
