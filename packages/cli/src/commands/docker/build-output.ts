// Prints a build the way `docker build --progress=plain` does (BuildKit's plain progress on
// stderr), letting each step's virtual time pass as it goes: `#6 [3/5] COPY package.json ./`,
// `#6 CACHED`, `#8 2.345 added 64 packages ...`, `#8 DONE 2.4s`, then either the image's
// `naming to` lines or the error block with the Dockerfile excerpt.

import type { BuildOutcome, Vertex } from '@dockyard/runtime';
import type { Session } from '../../session.ts';

export interface BuildPrintOptions {
  /** Compose's builds name their service in every step: `[app internal] load ...`, `[app] exporting to image`. */
  prefix?: string;
  /** Compose prints the steps on stdout (docker build on stderr). */
  stream?: 'stdout' | 'stderr';
  /** Compose reports the failure itself (`failed to solve: ...`) rather than `ERROR: failed to solve: ...`. */
  finalError?: boolean;
}

export async function printBuild(outcome: BuildOutcome, session: Session, quiet: boolean, options: BuildPrintOptions = {}): Promise<void> {
  const write = options.stream === 'stdout' ? session.stdout : session.stderr;
  const out = (text: string) => (quiet ? undefined : write.call(session, text));
  const name = (vertex: Vertex) => (options.prefix === undefined ? vertex.name : vertex.name.startsWith('[') ? `[${options.prefix} ${vertex.name.slice(1)}` : `[${options.prefix}] ${vertex.name}`);
  out('#0 building with "default" instance using docker driver\n\n');
  let clock = 0;
  const waitUntil = async (at: number) => {
    if (at > clock) await session.wait(at - clock);
    clock = Math.max(clock, at);
  };
  for (const vertex of outcome.progress.vertices) {
    await waitUntil(vertex.start);
    out(`#${vertex.id} ${name(vertex)}\n`);
    for (const log of vertex.logs) {
      await waitUntil(log.at);
      out(log.timed ? `#${vertex.id} ${((log.at - vertex.start) / 1000).toFixed(3)} ${log.text}\n` : `#${vertex.id} ${log.text}\n`);
    }
    await waitUntil(vertex.end);
    if (vertex.cached) out(`#${vertex.id} CACHED\n\n`);
    else if (vertex.error !== undefined) out(`#${vertex.id} ERROR: ${vertex.error}\n`);
    else out(`#${vertex.id} DONE ${((vertex.end - vertex.start) / 1000).toFixed(1)}s\n\n`);
  }
  const error = outcome.error;
  if (error === undefined) return;
  if (outcome.failedVertex !== undefined) session.stderr(failureBlock({ ...outcome.failedVertex, name: name(outcome.failedVertex) }));
  if (error.line !== undefined) session.stderr(excerpt(outcome.dockerfileName, outcome.dockerfileLines, error.line, error.endLine ?? error.line));
  if (options.finalError ?? true) session.stderr(`ERROR: failed to solve: ${error.message}\n`);
}

/**
 * A build's Dockerfile steps as `image.built` records them (the visualizer's image panel reads
 * them): `[2/5] WORKDIR /app` with whether BuildKit took it from the cache (`#6 CACHED`).
 */
export function buildSteps(outcome: BuildOutcome): { step: string; cached: boolean }[] {
  return outcome.progress.vertices.filter((v) => v.name.startsWith('[') && !v.name.startsWith('[internal]')).map((v) => ({ step: v.name, cached: v.cached }));
}

/** `------\n > [4/5] RUN npm ci:\n#8 2.308 <last lines>\n------` (moby/buildkit#2215's format). */
function failureBlock(vertex: Vertex): string {
  const logs = vertex.logs.filter((l) => l.timed).slice(-10);
  const lines = logs.map((l) => `#${vertex.id} ${((l.at - vertex.start) / 1000).toFixed(3)} ${l.text}\n`).join('');
  return `------\n > ${vertex.name}:\n${lines}------\n`;
}

/** BuildKit's source excerpt: the instruction's lines marked `>>>`, two lines of context around. */
export function excerpt(name: string, lines: readonly string[], start: number, end: number): string {
  const first = Math.max(1, start - 2);
  const last = Math.min(lines.length, end + 2);
  let out = `${name}:${start === end ? start : `${start}-${end}`}\n--------------------\n`;
  for (let n = first; n <= last; n++) {
    const marker = n >= start && n <= end ? '>>>' : '   ';
    out += `${String(n).padStart(4)} | ${marker} ${lines[n - 1] ?? ''}\n`;
  }
  return out + '--------------------\n';
}
