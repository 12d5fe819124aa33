// Helpers for the compose tests: projects from in-memory files or from disk (the shared corpus).

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ComposeFileSource,
  type ComposeLoadOptions,
  InMemoryFileSource,
  loadComposeProject,
  type LoadedComposeProject,
} from '../../src/index.ts';
import { sharedPath } from './shared-files.ts';

export const diskSource: ComposeFileSource = {
  readText: (path) => readFileSync(path, 'utf8'),
  exists: (path) => existsSync(path),
  isDirectory: (path) => existsSync(path) && statSync(path).isDirectory(),
};

/** The shared corpus of real compose projects. */
export const CORPUS = sharedPath('corpus/compose');

/** Loads a project from `files` (absolute path → text) as if run in `cwd`. */
export function loadFrom(
  files: Record<string, string>,
  options: Partial<ComposeLoadOptions> = {},
): LoadedComposeProject {
  return loadComposeProject({ source: new InMemoryFileSource(files), cwd: '/work/app', env: {}, ...options });
}

/** Loads `/work/app/compose.yaml` holding `yaml`. */
export function loadYaml(yaml: string, options: Partial<ComposeLoadOptions> = {}): LoadedComposeProject {
  return loadFrom({ '/work/app/compose.yaml': yaml }, options);
}

/** The error message loading fails with. */
export function loadError(files: Record<string, string>, options: Partial<ComposeLoadOptions> = {}): string {
  try {
    loadFrom(files, options);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the project to fail loading');
}
