// One `docker <verb>` (run, ps, build, ...). Each lives in its own file beside this one and is
// listed in docker-command.ts.
import type { Session } from '../../session.ts';

export interface DockerVerb {
  readonly name: string;
  /** Other names docker accepts (`container ls` for `ps`, `image ls` for `images`). */
  readonly aliases?: readonly string[];
  /** One line for `docker --help`. */
  readonly summary: string;
  run(args: string[], session: Session): Promise<number>;
}
