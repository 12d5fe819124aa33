// A helper process that only exists and holds memory: nginx's workers, postgres's background
// processes. `argv` is [title, bytes].

import type { ProcessProgram } from './program.ts';

export const helperProcess: ProcessProgram = {
  kind: 'process',
  name: 'helper-process',
  start(p) {
    p.setTitle(p.argv[0] ?? 'helper');
    p.memory(Number(p.argv[1] ?? 1024 * 1024));
  },
};

/** Formats a size in the units labels and flags use: `64Mi`, `512Ki`, `150M`. */
export function parseBytes(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(i?)[bB]?$/.exec(text.trim());
  if (!match) return undefined;
  const power = ' kmgt'.indexOf(match[2]!.toLowerCase() || ' ');
  const base = match[3] === 'i' || match[2] === '' ? 1024 : 1000;
  // Bare numbers and docker's one-letter suffixes (150M) are binary, as docker and stress read them.
  const unit = match[3] === 'i' || /^[kKmMgGtT]$/.test(match[2]!) ? 1024 : base;
  return Math.round(Number(match[1]) * unit ** power);
}
