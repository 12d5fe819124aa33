// One kubectl command (`get`, `rollout status`, `create deployment`): its words, its flags, the
// pieces of its `--help` page and what it does. The tree of them is kubectl-command.ts's.

import type { Client } from './client.ts';
import type { Flags, FlagSpec } from './flags.ts';

export interface KubectlCommand {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** One line, for the parent's list of commands. */
  readonly summary: string;
  /** The opening paragraphs of `--help` (kubectl's Long). */
  readonly description?: string;
  /** `# what it does` / `kubectl ...` pairs for the Examples section. */
  readonly examples?: readonly (readonly [comment: string, command: string])[];
  /** The usage line from the command's own name on (`scale --replicas=COUNT (-f FILENAME | TYPE NAME)`); ` [options]` is added. */
  readonly usage?: string;
  readonly flags?: readonly FlagSpec[];
  readonly subcommands?: readonly KubectlCommand[];
  /**
   * A command with subcommands and no run of its own prints its help when called without one,
   * with exit code 1: on stdout (`rollout`) or stderr (`set`, `config`, `top`).
   */
  readonly helpStream?: 'stdout' | 'stderr';
  /** Runs the command with its parsed flags; resolves to the exit code. */
  run?(client: Client, flags: Flags): Promise<number>;
}
