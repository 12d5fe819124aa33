// `helm history` (pkg/action/history.go): every stored revision of a release, oldest first.

import { releaseNameError } from '../render/release-renderer.ts';
import type { ActionConfig } from './action-config.ts';
import { ReleaseActionError } from './install.ts';
import type { Release } from './release.ts';

export function history(cfg: ActionConfig, name: string): Release[] {
  if (releaseNameError(name) !== undefined) throw new ReleaseActionError(`release name is invalid: ${name}`);
  return cfg.releases.history(name);
}
