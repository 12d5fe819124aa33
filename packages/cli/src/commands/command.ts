// A top-level word of the dockyard command (`docker`, `kubectl`, `advance`, ...).
import type { Session } from '../session.ts';

export interface TopCommand {
  readonly name: string;
  /** One line for `dockyard --help`. */
  readonly summary: string;
  /** Runs without a workspace: nothing is loaded or saved (`demo`). */
  readonly standalone?: boolean;
  /** Runs with the words after the command's name; resolves to the exit code. */
  run(args: string[], session: Session): Promise<number>;
}
