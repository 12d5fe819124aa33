// The helm verbs as pure, browser-safe functions for the CLI to wire into `dockyard helm ...`.

export { helmCreate } from './create-command.ts';
export { helmGet } from './get-command.ts';
export { helmHistory } from './history-command.ts';
export { helmInstall } from './install-command.ts';
export { helmLint } from './lint-command.ts';
export { helmList } from './list-command.ts';
export { helmPackage } from './package-command.ts';
export { helmRollback } from './rollback-command.ts';
export { helmStatus } from './status-command.ts';
export { helmTemplate } from './template-command.ts';
export { helmTest } from './test-command.ts';
export { helmUninstall } from './uninstall-command.ts';
export { helmUpgrade } from './upgrade-command.ts';

export type { CommandResult } from './command-output.ts';
export type { CreateResult } from './create-command.ts';
export type { PackageResult } from './package-command.ts';
export type { HelmEnvironment } from './template-command.ts';
export type { HelmReleaseEnvironment } from './release-options.ts';
