// What runs inside a simulated container. A program is a deterministic state machine: it starts,
// sets timers, listens on ports, answers requests, uses memory and CPU, writes output and exits.
// Its state lives in the process record as plain JSON (so snapshots carry it); the program object
// itself is stateless and shared by every process that runs it.
//
// Two shapes: an instant program (`echo`, `ls`, `cat`) runs to completion in one call; a process
// program (`sh`, `sleep`, `nginx`) lives on over virtual time and is called back on its events.

import type { FileSystem } from '../fs/file-system.ts';
import type { ConnectFailure } from '../network/fabric.ts';
import type { HttpRequest, HttpResponse } from '../network/http.ts';
import type { NetInterface } from '../network/net-namespace.ts';

export const SIGNALS = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGWINCH: 28,
} as const;
export type Signal = keyof typeof SIGNALS;

/** `TERM`, `SIGTERM`, `sigterm` or `15` as a signal name; undefined when not one. */
export function parseSignal(text: string): Signal | undefined {
  if (/^\d+$/.test(text)) return (Object.keys(SIGNALS) as Signal[]).find((s) => SIGNALS[s] === Number(text));
  const name = text.toUpperCase().startsWith('SIG') ? text.toUpperCase() : `SIG${text.toUpperCase()}`;
  return name in SIGNALS ? (name as Signal) : undefined;
}

/** One line of a process listing, as the container's PID namespace shows it. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  uid: number;
  user: string;
  /** argv joined, or the title a program set (`nginx: worker process`). */
  command: string;
  startedAt: number;
  /** Resident memory in bytes now. */
  rss: number;
}

export interface UserIdentity {
  uid: number;
  gid: number;
  /** Login name from the container's /etc/passwd, or the number when it has none. */
  name: string;
  group: string;
  groups: { gid: number; name: string }[];
}

/** What a program sees of the machine it runs on, through its namespaces. */
export interface System {
  readonly now: number;
  readonly hostname: string;
  readonly fs: FileSystem;
  readonly user: UserIdentity;
  readonly cpus: number;
  readonly memTotal: number;
  /** The processes of this PID namespace. */
  processes(): ProcessInfo[];
  interfaces(): NetInterface[];
  nameservers(): string[];
  /** Addresses for a host name: /etc/hosts first, then DNS; undefined when unknown. */
  resolve(name: string): string[] | undefined;
  /** DNS alone (what nslookup asks): the name that answered, after search domains, and its addresses. */
  lookup(name: string): { name: string; addresses: string[] } | undefined;
  http(host: string, port: number, request: Omit<HttpRequest, 'remoteIp'>): HttpResponse | ConnectFailure | 'empty' | 'unknown-host';
  connect(host: string, port: number): true | ConnectFailure | 'unknown-host';
  /** Sends a signal to a process of this namespace; false when there is no such process. */
  kill(pid: number, signal: Signal): boolean;
  /** Seeded random from the engine. */
  random(): number;
}

export interface Io {
  readonly stdin: string;
  out(text: string): void;
  err(text: string): void;
  getenv(name: string): string | undefined;
  /** `NAME=value` entries in order. */
  environ(): string[];
  cwd: string;
  readonly sys: System;
}

export interface InstantProgram {
  readonly kind: 'instant';
  readonly name: string;
  /** The exit status; or, for an invocation that lives on (`tail -f`), the process program to run instead. */
  run(argv: readonly string[], io: Io): number | { process: string };
}

export interface SpawnOptions {
  env?: string[];
  cwd?: string;
  stdin?: string;
  /** Output goes to the parent's streams (default) or is dropped. */
  output?: 'inherit' | 'null';
}

/** A started child: it runs on (`status` undefined) or already ended with `status`. */
export type SpawnResult = { pid: number; status?: number } | { error: string; status: number };

export interface Proc extends Io {
  /** PID inside the container. */
  readonly pid: number;
  readonly argv: readonly string[];
  state<T>(): T;
  setState(state: unknown): void;
  /** Title shown by ps instead of argv (`nginx: master process nginx -g daemon off;`). */
  setTitle(title: string): void;
  exit(code: number): void;
  timer(name: string, ms: number): void;
  cancelTimer(name: string): void;
  /** A timer for `cpuMs` of single-threaded work: slower when cpu.max allows less than a core. */
  work(name: string, cpuMs: number): void;
  listen(port: number): void;
  unlisten(port: number): void;
  spawn(argv: readonly string[], options?: SpawnOptions): SpawnResult;
  /** Starts a child running `program` directly, as fork() without exec does; returns its PID. */
  fork(program: string, argv: readonly string[]): number;
  /** Replaces this process's program (execve); an error message when the binary cannot run. */
  exec(argv: readonly string[], env?: string[]): { error: string; status: number } | undefined;
  /** Resident memory: `bytes` now, growing by `growthPerSecond`. */
  memory(bytes: number, growthPerSecond?: number): void;
  /** CPU the process wants, in cores. */
  cpu(cores: number): void;
  /** Uses up `count` PIDs of the namespace (the short-lived helpers a real script forks); returns the first. */
  skipPids(count: number): number;
  /** Container-level labels (the app profile reads them). */
  readonly labels: Readonly<Record<string, string>>;
  /** Started with a terminal to type on (`-it`). */
  readonly interactive: boolean;
  /** Waits for a typed line (delivered to `input`), showing `prompt`. */
  awaitInput(prompt: string): void;
}

export interface ProcessProgram {
  readonly kind: 'process';
  readonly name: string;
  start(p: Proc): void;
  timer?(p: Proc, name: string): void;
  /** True when the program handles the signal itself; otherwise the default action applies. */
  signal?(p: Proc, signal: Signal): boolean;
  childExited?(p: Proc, pid: number, status: number): void;
  /** Answers a request on a port it listens on; undefined closes the connection without a reply. */
  request?(p: Proc, port: number, request: HttpRequest): HttpResponse | undefined;
  /** A line typed on an interactive terminal, or null at end of input. */
  input?(p: Proc, line: string | null): void;
}

export type Program = InstantProgram | ProcessProgram;
