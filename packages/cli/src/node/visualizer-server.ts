// Serves the visualizer's built page (packages/visualizer/dist) on loopback, building it with
// Vite first when there is no build yet (a fresh clone has none). Static files only: the engine
// runs in the page, so nothing here simulates anything.

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseVisualizeArgs, VISUALIZE_HELP } from '../commands/visualize.ts';
import { CommandError } from '../session.ts';

/**
 * The visualizer package, next to this one in the repository. Found by walking up, because this
 * module runs from src/node/ in tests and from dist/ when bundled.
 */
export const VISUALIZER_DIR = findVisualizerDir(fileURLToPath(new URL('.', import.meta.url)));

function findVisualizerDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'packages', 'visualizer');
    if (existsSync(join(candidate, 'package.json'))) return candidate + sep;
    if (dirname(dir) === dir) throw new Error(`cannot find packages/visualizer above ${from}`);
  }
}

/** Where the page is built to and served from: $DOCKYARD_VISUALIZER_DIST, else the package's dist/. */
export function visualizerDist(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolve(env['DOCKYARD_VISUALIZER_DIST'] || join(VISUALIZER_DIR, 'dist'));
}

export function isBuilt(dist: string): boolean {
  return existsSync(join(dist, 'index.html'));
}

/** Builds the page into `outDir` with the visualizer's own Vite and config. */
export async function buildVisualizer(outDir: string): Promise<void> {
  const require = createRequire(join(VISUALIZER_DIR, 'package.json'));
  const vite = (await import(pathToFileURL(require.resolve('vite')).href)) as typeof import('vite');
  await vite.build({
    configFile: join(VISUALIZER_DIR, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface VisualizerServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves `dist` on 127.0.0.1:`port` (0 picks a free port). */
export function serveVisualizer(dist: string, port: number): Promise<VisualizerServer> {
  const root = resolve(dist);
  const server = createServer((request, response) => {
    const send = (status: number, text: string) => {
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      response.end(request.method === 'HEAD' ? undefined : text);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(405, 'method not allowed\n');
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    let file = resolve(root, '.' + path);
    // Never hand out anything outside the build (`/../../etc/passwd`, encoded or not).
    if (file !== root && !file.startsWith(root + sep)) return send(404, 'not found\n');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) return send(404, 'not found\n');
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'x-content-type-options': 'nosniff',
      // Hashed asset names change with their content; the page itself is always asked for afresh.
      'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (request.method === 'HEAD') return response.end();
    createReadStream(file).pipe(response);
  });
  return listen(server, port);
}

function listen(server: Server, port: number): Promise<VisualizerServer> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      const actual = typeof address === 'object' && address !== null ? address.port : port;
      resolvePromise({
        url: `http://127.0.0.1:${actual}/`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** `dockyard visualize`: builds the page if needed, serves it, and stops on Ctrl-C or SIGTERM. */
export async function runVisualize(args: readonly string[], stdout: (text: string) => void): Promise<number> {
  const options = parseVisualizeArgs(args);
  if (options.help) {
    stdout(VISUALIZE_HELP);
    return 0;
  }
  const dist = visualizerDist();
  if (options.rebuild || !isBuilt(dist)) {
    stdout(`Building the visualizer into ${dist} ...\n`);
    try {
      await buildVisualizer(dist);
    } catch (error) {
      throw new CommandError(`error: building the visualizer failed: ${(error as Error).message}`);
    }
  }
  let server: VisualizerServer;
  try {
    server = await serveVisualizer(dist, options.port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CommandError(`error: port ${options.port} on 127.0.0.1 is in use; pass --port N (0 picks a free one)`);
    }
    throw error;
  }
  stdout(`Dockyard visualizer: ${server.url}\nThe engine runs in the page; this server only hands out its files. Press Ctrl-C to stop.\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  await server.close();
  return 0;
}
