// @dockyard/cli's browser-safe surface: the command layer the visualizer's terminal shares.
export { runCommand } from './cli.ts';
export { CommandLineError, splitCommandLine } from './command-line.ts';
export { humanSize } from './commands/docker/formatting.ts';
export { historyRows } from './commands/docker/history.ts';
export { formatRecord } from './commands/events.ts';
export { loadScenarioFiles } from './commands/scenario.ts';
export { nodeStatus, summarizePod } from './kubectl/printers/index.ts';
export { MemoryFiles } from './memory-files.ts';
export { FAULTS, FaultError, findFault } from './scenario/faults.ts';
export { parseScenario, ScenarioError } from './scenario/scenario-file.ts';
export { POLL_INTERVAL_MS, ScenarioPlayer } from './scenario/scenario-player.ts';
export { CommandError } from './session.ts';
export { DEFAULT_CONFIG, World } from './world.ts';

export type { PodSummary } from './kubectl/printers/index.ts';
export type { FaultDefinition } from './scenario/faults.ts';
export type { CommandOutput } from './scenario/output-checks.ts';
export type { Scenario, ScenarioExpectation, ScenarioFault, ScenarioStep } from './scenario/scenario-file.ts';
export type { ExpectationResult, PlayerOptions, PlayerState, StepEvent } from './scenario/scenario-player.ts';
export type { HostFiles, Session } from './session.ts';
export type { ClockMode, SavedWorld, WorldConfig } from './world.ts';
