// What a command runs against: the simulated world, the user's own files, and where to print.
// The same commands run in the Node CLI (files on disk, the terminal) and in the browser page
// (files in memory, the page's terminal); only the Session differs.

import type { FileStat, HttpRequest, HttpResponse } from '@dockyard/runtime';
import type { World } from './world.ts';

/** The user's files (manifests, Dockerfiles, charts): the disk in Node, memory in the browser. */
export interface HostFiles {
  /** Absolute directory that relative paths are resolved against. */
  readonly cwd: string;
  stat(path: string): FileStat | undefined;
  readFile(path: string): Uint8Array;
  readText(path: string): string;
  readdir(path: string): string[];
  writeFile(path: string, data: Uint8Array | string): void;
  mkdir(path: string, options?: { recursive?: boolean }): void;
}

export interface Session {
  readonly world: World;
  readonly files: HostFiles;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard input when it is not a terminal (`kubectl apply -f -`). */
  readonly stdin?: string;
  /**
   * Present when the output is a terminal, with its width: tools that draw live progress
   * (`docker compose up`'s `[+] Running 4/4` block) or colour their output do it only then, and
   * print plain lines otherwise, as the real ones do on a pipe.
   */
  readonly terminal?: { columns: number };
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Lets `ms` of virtual time pass while a command waits or follows (`docker logs -f`,
   * `kubectl get -w`, `rollout status`): on a wall clock it also sleeps that long (scaled by the
   * shell's speed); on a manual clock it only advances. Resolves false once the user interrupted
   * (Ctrl-C) or, on a manual clock, a following command has used up its budget of virtual time.
   */
  wait(ms: number): Promise<boolean>;
  /**
   * Opens a real HTTP listener on this machine's loopback for `kubectl port-forward`, answering
   * with `handle`; resolves to the port it got (`port` 0 picks a free one) and a way to close
   * it, or rejects with the system's error. Absent where there is no network (the browser).
   */
  listen?(port: number, handle: (request: Omit<HttpRequest, 'remoteIp'>) => HttpResponse | undefined): Promise<{ port: number; close(): void }>;
  /** Lines typed by the user for interactive commands (`docker exec -it ... sh`); null at end of input. */
  readLine(prompt: string): Promise<string | null>;
}

/**
 * A command failed the way the real tool fails: `message` is printed to stderr as is (already
 * worded like docker's or kubectl's), and the process exits with `exitCode`.
 */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
