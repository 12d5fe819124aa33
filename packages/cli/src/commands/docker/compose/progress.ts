// Compose's progress display (docker/compose pkg/progress, v2.29), on stderr. Every step is an
// event: an id (`Container compose-app-db-1`, `Network compose-app_default`, `db` for a pull),
// an optional text (`Pulling`), a status (working, done, warning, error) and a status text
// (`Creating`, `Healthy`).
//
// - plain (output not a terminal, or `--progress plain`): one line per event as Go's Fprintln
//   writes the four parts, space-separated: ` Container compose-app-db-1  Started`.
// - tty (a terminal, or `--progress tty`): a block redrawn in place: `[+] Running 4/4`, then a
//   line per id with its mark (a spinner while working, ✔ done, ✘ error, ! warning), the id and
//   text, the status text in a column, and the elapsed time (virtual seconds) at the right edge.
// - quiet: nothing.

import type { Session } from '../../../session.ts';

export type EventStatus = 'working' | 'done' | 'warning' | 'error';

export interface ProgressEvent {
  id: string;
  status: EventStatus;
  text?: string;
  statusText?: string;
  /** The id of the line this one is drawn under (a pulled layer under its service). */
  parent?: string;
}

export type ProgressMode = 'tty' | 'plain' | 'quiet';

interface Line extends ProgressEvent {
  start: number;
  end?: number;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const color = (code: string, enabled: boolean) => (text: string) => (enabled ? `\x1b[${code}m${text}\x1b[0m` : text);

export class ComposeProgress {
  readonly #session: Session;
  readonly #mode: ProgressMode;
  readonly #title: string;
  readonly #colors: boolean;
  readonly #lines = new Map<string, Line>();
  readonly #tail: string[] = [];
  /** Lines the last frame took, to move back over them. */
  #drawn = 0;

  constructor(session: Session, mode: ProgressMode, options: { title?: string; colors?: boolean } = {}) {
    this.#session = session;
    this.#mode = mode;
    this.#title = options.title ?? 'Running';
    this.#colors = options.colors ?? true;
  }

  get #now(): number {
    return this.#session.world.engine.now;
  }

  event(event: ProgressEvent): void {
    if (this.#mode === 'plain') {
      this.#session.stderr(` ${event.id} ${event.text ?? ''} ${event.statusText ?? ''}\n`);
      return;
    }
    if (this.#mode === 'quiet') return;
    const last = this.#lines.get(event.id);
    const line: Line = { ...last, ...event, start: last?.start ?? this.#now };
    if (event.text === undefined) delete line.text;
    if (event.statusText === undefined) delete line.statusText;
    if (event.status === 'working') delete line.end;
    else if (last === undefined || last.status === 'working' || last.end === undefined) line.end = this.#now;
    this.#lines.set(event.id, line);
    this.#draw();
  }

  working(id: string, statusText: string): void {
    this.event({ id, status: 'working', statusText });
  }

  done(id: string, statusText: string): void {
    this.event({ id, status: 'done', statusText });
  }

  error(id: string, statusText: string): void {
    this.event({ id, status: 'error', statusText });
  }

  /** A message for after the block (compose's TailMsgf); a plain display prints it at once. */
  tail(message: string): void {
    if (this.#mode === 'plain') this.#session.stderr(` ${message}\n`);
    else if (this.#mode === 'tty') this.#tail.push(message);
  }

  /** Redraws the clocks and spinners (time moved on). */
  tick(): void {
    if ([...this.#lines.values()].some((l) => l.status === 'working')) this.#draw();
  }

  /** The final frame, then the tail messages. */
  stop(): void {
    if (this.#mode !== 'tty') return;
    if (this.#lines.size > 0) this.#draw();
    for (const message of this.#tail.splice(0)) this.#session.stderr(`${message}\n`);
  }

  #draw(): void {
    const width = this.#session.terminal?.columns ?? 80;
    const lines = [...this.#lines.values()];
    const done = lines.filter((l) => l.status !== 'working').length;
    const blue = color('34', this.#colors);
    const header = `[+] ${this.#title} ${done}/${lines.length}`;
    const rows = [done === lines.length ? blue(header) : header];
    let padding = 0;
    for (const line of lines) padding = Math.max(padding, `${line.id} ${line.text ?? ''}`.length - (line.parent ? 2 : 0));
    for (const line of lines.filter((l) => l.parent === undefined)) {
      rows.push(this.#row(line, '', padding, width));
      for (const child of lines.filter((l) => l.parent === line.id)) rows.push(this.#row(child, '  ', padding, width));
    }
    const up = this.#drawn > 0 ? `\x1b[${this.#drawn}A\r` : '';
    this.#session.stderr(`${up}\x1b[?25l${rows.map((r) => `${r}\x1b[K\n`).join('')}\x1b[?25h`);
    this.#drawn = rows.length;
  }

  #row(line: Line, pad: string, padding: number, width: number): string {
    const text = `${line.id} ${line.text ?? ''}`;
    const status = line.statusText ?? '';
    const elapsed = ((line.end ?? this.#now) - line.start) / 1000;
    const left = `${pad} ${this.#mark(line)} ${text}${' '.repeat(Math.max(0, padding - text.length))} ${status}`;
    const right = `${elapsed.toFixed(1)}s `;
    const gap = Math.max(0, width - [...left].length - right.length);
    return `${left}${' '.repeat(gap)}${color('34', this.#colors)(right)}`;
  }

  #mark(line: Line): string {
    switch (line.status) {
      case 'done':
        return color('32', this.#colors)('✔');
      case 'error':
        return color('31;1', this.#colors)('✘');
      case 'warning':
        return color('33;1', this.#colors)('!');
      default:
        return SPINNER[Math.floor((this.#now - line.start) / 100) % SPINNER.length]!;
    }
  }
}
