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
