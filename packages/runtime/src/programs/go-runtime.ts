// What every Go binary does the same way, whatever it serves: the log package's line prefix, and
// the runtime's reaction to SIGTERM/SIGINT when the program did not ask for them (signal.Notify).

import { VIRTUAL_EPOCH_MS } from '../sim/wall-time.ts';
import type { Proc, Signal } from './program.ts';

/** log.Printf's prefix with the default flags (LstdFlags): `2025/01/01 00:00:05 `, UTC in a container. */
export function goLogPrefix(now: number): string {
  const iso = new Date(VIRTUAL_EPOCH_MS + now).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '/')} ${iso.slice(11, 19)} `;
}

/** log.Printf: to stderr, with the prefix. */
export function goLog(p: Proc, text: string): void {
  p.err(goLogPrefix(p.sys.now) + text + '\n');
}

/**
 * The Go runtime catches SIGTERM and SIGINT and, with no signal.Notify, re-raises them with the
 * default action (runtime.dieFromSignal). As a namespace's PID 1 the kernel ignores that, and the
 * runtime falls back to exit(2); elsewhere the process dies of the signal (the default action).
 */
export function goDefaultSignal(p: Proc, signal: Signal): boolean {
  if ((signal === 'SIGTERM' || signal === 'SIGINT') && p.pid === 1) {
    p.exit(2);
    return true;
  }
  return false;
}
