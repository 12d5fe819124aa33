// Runs the real dockyard executable in a workspace of its own, as a user's shell would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '../../bin/dockyard.js');

export interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** A fresh directory to work in; `dockyard(...)` runs there with `./.dockyard` as the workspace. */
export function sandbox(): { dir: string; dockyard: (...args: string[]) => Run; input: (stdin: string, ...args: string[]) => Run } {
  const dir = mkdtempSync(join(tmpdir(), 'dockyard-cli-'));
  const env = { ...process.env };
  delete env['DOCKYARD_HOME'];
  const run = (stdin: string | undefined, args: string[]): Run => {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', input: stdin, env });
    return { stdout: result.stdout, stderr: result.stderr, status: result.status };
  };
  return { dir, dockyard: (...args) => run(undefined, args), input: (stdin, ...args) => run(stdin, args) };
}
