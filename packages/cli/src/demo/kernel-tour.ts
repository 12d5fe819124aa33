// The built-in demo while only the simulation kernel exists: a container that keeps crashing,
// restarted on the kubelet's back-off (10 s doubling to 300 s), on virtual time. Halfway through,
// the engine is saved to JSON and a fresh one carries on from it; the log is the same as a run
// that never stopped. The control-plane issue replaces this with the real cluster demo.

import { Engine, type EngineComponent, formatGoDuration, formatDuration, type TaskKind } from '@dockyard/runtime';

const BACKOFF_START = 10_000; // k/k pkg/kubelet/kubelet.go initialCrashLoopBackOff
const BACKOFF_MAX = 300_000; // MaxContainerBackOff

interface CrashLoopState {
  restarts: number;
  backoff: number;
}

class CrashingContainer implements EngineComponent {
  readonly name = 'crashing-container';
  #state: CrashLoopState = { restarts: 0, backoff: 0 };
  readonly #engine: Engine;
  readonly #id: string;
  readonly #start: TaskKind<null>;
  readonly #crash: TaskKind<null>;

  constructor(engine: Engine) {
    this.#engine = engine;
    this.#id = engine.random.strings('0123456789abcdef', 12)();
    this.#start = engine.defineTask('demo.start', () => this.#onStart());
    this.#crash = engine.defineTask('demo.crash', () => this.#onCrash());
    engine.register(this);
  }

  run(): void {
    this.#engine.schedule(this.#start, 0, null);
  }

  snapshot(): unknown {
    return { ...this.#state };
  }

  restore(state: unknown): void {
    this.#state = { ...(state as CrashLoopState) };
  }

  #onStart(): void {
    const { log, random } = this.#engine;
    log.append('container.started', { container: this.#id, restarts: this.#state.restarts });
    // The app fails its start-up after a random 1-5 s.
    this.#engine.schedule(this.#crash, random.int(1000, 5000), null);
  }

  #onCrash(): void {
    const state = this.#state;
    // The first restart is immediate; later ones wait, doubling up to the cap.
    const wait = state.restarts === 0 ? 0 : state.backoff;
    state.backoff = state.restarts === 0 ? BACKOFF_START : Math.min(state.backoff * 2, BACKOFF_MAX);
    state.restarts++;
    this.#engine.log.append('container.died', { container: this.#id, exitCode: 1, backoff: formatGoDuration(wait) });
    this.#engine.schedule(this.#start, wait, null);
  }
}

function newEngine(seed: number): { engine: Engine; container: CrashingContainer } {
  const engine = new Engine({ seed });
  return { engine, container: new CrashingContainer(engine) };
}

/** Runs the tour and returns what it prints. */
export function kernelTour(seed: number): string {
  const horizon = 20 * 60_000;
  const halfway = horizon / 2;
  const { engine: straight, container } = newEngine(seed);
  container.run();
  straight.runUntil(horizon);

  const { engine: first, container: again } = newEngine(seed);
  again.run();
  first.runUntil(halfway);
  const saved = JSON.stringify(first.snapshot());
  const { engine: resumed } = newEngine(seed);
  resumed.restore(JSON.parse(saved));
  resumed.runUntil(horizon);

  const lines = [`Dockyard kernel tour (seed ${seed}): a container that crashes on start, on virtual time`, ''];
  for (const record of straight.log.records()) {
    const at = formatDuration(record.t).padStart(10);
    lines.push(
      record.type === 'container.started'
        ? `${at}  started  ${record['container']}  (restarts: ${record['restarts']})`
        : `${at}  exited   ${record['container']}  code ${record['exitCode']}, back-off ${record['backoff']}`,
    );
  }
  const same = resumed.log.toJSONL() === straight.log.toJSONL();
  lines.push(
    '',
    `Saved at ${formatDuration(halfway)} (${saved.length} bytes of JSON, ${first.pendingTasks} task pending), restored into a fresh engine and run on:`,
    `the event log is ${same ? 'byte-identical to' : 'DIFFERENT from'} the run that never stopped (${straight.log.size} records).`,
    `Run again with --seed ${seed + 1} for another container id and other crash times; the back-off stays 10s, 20s, 40s, ... 5m0s.`,
    '',
  );
  return lines.join('\n');
}
