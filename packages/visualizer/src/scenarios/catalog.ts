// The example scenarios bundled into the page: every examples/<name>/scenario.yaml of the
// repository, with the other example files fetched (from the page's own origin) only when a
// scenario that refers to them is opened.

import { parseScenario } from '@dockyard/cli';
import { type LoadedScenario, loadScenario } from './scenario-loader.ts';

// Paths as Vite sees them from this file; the page calls them /examples/... .
const ROOT = '../../../../examples/';
const SCENARIO_TEXTS = import.meta.glob<string>('../../../../examples/*/scenario.yaml', { query: '?raw', import: 'default', eager: true });
// `exhaustive` takes dotfiles too (.dockerignore, .env); the scenario files are already above.
const EXAMPLE_FILES = import.meta.glob<string>(['../../../../examples/**', '!**/node_modules/**', '!../../../../examples/*/scenario.yaml'], {
  query: '?raw',
  import: 'default',
  exhaustive: true,
});

export interface ScenarioEntry {
  /** The example's folder name: what the URL and the picker use. */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** Why it cannot be opened, when its file is broken. */
  readonly error?: string;
}

const toPagePath = (key: string) => '/examples/' + key.slice(ROOT.length);

export const SCENARIOS: readonly ScenarioEntry[] = Object.entries(SCENARIO_TEXTS)
  .map(([key, text]): ScenarioEntry => {
    const id = key.slice(ROOT.length).split('/')[0]!;
    try {
      const { name, description } = parseScenario(text, 'scenario.yaml');
      return { id, name, ...(description === undefined ? {} : { description }) };
    } catch (error) {
      return { id, name: id, error: (error as Error).message };
    }
  })
  .sort((a, b) => a.id.localeCompare(b.id));

/** Opens a bundled example scenario by id; undefined when there is none of that name. */
export async function openExampleScenario(id: string): Promise<LoadedScenario | undefined> {
  const text = SCENARIO_TEXTS[`${ROOT}${id}/scenario.yaml`];
  if (text === undefined) return undefined;
  return loadScenario(`/examples/${id}/scenario.yaml`, text, async (under) => {
    const out: Record<string, string> = {};
    const inside = (key: string) => {
      const path = toPagePath(key);
      return path === under || path.startsWith(under.endsWith('/') ? under : under + '/');
    };
    for (const [key, text] of Object.entries(SCENARIO_TEXTS)) if (inside(key)) out[toPagePath(key)] = text;
    const wanted = Object.keys(EXAMPLE_FILES).filter(inside);
    await Promise.all(wanted.map(async (key) => (out[toPagePath(key)] = await EXAMPLE_FILES[key]!())));
    return out;
  });
}
