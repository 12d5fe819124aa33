// The scenarios `dockyard demo` plays: example scenarios bundled as text (a `?raw` import, which
// Vite and the CLI's esbuild bundle both read), so the command needs no files at run time, in Node
// or in the page. A demo's scenario keeps its files inline.

import selfHealing from '../../../../examples/self-healing/scenario.yaml?raw';

export interface BuiltInDemo {
  name: string;
  /** Where the scenario lives in the repository, for messages. */
  path: string;
  text: string;
}

/** The first is what `dockyard demo` plays. */
export const DEMOS: readonly BuiltInDemo[] = [{ name: 'self-healing', path: 'examples/self-healing/scenario.yaml', text: selfHealing }];
