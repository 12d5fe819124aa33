// `dockyard visualize` builds the page when there is no build yet, serves it on 127.0.0.1 only,
// hands out nothing outside the build, and stops cleanly.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox } from './support/run-dockyard.ts';

const bin = join(import.meta.dirname, '../bin/dockyard.js');
let child: ChildProcess;
let url: string;
let output = '';
const dist = join(mkdtempSync(join(tmpdir(), 'dockyard-visualize-')), 'dist');

beforeAll(async () => {
  child = spawn(process.execPath, [bin, 'visualize', '--port', '0'], { env: { ...process.env, DOCKYARD_VISUALIZER_DIST: dist } });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Dockyard visualizer: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}, 120_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGTERM');
});

/** A raw GET (fetch would normalise `..` away before it reaches the server). */
function get(path: string, method = 'GET'): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url), { path, method }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('dockyard visualize', () => {
  it('builds the page on first use and prints where it is served', () => {
    expect(output).toContain(`Building the visualizer into ${dist} ...\n`);
    expect(output).toMatch(/Dockyard visualizer: http:\/\/127\.0\.0\.1:\d+\/\nThe engine runs in the page; this server only hands out its files\. Press Ctrl-C to stop\.\n$/);
  });

  it('serves the page and its assets with their types', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<div id="app"></div>');
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page.body)![1]!;
    const asset = await get(`/${script}`);
    expect([asset.status, asset.type]).toEqual([200, 'text/javascript; charset=utf-8']);
  });

  it('hands out nothing outside the build and only answers GET and HEAD', async () => {
    expect((await get('/../../../../etc/passwd')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/', 'POST')).status).toBe(405);
    expect((await get('/', 'HEAD')).status).toBe(200);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad port and prints its help', () => {
    const { dockyard } = sandbox();
    expect(dockyard('visualize', '--port', 'http')).toMatchObject({ status: 1, stderr: 'error: --port takes a port number from 0 to 65535, not "http"\n' });
    expect(dockyard('visualize', '--bind', '0.0.0.0')).toMatchObject({ status: 1 });
    const help = dockyard('visualize', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage:\n  dockyard visualize [--port N] [--rebuild]\n');
  });
});
