// A dockyard session in-process for helm tests: a manual-clock world with the cluster, an example
// folder's files in memory, `run(line)` as the executable would run it, and the store to look at.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../src/cli.ts';
import { splitCommandLine } from '../../src/command-line.ts';
import { MemoryFiles } from '../../src/memory-files.ts';
import type { Session } from '../../src/session.ts';
import { DEFAULT_CONFIG, World } from '../../src/world.ts';

const ROOT = join(import.meta.dirname, '../../../..');

export interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

type DeploymentShape = { spec: { replicas?: number; template: { spec: { containers: { image: string }[] } } } };

/** `example` is a folder of the repository (examples/helm-release), copied as the working directory. */
export function helmShell(example: string) {
  const world = World.create({ ...DEFAULT_CONFIG, clock: 'manual' });
  const files = new MemoryFiles();
  const copy = (dir: string, to: string) => {
    for (const name of readdirSync(dir)) {
      if (name === '.dockyard') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) copy(path, `${to}${name}/`);
      else files.writeFile(`${to}${name}`, readFileSync(path));
    }
  };
  copy(join(ROOT, example), '');
  const run = async (line: string): Promise<Run> => {
    const result = { stdout: '', stderr: '', code: 0 };
    const session: Session = {
      world,
      files,
      env: {},
      stdout: (t) => void (result.stdout += t),
      stderr: (t) => void (result.stderr += t),
      wait: async (ms) => {
        world.advance(ms);
        return true;
      },
      readLine: async () => null,
    };
    result.code = await runCommand(splitCommandLine(line), session);
    return result;
  };
  const store = world.cluster.store;
  const deployment = (name: string, ns = 'default') => store.tryGet('Deployment', ns, name) as DeploymentShape | undefined;
  const image = (name: string, ns = 'default') => deployment(name, ns)?.spec.template.spec.containers[0]!.image;
  return { world, run, store, deployment, image };
}
