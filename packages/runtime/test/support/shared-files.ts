// Where the project's shared references (the tutorial, the corpus of real manifests, compose
// files, Dockerfiles and charts, and the reference numbers) live: `shared/` beside the checkout
// or above it (/work/main, a worktree in /work/wt, CI's clone), else /work/shared, where our
// machines keep it. They are not copied into the repository: nobody here wrote them.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const FALLBACK = '/work/shared';

/** The absolute path of `shared/<relative>`; throws naming what is missing. */
export function sharedPath(relative: string): string {
  for (let dir = join(import.meta.dirname, '../../../..'); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  const fallback = join(FALLBACK, relative);
  if (existsSync(fallback)) return fallback;
  throw new Error(`shared/${relative} not found beside or above the repository, nor in ${FALLBACK}`);
}
