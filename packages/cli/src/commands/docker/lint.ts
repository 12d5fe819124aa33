// `dockyard docker lint [FILE]` and `docker build --check`: the Dockerfile linter's findings in
// the style of BuildKit's checks, each with the rule, the line, the excerpt and a one-line fix.

import { BuildError, lintDockerfile } from '@dockyard/runtime';
import { CommandError, type Session } from '../../session.ts';
import { excerpt } from './build-output.ts';
import type { DockerVerb } from './docker-verb.ts';

/** Prints the findings; exit status 1 when there are any, as a linter does. */
export function printLint(session: Session, source: string, name: string): number {
  let findings;
  try {
    findings = lintDockerfile(source);
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    const lines = source.split(/\r?\n/);
    throw new CommandError(`${error.line !== undefined ? excerpt(name, lines, error.line, error.line) : ''}ERROR: failed to solve: ${error.message}`, 1);
  }
  if (findings.length === 0) {
    session.stdout('Check complete, no warnings found.\n');
    return 0;
  }
  const lines = source.split(/\r?\n/);
  let out = `Check complete, ${findings.length} warning${findings.length === 1 ? ' has' : 's have'} been found!\n`;
  for (const f of findings) {
    out += `\nWARNING: ${f.rule}${f.url ? ` - ${f.url}` : ''}\n${f.message}\n${excerpt(name, lines, f.line, f.line)}Fix: ${f.fix}\n`;
  }
  session.stdout(out);
  return 1;
}

export const lintVerb: DockerVerb = {
  name: 'lint',
  summary: 'Check a Dockerfile against the best practices (Dockyard)',
  async run(args, session) {
    if (args.includes('--help') || args.includes('-h')) {
      session.stdout('\nUsage:  dockyard docker lint [FILE]\n\nCheck a Dockerfile (default ./Dockerfile) for the practices the tutorial teaches.\n');
      return 0;
    }
    const file = args[0] ?? 'Dockerfile';
    if (session.files.stat(file)?.kind !== 'file') throw new CommandError(`ERROR: open ${file}: no such file or directory`, 1);
    return printLint(session, session.files.readText(file), file);
  },
};
