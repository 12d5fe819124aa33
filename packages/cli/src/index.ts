// @dockyard/cli's browser-safe surface: the command layer the visualizer's terminal shares.
export { runCommand } from './cli.ts';
export { CommandError } from './session.ts';
export { DEFAULT_CONFIG, World } from './world.ts';

export type { HostFiles, Session } from './session.ts';
export type { ClockMode, SavedWorld, WorldConfig } from './world.ts';
