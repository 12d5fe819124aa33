// The helm verbs as pure, browser-safe functions for the CLI to wire into `dockyard helm ...`.

export { helmCreate } from './create-command.ts';
export { helmLint } from './lint-command.ts';
export { helmPackage } from './package-command.ts';
export { helmTemplate } from './template-command.ts';

export type { CommandResult } from './command-output.ts';
export type { CreateResult } from './create-command.ts';
export type { PackageResult } from './package-command.ts';
export type { HelmEnvironment } from './template-command.ts';
