// The pod sandbox's process (registry.k8s.io/pause): it holds the pod's namespaces open and does
// nothing else. It exits 0 on SIGINT or SIGTERM, as pause.c's handler does (the kubelet stops a
// sandbox that way), and reaps the zombies of the shared PID namespace.

import type { ProcessProgram } from './program.ts';

export const pause: ProcessProgram = {
  kind: 'process',
  name: 'pause',
  start(p) {
    // pause is a static C binary of a few pages.
    p.memory(256 * 1024);
  },
  signal(p, signal) {
    if (signal !== 'SIGINT' && signal !== 'SIGTERM') return signal === 'SIGCHLD';
    p.err(`Shutting down, got signal: ${signal === 'SIGINT' ? 'Interrupt' : 'Terminated'}\n`);
    p.exit(0);
    return true;
  },
};
