// agnhost, the Kubernetes e2e test image the task pages use: `liveness` (HTTP /healthz answers
// 200 for the first 10 seconds, then 500), `netexec` (/hostname, /echo?msg=, /exit?code=),
// `serve-hostname` (its hostname on 9376) and `pause`.

import type { ProcessProgram } from './program.ts';

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
        p.listen(8080);
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
};
