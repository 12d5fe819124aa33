// helm's release storage on top of its driver (pkg/storage/storage.go): revisions by name, the last
// and the deployed one, and the history limit (--history-max, default 10) that prunes the oldest
// revisions, never the deployed one, before a new one is written.

import { releaseKey, type Release } from './release.ts';
import { NoDeployedReleasesError, ReleaseNotFoundError, type SecretsDriver } from './secrets-driver.ts';

/** helm's defaultMaxHistory (pkg/cli/environment.go). */
export const DEFAULT_MAX_HISTORY = 10;

const byRevision = (a: Release, b: Release): number => a.version - b.version;

export class ReleaseStorage {
  /** Revisions kept per release, counting the newest; 0 or less keeps all. */
  maxHistory = DEFAULT_MAX_HISTORY;

  constructor(readonly driver: SecretsDriver) {}

  get(name: string, version: number): Release {
    return this.driver.get(releaseKey(name, version));
  }

  create(release: Release): void {
    if (this.maxHistory > 0) this.#removeLeastRecent(release.name, this.maxHistory - 1);
    this.driver.create(releaseKey(release.name, release.version), release);
  }

  update(release: Release): void {
    this.driver.update(releaseKey(release.name, release.version), release);
  }

  delete(name: string, version: number): Release {
    return this.driver.delete(releaseKey(name, version));
  }

  list(filter?: (release: Release) => boolean): Release[] {
    return this.driver.list(filter);
  }

  /** Every revision of a release, oldest first; ReleaseNotFoundError when there is none. */
  history(name: string): Release[] {
    return this.driver.query({ name, owner: 'helm' }).sort(byRevision);
  }

  /** The newest revision, whatever its status. */
  last(name: string): Release {
    const history = this.history(name);
    return history[history.length - 1]!;
  }

  /** Every revision marked deployed, oldest first (more than one only after an interrupted operation). */
  deployedAll(name: string): Release[] {
    try {
      return this.driver.query({ name, owner: 'helm', status: 'deployed' }).sort(byRevision);
    } catch (err) {
      if (err instanceof ReleaseNotFoundError) throw new NoDeployedReleasesError(name);
      throw err;
    }
  }

  /** The newest deployed revision. */
  deployed(name: string): Release {
    const all = this.deployedAll(name);
    return all[all.length - 1]!;
  }

  /** Deletes the oldest revisions until at most `maximum` remain, sparing the deployed one. */
  #removeLeastRecent(name: string, maximum: number): void {
    let history: Release[];
    try {
      history = this.history(name);
    } catch (err) {
      if (err instanceof ReleaseNotFoundError) return;
      throw err;
    }
    if (history.length <= maximum) return;
    let deployed: Release | undefined;
    try {
      deployed = this.deployed(name);
    } catch (err) {
      if (!(err instanceof NoDeployedReleasesError)) throw err;
    }
    const doomed: Release[] = [];
    for (const release of history) {
      if (history.length - doomed.length === maximum) break;
      if (deployed === undefined || release.version !== deployed.version) doomed.push(release);
    }
    for (const release of doomed) this.delete(name, release.version);
  }
}
