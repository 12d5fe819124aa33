// A scenario and its files, read from a tree of example files: the scenario's inline files and
// its `from:` files and folders, resolved next to the scenario as `dockyard scenario run` does.

import { loadScenarioFiles, MemoryFiles, parseScenario, type Scenario } from '@dockyard/cli';
import { dirname, resolvePath } from '@dockyard/runtime';

export interface LoadedScenario {
  scenario: Scenario;
  files: MemoryFiles;
}

/** Reads the example files below a path (absolute, `/examples/...`): path → text. */
export type ExampleFiles = (under: string) => Promise<Record<string, string>>;

/**
 * Parses the scenario at `path` (its text given) and loads its files; a broken scenario throws
 * ScenarioError naming the file, line and field, as the CLI prints it.
 */
export async function loadScenario(path: string, text: string, readUnder: ExampleFiles): Promise<LoadedScenario> {
  const scenario = parseScenario(text, path.replace(/^.*\//, ''));
  const baseDir = dirname(path);
  const source = new MemoryFiles(undefined, '/');
  for (const file of Object.values(scenario.files)) {
    if (!('from' in file)) continue;
    const contents = await readUnder(resolvePath(baseDir, file.from));
    for (const [name, content] of Object.entries(contents)) source.writeFile(name, content);
  }
  return { scenario, files: loadScenarioFiles(scenario, source, baseDir) };
}
