// Every project of the shared compose corpus (real files nobody here wrote) goes through
// `docker compose up -d`: those whose images are all in the registry catalog come up or fail with
// compose's (or the daemon's) message naming the path that is missing — a source file the
// Dockerfile copies, a secret file, an executable — and none crashes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogTags, parseReference } from '@dockyard/runtime';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../runtime/test/support/shared-files.ts';
import { composeSandbox } from './support/compose-sandbox.ts';

const CORPUS = sharedPath('corpus/compose');
const projects = readdirSync(CORPUS).sort();

/** `nginx`, `postgres:16`, `docker.redpanda.com/x:v1` → in the catalog? (`scratch` needs nothing.) */
function inCatalog(image: string): boolean {
  if (image === 'scratch') return true;
  try {
    const ref = parseReference(image);
    return catalogTags(`${ref.domain}/${ref.path}`)?.has(ref.tag ?? 'latest') === true;
  } catch {
    return false;
  }
}

/** Images a project needs: its services' and its Dockerfiles' bases (stages it names itself excluded). */
function imagesOf(dir: string, servicesImages: string[]): string[] {
  const images = new Set(servicesImages);
  const visit = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/Dockerfile/.test(entry.name)) {
        const stages = new Set<string>();
        for (const [, base, stage] of readFileSync(full, 'utf8').matchAll(/^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+as\s+(\S+))?/gim)) {
          if (!stages.has(base!)) images.add(base!);
          if (stage) stages.add(stage);
        }
      }
    }
  };
  visit(dir);
  return [...images];
}

/** The ways a project that cannot come up may fail, each naming a path. */
const MISSING_PATH = [
  /^failed to solve: failed to compute cache key: failed to calculate checksum of ref \S+: "(?<path>[^"]+)": not found$/,
  /^Error response from daemon: invalid mount config for type "bind": bind source path does not exist: (?<path>\S+)$/,
  /^Error response from daemon: .*exec: "(?<path>[^"]+)": executable file not found in \$PATH: unknown$/,
  /^unable to prepare context: path "(?<path>[^"]+)" not found$/,
];

describe('docker compose up on the shared corpus', () => {
  it.each(projects)('%s comes up or fails naming what is missing', (name) => {
    const { dir, dockyard } = composeSandbox(name, join(CORPUS, name));
    const config = dockyard('docker', 'compose', 'config', '--format', 'json');
    expect(config.status).toBe(0);
    const services = Object.values((JSON.parse(config.stdout) as { services: Record<string, { image?: string; build?: unknown }> }).services);
    const pulled = services.filter((s) => s.build === undefined && s.image !== undefined).map((s) => s.image!);
    const catalogued = imagesOf(dir, pulled).every(inCatalog);

    const up = dockyard('docker', 'compose', 'up', '-d');
    expect(up.stderr).not.toMatch(/^\s+at /m);
    expect([0, 1]).toContain(up.status);
    if (!catalogued) {
      // Outside the catalog: refused as Docker Hub refuses a repository it does not have.
      expect(up.stderr).toMatch(/^Error response from daemon: (pull access denied for |Get "https:\/\/)/m);
      return;
    }
    if (up.status === 0) {
      expect(dockyard('docker', 'compose', 'ps', '-a', '-q').stdout.trim().split('\n').length).toBeGreaterThan(0);
      return;
    }
    const last = up.stderr.trimEnd().split('\n').pop()!;
    const match = MISSING_PATH.map((pattern) => pattern.exec(last)).find(Boolean);
    expect(match, last).toBeTruthy();
    const path = match!.groups!['path']!;
    // What it names is indeed missing: in the project, its build context, or the image's PATH.
    expect(existsSync(path.startsWith(dir) ? path : join(dir, path))).toBe(false);
  }, 120_000);

  it.skipIf(!projects.includes('nginx-golang-postgres'))('fails on a missing secret file with the daemon message naming it', () => {
    const { dir, dockyard } = composeSandbox('nginx-golang-postgres', join(CORPUS, 'nginx-golang-postgres'));
    const up = dockyard('docker', 'compose', 'up', '-d', 'db');
    expect(up.status).toBe(1);
    expect(up.stderr).toContain(` Container nginx-golang-postgres-db-1  Error response from daemon: invalid mount config for type "bind": bind source path does not exist: ${dir}/db/password.txt\n`);
    expect(up.stderr.endsWith(`Error response from daemon: invalid mount config for type "bind": bind source path does not exist: ${dir}/db/password.txt\n`)).toBe(true);
  }, 120_000);
});
