// How compose prints its containers' logs (docker/compose cmd/formatter/logs.go): each line after
// `<service>-<n>` padded to the longest name plus one, then ` | ` (`app-1  | ...`), coloured per
// container on a terminal; stdout lines to stdout, stderr lines to stderr; lines of several
// containers in the order they were written (virtual time, then container, then line).

import { COMPOSE_LABELS, type DockerContainer, fromRFC3339, type LogQuery, type LogStream } from '@dockyard/runtime';
import type { Session } from '../../../session.ts';
import type { ComposeContext } from './compose-context.ts';

/** compose's rainbow: cyan, yellow, green, magenta, blue, then their bright versions. */
const RAINBOW = ['36', '33', '32', '35', '34', '96', '93', '92', '95', '94'];

/** `app-1`, or the whole name when the service sets container_name. */
export function shortContainerName(c: DockerContainer): string {
  const labels = c.config.Labels;
  const project = labels[COMPOSE_LABELS.project] ?? '';
  const defaultName = `${project}-${labels[COMPOSE_LABELS.service]}-${labels[COMPOSE_LABELS.containerNumber]}`;
  return c.name === defaultName ? c.name.slice(project.length + 1) : c.name;
}

export interface LogPrinterOptions {
  prefix: boolean;
  colors: boolean;
  timestamps: boolean;
}

interface Source {
  container: DockerContainer;
  prefix: string;
  /** Log lines already printed. */
  from: number;
}

export class LogPrinter {
  readonly #ctx: ComposeContext;
  readonly #options: LogPrinterOptions;
  readonly #sources: Source[] = [];

  constructor(ctx: ComposeContext, containers: DockerContainer[], options: LogPrinterOptions) {
    this.#ctx = ctx;
    this.#options = options;
    const width = Math.max(0, ...containers.map((c) => shortContainerName(c).length)) + 1;
    containers.forEach((c, i) => {
      const label = `${shortContainerName(c).padEnd(width)} | `;
      const prefix = !options.prefix ? '' : options.colors ? `\x1b[${RAINBOW[i % RAINBOW.length]}m${label}\x1b[0m` : label;
      this.#sources.push({ container: c, prefix, from: 0 });
    });
  }

  get #session(): Session {
    return this.#ctx.session;
  }

  /** What the containers logged so far (within the query), merged in time order. */
  printExisting(query: LogQuery = {}): void {
    const runtime = this.#ctx.world.runtime;
    this.#print((source) => {
      const chunks = runtime.logs(source.container.id, { ...query, timestamps: true });
      source.from = runtime.logSize(source.container.id);
      return chunks;
    });
  }

  /** Only what comes from now on (compose attaches to a container's output, it does not read its log). */
  skipExisting(): void {
    for (const source of this.#sources) source.from = this.#ctx.world.runtime.logSize(source.container.id);
  }

  /** Prints what was written since the last call. */
  flush(): void {
    const runtime = this.#ctx.world.runtime;
    this.#print((source) => {
      const chunks = runtime.logs(source.container.id, { timestamps: true }, source.from);
      source.from += chunks.length;
      return chunks;
    });
  }

  /** A line about a container (`app-1 exited with code 0`), in its colour, on stdout. */
  status(c: DockerContainer, text: string): void {
    const index = Math.max(0, this.#sources.findIndex((s) => s.container.id === c.id));
    const line = `${shortContainerName(c)} ${text}\n`;
    this.#session.stdout(this.#options.colors ? `\x1b[${RAINBOW[index % RAINBOW.length]}m${line}\x1b[0m` : line);
  }

  /** Reads each source's new lines (timestamped by the daemon), then prints them all in time order. */
  #print(read: (source: Source) => [LogStream, string][]): void {
    const runtime = this.#ctx.world.runtime;
    const lines: { t: number; order: number; source: Source; stream: LogStream; text: string }[] = [];
    this.#sources.forEach((source, index) => {
      if (runtime.get(source.container.id) === undefined) return;
      read(source).forEach(([stream, stamped], i) => {
        const space = stamped.indexOf(' ');
        const text = this.#options.timestamps ? stamped : stamped.slice(space + 1);
        lines.push({ t: fromRFC3339(stamped.slice(0, space)), order: index * 1e6 + i, source, stream, text });
      });
    });
    lines.sort((a, b) => a.t - b.t || a.order - b.order);
    for (const { source, stream, text } of lines) {
      const out = `${source.prefix}${text}`;
      if (stream === 'stderr') this.#session.stderr(out);
      else this.#session.stdout(out);
    }
  }
}
