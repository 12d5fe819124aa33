// hello-app, the GKE quickstart's Go web server (GoogleCloudPlatform/kubernetes-engine-samples,
// quickstarts/hello-app/main.go): it listens on $PORT (the image sets 8080), logs
// `Server listening on port 8080` and one `Serving request: <path>` line per request through Go's
// log package (stderr, `2025/01/01 00:00:05 ` prefix), and answers every path with three lines:
// `Hello, world!`, `Version: <version>` (1.0.0 in the 1.0 image, 2.0.0 in 2.0) and
// `Hostname: <os.Hostname()>` - in a pod, the pod's name.

import { httpDate } from '../network/http.ts';
import { VIRTUAL_EPOCH_MS } from '../sim/wall-time.ts';
import { goDefaultSignal, goLog } from './go-runtime.ts';
import type { ProcessProgram } from './program.ts';

/** The hello-app binary of one image version. */
export function helloApp(name: string, version: string): ProcessProgram {
  return {
    kind: 'process',
    name,
    start(p) {
      const port = p.getenv('PORT') || '8080';
      // A small static Go binary: a few MiB resident.
      p.memory(6 * 1024 * 1024);
      goLog(p, `Server listening on port ${port}`);
      p.listen(Number(port));
    },
    request(p, _port, request) {
      goLog(p, `Serving request: ${request.path.split('?')[0]}`);
      const body = `Hello, world!\nVersion: ${version}\nHostname: ${p.sys.hostname}\n`;
      return {
        status: 200,
        headers: [
          ['Date', httpDate(VIRTUAL_EPOCH_MS + p.sys.now)],
          ['Content-Length', String(body.length)],
          ['Content-Type', 'text/plain; charset=utf-8'],
        ],
        body: request.method === 'HEAD' ? '' : body,
      };
    },
    signal: goDefaultSignal,
  };
}
