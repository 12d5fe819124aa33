#!/usr/bin/env node
// The dockyard command. The sources are TypeScript in three packages; they are bundled with
// esbuild into dist/dockyard.mjs, which starts about four times faster than compiling every module
// on each run. The bundle is rebuilt whenever a source or package manifest is newer than it, so
// an edit (or a fresh clone) never runs stale code.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(cliDir, '..');
const bundle = join(cliDir, 'dist', 'dockyard.mjs');

/** Newest modification time of the sources the bundle is made from. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const pkg of ['runtime', 'scheduler', 'cli']) {
    walk(join(packagesDir, pkg, 'src'));
    newest = Math.max(newest, statSync(join(packagesDir, pkg, 'package.json')).mtimeMs);
  }
  // The built-in demos are example scenarios bundled as text.
  const examples = join(packagesDir, '..', 'examples');
  for (const entry of readdirSync(examples, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    try {
      newest = Math.max(newest, statSync(join(examples, entry.name, 'scenario.yaml')).mtimeMs);
    } catch {
      // An example without a scenario.
    }
  }
  return newest;
}

function bundleTime() {
  try {
    return statSync(bundle).mtimeMs;
  } catch {
    return -1;
  }
}

if (bundleTime() < newestSource()) {
  const { build } = await import('esbuild');
  mkdirSync(dirname(bundle), { recursive: true });
  // Build beside the bundle and rename, so that commands started at the same time never load half a file.
  const temp = `${bundle}.${process.pid}.tmp.mjs`;
  await build({
    entryPoints: [join(cliDir, 'src', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: temp,
    logLevel: 'error',
    // `import text from './file?raw'` (as Vite reads it): the file's text.
    plugins: [
      {
        name: 'raw',
        setup(build) {
          build.onResolve({ filter: /\?raw$/ }, (args) => ({ path: join(args.resolveDir, args.path.slice(0, -'?raw'.length)), namespace: 'raw' }));
          build.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
        },
      },
    ],
    // Bundled CommonJS dependencies still call require().
    banner: { js: "import { createRequire as __dockyardRequire } from 'node:module'; const require = __dockyardRequire(import.meta.url);" },
  });
  renameSync(temp, bundle);
}

await import(pathToFileURL(bundle).href);
