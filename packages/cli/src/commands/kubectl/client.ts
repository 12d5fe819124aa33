// What a kubectl command runs against: the cluster's API store (in place of a REST client), the
// namespace of the request, the virtual clock, and the terminal. One per command line.

import { parseDuration, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { type ApiStore, formatKubectlError, type KubectlErrorContext, StatusError } from '@dockyard/scheduler';
import { CommandError, type Session } from '../../session.ts';
import type { Flags } from './flags.ts';

/** The namespace kubectl uses when neither `-n` nor the context names one. */
export const DEFAULT_NAMESPACE = 'default';

export class Client {
  readonly store: ApiStore;
  /** The namespace of the request: `-n`, or the context's (`default`). */
  readonly namespace: string;
  /** Whether `-n` was given: objects from files must then be in that namespace (enforceNamespace). */
  readonly explicitNamespace: boolean;
  /** `--request-timeout` in ms (0: none): it bounds how long a watch streams. A bare number is seconds, as in client-go. */
  readonly requestTimeoutMs: number;

  constructor(
    readonly session: Session,
    /** `kubectl get`, `kubectl rollout status`: what errors point to for help. */
    readonly commandPath: string,
    globals: Flags,
  ) {
    this.store = session.world.cluster.store;
    const namespace = globals.string('namespace');
    this.explicitNamespace = namespace !== '';
    this.namespace = namespace === '' ? DEFAULT_NAMESPACE : namespace;
    const timeout = globals.string('request-timeout');
    this.requestTimeoutMs = requestTimeout(timeout);
  }

  /** Virtual time in ms. */
  get now(): number {
    return this.session.world.engine.now;
  }

  out(text: string): void {
    if (text !== '') this.session.stdout(text);
  }

  err(text: string): void {
    if (text !== '') this.session.stderr(text);
  }

  /**
   * A klog line on stderr as kubectl writes its own warnings
   * (`W0101 00:05:00.000000       1 helpers.go:703] message`), stamped with the virtual clock.
   */
  klog(severity: 'W' | 'E' | 'I', location: string, message: string): void {
    const iso = new Date(VIRTUAL_EPOCH_MS + this.now).toISOString();
    const stamp = `${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 23)}000`;
    this.err(`${severity}${stamp}       1 ${location}] ${message}\n`);
  }

  /** kubectl's `Warning: ...` line (API warnings, deprecations). */
  warn(message: string): void {
    this.err(`Warning: ${message}\n`);
  }

  /** `error: <message>` (cmdutil.CheckErr of a plain error), exit 1. */
  error(message: string): CommandError {
    return new CommandError(`error: ${message}`);
  }

  /** cmdutil.UsageErrorf: `error: <message>` and the pointer to `-h`. */
  usageError(message: string): CommandError {
    return new CommandError(`error: ${message}\nSee '${this.commandPath} -h' for help and examples`);
  }

  /** Any failure as kubectl prints it (`Error from server (NotFound): ...`, `error: ...`). */
  failure(error: unknown, context: KubectlErrorContext = {}): CommandError {
    if (error instanceof CommandError) return error;
    return new CommandError(formatKubectlError(error, context).replace(/\n$/, ''));
  }

  /**
   * What kubectl's CheckErr prints for the errors a command collected: one as itself, several
   * one per line in their standard form (server errors as `Error from server (...)`, others bare).
   */
  aggregate(errors: readonly unknown[]): CommandError {
    if (errors.length === 1) return this.failure(errors[0]);
    return new CommandError(errors.map(messageForError).join('\n'));
  }
}

/** A server error as kubectl reports it against the file it came from (`error when creating "x.yaml": ...`). */
export function withSource(error: unknown, verb: string, source: string | undefined): unknown {
  return error instanceof StatusError && source !== undefined ? error.withSource(verb, source) : error;
}

/** kubectl's messageForError: the standard form of a server error, the bare text of any other. */
function messageForError(error: unknown): string {
  if (error instanceof StatusError) return `Error from server (${error.reason}): ${error.message}`;
  if (error instanceof CommandError) return error.message.replace(/^error: /, '');
  return error instanceof Error ? error.message : String(error);
}

/** client-go's --request-timeout: whole seconds, or a Go duration. */
function requestTimeout(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  try {
    const ms = parseDuration(text);
    if (ms >= 0) return ms;
  } catch {
    // kubectl's own message below.
  }
  throw new CommandError('error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)');
}
