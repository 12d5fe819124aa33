// A real HTTP listener on 127.0.0.1 for `kubectl port-forward`: each request a program on this
// machine sends (curl, a browser) is handed to the simulated pod and its answer written back.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRequest, HttpResponse } from '@dockyard/runtime';

export function listenLoopback(port: number, handle: (request: Omit<HttpRequest, 'remoteIp'>) => HttpResponse | undefined): Promise<{ port: number; close(): void }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      const answer = handle({ method: req.method ?? 'GET', path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') });
      // A refused connection inside the pod: the real port-forward drops the stream.
      if (answer === undefined) return void res.destroy();
      res.writeHead(answer.status, answer.headers.filter(([name]) => !/^(content-length|transfer-encoding|connection)$/i.test(name)));
      res.end(answer.body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code === 'EADDRINUSE' ? 'bind: address already in use' : error.message)));
    server.listen(port, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => {
          server.close();
          server.closeAllConnections();
        },
      });
    });
  });
}
