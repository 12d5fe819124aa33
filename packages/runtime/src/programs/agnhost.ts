// agnhost, the Kubernetes e2e test image the task pages use: `liveness` (HTTP /healthz answers
// 200 for the first 10 seconds, then 500), `netexec` (/hostname, /echo?msg=, /exit?code=),
// `serve-hostname` (its hostname on 9376) and `pause`.
// `liveness` is also the older k8s.gcr.io/liveness image's `/server` (test/images/liveness's
// server.go, the liveness-probe task page's first example), which adds `/started`.

import { formatGoDuration } from '../sim/duration.ts';
import { goDefaultSignal } from './go-runtime.ts';
import type { Proc, ProcessProgram } from './program.ts';

interface AgnhostState {
  mode: string;
  started: number;
}

export const agnhost: ProcessProgram = {
  kind: 'process',
  name: 'agnhost',
  start(p) {
    const [mode = ''] = p.argv.slice(1);
    const flag = (name: string, fallback: number) => Number(p.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
    p.setState({ mode, started: p.sys.now } satisfies AgnhostState);
    p.memory(8 * 1024 * 1024);
    switch (mode) {
      case 'liveness':
        startLiveness(p);
        return;
      case 'netexec':
        p.listen(flag('http-port', 8080));
        p.err(`Started HTTP server on port ${flag('http-port', 8080)}\n`);
        return;
      case 'serve-hostname':
        p.listen(flag('port', 9376));
        return;
      case 'pause':
        p.out('Paused\n');
        return;
      default:
        p.err(`Error: unknown command "${mode}" for "agnhost"\nRun 'agnhost --help' for usage.\n`);
        p.exit(1);
    }
  },
  request(p, _port, request) {
    const st = p.state<AgnhostState>();
    const [path = '/', query = ''] = request.path.split('?');
    const params = new Map(query.split('&').filter(Boolean).map((kv) => kv.split('=').map(decodeURIComponent) as [string, string]));
    const ok = (body: string, status = 200) => ({ status, headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(body.length)]] as [string, string][], body });
    if (st.mode === 'liveness') {
      const seconds = (p.sys.now - st.started) / 1000;
      if (path === '/started') return ok(formatGoDuration(p.sys.now - st.started));
      return seconds > 10 ? ok(`error: ${seconds.toFixed(6)}`, 500) : ok('ok');
    }
    if (st.mode === 'serve-hostname') return ok(p.sys.hostname);
    if (path === '/hostname') return ok(p.sys.hostname);
    if (path === '/echo') return ok(params.get('msg') ?? '');
    if (path === '/clientip') return ok(`${request.remoteIp}:40000`);
    if (path === '/exit') {
      p.timer(`exit:${params.get('code') ?? 0}`, 1);
      return ok('');
    }
    return ok('NOW: ' + new Date(p.sys.now).toISOString());
  },
  timer(p, name) {
    if (name.startsWith('exit:')) p.exit(Number(name.slice(5)));
  },
  // A Go binary: SIGTERM ends it (exit 2 as PID 1), so a failed liveness probe restarts it at once.
  // (`pause` waits for its signals itself; that is not modelled, as before.)
  signal(p, signal) {
    return p.state<AgnhostState | null>()?.mode === 'pause' ? false : goDefaultSignal(p, signal);
  },
};

function startLiveness(p: Proc): void {
  p.setState({ mode: 'liveness', started: p.sys.now } satisfies AgnhostState);
  p.listen(8080);
}

/** k8s.gcr.io/liveness's `/server`: agnhost's liveness mode on its own. */
export const liveness: ProcessProgram = {
  ...agnhost,
  name: 'liveness',
  start(p) {
    p.memory(4 * 1024 * 1024);
    startLiveness(p);
  },
};
