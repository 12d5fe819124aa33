// `docker inspect` of containers: the Engine API's JSON, or a --format template per object.
// Images are inspected by the images module; `inspectContainers` is kept on its own so that
// both can share this verb.

import { DockerError } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';
import type { DockerVerb } from './docker-verb.ts';
import { parseFlags } from './flags.ts';
import { renderTemplate, TemplateError } from './go-template.ts';

/** The inspect JSON of each container found; refs that are not containers are returned as missing. */
export function inspectContainers(session: Session, refs: readonly string[]): { found: Record<string, unknown>[]; missing: string[] } {
  const found: Record<string, unknown>[] = [];
  const missing: string[] = [];
  for (const ref of refs) {
    try {
      found.push(session.world.docker.inspect(ref));
    } catch (error) {
      if (!(error instanceof DockerError)) throw error;
      missing.push(ref);
    }
  }
  return { found, missing };
}

/** Docker's JSON: four-space indentation, no HTML escaping needed for our values. */
export function dockerJson(value: unknown): string {
  return JSON.stringify(value, null, 4);
}

export const inspectVerb: DockerVerb = {
  name: 'inspect',
  summary: 'Return low-level information on Docker objects',
  async run(args, session) {
    const flags = parseFlags('inspect', args, [
      { name: 'format', short: 'f', kind: 'string' },
      { name: 'type', kind: 'string' },
      { name: 'size', short: 's', kind: 'bool' },
    ]);
    if (flags.positional.length === 0) throw new CommandError("docker: 'docker inspect' requires at least 1 argument\n\nUsage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]\n\nSee 'docker inspect --help' for more information", 1);
    const type = flags.strings.get('type');
    const { found, missing } = type === undefined || type === 'container' ? inspectContainers(session, flags.positional) : { found: [], missing: flags.positional };
    const format = flags.strings.get('format');
    if (format !== undefined) {
      for (const object of found) {
        try {
          session.stdout(renderTemplate(format, object) + '\n');
        } catch (error) {
          if (error instanceof TemplateError) throw new CommandError(`template: :1:2: executing "" at <${format}>: ${error.message}`, 1);
          throw error;
        }
      }
    } else {
      session.stdout(found.length === 0 ? '[]\n' : dockerJson(found) + '\n');
    }
    if (missing.length > 0) throw new CommandError(missing.map((m) => `Error: No such object: ${m}`).join('\n'), 1);
    return 0;
  },
};
