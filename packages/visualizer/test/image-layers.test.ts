// An image's layers and the cache hits of its last build, as the image panel reads them: built
// twice from the same Dockerfile through the page's terminal (the CLI's runCommand), the second
// build takes every step from the cache; after a source change only the steps from the changed
// COPY on run again. The layers and their sizes are `docker history`'s rows, oldest first.

import { beforeAll, describe, expect, it } from 'vitest';
import { DOCKER_HOST, imageLayers, worldImages } from '../src/cluster/image-layers.ts';
import { TimeMachine } from '../src/time/time-machine.ts';

const DOCKERFILE = 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n';
const PACKAGE_JSON = '{"name":"hello","version":"1.0.0","dependencies":{}}\n';
const SERVER_JS = 'console.log("hello");\n';

let m: TimeMachine;

async function run(line: string): Promise<{ stdout: string; stderr: string }> {
  const out = await m.run(line);
  expect(out.exitCode, `${line}\n${out.stderr}`).toBe(0);
  return out;
}

/** `CACHED [2/5] WORKDIR /app` per step of the panel's last build. */
function steps(): string[] {
  return imageLayers(m.world, DOCKER_HOST, 'hello:1')!.lastBuild!.steps.map((s) => `${s.cached ? 'CACHED' : 'built'} ${s.step.replace(/@sha256:[0-9a-f]{64}$/, '')}`);
}

/** `docker history --no-trunc` as (CREATED BY, SIZE) pairs, cut at the header's columns, oldest first. */
function historyTable(out: string): [string, string][] {
  const [header, ...rows] = out.trimEnd().split('\n');
  const by = header!.indexOf('CREATED BY');
  const size = header!.indexOf('SIZE');
  const comment = header!.indexOf('COMMENT');
  return rows.map((row) => [row.slice(by, size).trimEnd(), row.slice(size, comment).trimEnd()] as [string, string]).reverse();
}

beforeAll(async () => {
  m = new TimeMachine({ seed: 5 });
  await m.writeFile('app/Dockerfile', DOCKERFILE);
  await m.writeFile('app/package.json', PACKAGE_JSON);
  await m.writeFile('app/server.js', SERVER_JS);
});

describe("an image's layers and its last build", () => {
  it('a first build runs every step; the second takes them all from the cache', async () => {
    const first = await run('docker build -t hello:1 app');
    expect(first.stderr).not.toContain('CACHED');
    expect(steps()).toEqual(['built [1/5] FROM docker.io/library/node:20-alpine', 'built [2/5] WORKDIR /app', 'built [3/5] COPY package.json ./', 'built [4/5] RUN npm install', 'built [5/5] COPY . .']);
    const second = await run('docker build -t hello:1 app');
    // What the build printed is what the panel says.
    expect(second.stderr.match(/#\d+ CACHED/g)).toHaveLength(4);
    expect(steps()).toEqual(['built [1/5] FROM docker.io/library/node:20-alpine', 'CACHED [2/5] WORKDIR /app', 'CACHED [3/5] COPY package.json ./', 'CACHED [4/5] RUN npm install', 'CACHED [5/5] COPY . .']);
    const panel = imageLayers(m.world, DOCKER_HOST, 'hello:1')!;
    expect(panel.lastBuild!.t).toBe(m.world.engine.log.records().filter((r) => r.type === 'image.built').at(-1)!.t);
  });

  it("lists the layers oldest first with docker history's instructions and sizes", async () => {
    const history = historyTable((await run('docker history --no-trunc hello:1')).stdout);
    const panel = imageLayers(m.world, DOCKER_HOST, 'hello:1')!;
    expect(panel.layers.map((l) => [l.createdBy, l.size])).toEqual(history);
    // The build's own steps are the newest rows; a layer's size is the bytes of its files (COPY . .
    // copies the three); metadata steps are 0B and have no layer.
    // Each of the build's steps is beside the entry it made, with its cache hit.
    expect(panel.layers.slice(-6).map((l) => `${l.createdBy} ${l.size}${l.empty ? ' (metadata)' : ''}${l.step ? ` ← ${l.step.cached ? 'CACHED' : 'built'} ${l.step.step}` : ''}`)).toEqual([
      'WORKDIR /app 0B ← CACHED [2/5] WORKDIR /app',
      `COPY package.json ./ # buildkit ${PACKAGE_JSON.length}B ← CACHED [3/5] COPY package.json ./`,
      'RUN /bin/sh -c npm install # buildkit 151B ← CACHED [4/5] RUN npm install',
      `COPY . . # buildkit ${DOCKERFILE.length + PACKAGE_JSON.length + SERVER_JS.length}B ← CACHED [5/5] COPY . .`,
      'EXPOSE map[3000/tcp:{}] 0B (metadata)',
      'CMD ["node" "server.js"] 0B (metadata)',
    ]);
    // The base image's entries (node:20-alpine's own RUNs among them) came from no step of this build.
    expect(panel.layers.slice(0, -6).filter((l) => l.step !== undefined)).toEqual([]);
    expect(panel.layers.slice(0, -6).some((l) => l.createdBy.startsWith('RUN '))).toBe(true);
    const images = (await run('docker images')).stdout;
    expect(images).toMatch(new RegExp(`^hello\\s+1\\s+${panel.id.slice(7, 19)}\\s+.+\\s${panel.size.replace('.', '\\.')}\\n$`, 'm'));
    expect(worldImages(m.world).filter((i) => i.where === DOCKER_HOST)).toEqual([{ where: DOCKER_HOST, reference: 'hello:1', id: panel.id, size: panel.size }]);
  });

  it('after a source change, the steps before the changed COPY stay cached', async () => {
    await m.writeFile('app/server.js', 'console.log("hello again");\n');
    const out = await run('docker build -t hello:1 app');
    expect(out.stderr.match(/#\d+ CACHED/g)).toHaveLength(3);
    expect(steps()).toEqual(['built [1/5] FROM docker.io/library/node:20-alpine', 'CACHED [2/5] WORKDIR /app', 'CACHED [3/5] COPY package.json ./', 'CACHED [4/5] RUN npm install', 'built [5/5] COPY . .']);
  });

  it('an image pulled onto a node has layers but no build', async () => {
    await run('kubectl run web --image=nginx:1.25');
    await run('advance 30s');
    const node = m.world.cluster.store.get('Pod', 'default', 'web').spec!.nodeName!;
    expect(worldImages(m.world).some((i) => i.where === node && i.reference === 'nginx:1.25')).toBe(true);
    const panel = imageLayers(m.world, node, 'nginx:1.25')!;
    expect(panel.lastBuild).toBeUndefined();
    expect(panel.layers.filter((l) => !l.empty).length).toBe(m.world.cluster.node(node)!.images.store.resolve('nginx:1.25')!.layers.length);
    expect(imageLayers(m.world, DOCKER_HOST, 'nginx:1.25')).toBeUndefined();
  });
});
