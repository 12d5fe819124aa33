// Node.js as the official node image runs it. The image's entrypoint puts `node` in front of
// arguments that are not commands; `node script.js` fails like Node when the file is missing, and
// otherwise runs the script as an app profile whose defaults are read from the script itself: the
// port it listens on (`listen(3000`, `PORT || 3000`), the lines it logs at start and the text it
// answers with. Labels (`dockyard.app.*`) override what the scan finds.

import { FsError } from '../fs/file-system.ts';
import { resolvePath } from '../fs/path.ts';
import { type AppProfile, profileRequest, profileSignal, profileTimer, startFromLabels } from './app-profile.ts';
import type { ProcessProgram } from './program.ts';

export const nodeEntrypoint: ProcessProgram = {
  kind: 'process',
  name: 'node-entrypoint',
  start(p) {
    let args = p.argv.slice(1);
    const first = args[0];
    const isCommand = first !== undefined && !first.startsWith('-') && p.sys.fs.stat(resolvePath(p.cwd, first))?.kind !== 'file' && runnable(p, first);
    if (first === undefined || !isCommand) args = ['node', ...args];
    const failed = p.exec(args);
    if (failed) {
      p.err(`/usr/local/bin/docker-entrypoint.sh: exec: line 11: ${args[0]}: not found\n`);
      p.exit(127);
    }
  },
};

function runnable(p: { sys: { fs: { stat(path: string): { mode: number } | undefined } }; getenv(n: string): string | undefined }, name: string): boolean {
  if (name.includes('/')) return ((p.sys.fs.stat(name)?.mode ?? 0) & 0o111) !== 0;
  return (p.getenv('PATH') ?? '').split(':').some((dir) => ((p.sys.fs.stat(`${dir}/${name}`)?.mode ?? 0) & 0o111) !== 0);
}

/** What a glance at a script tells: its port, its startup log lines and its reply. */
export function scanScript(source: string): Partial<AppProfile> {
  const port = /\.listen\(\s*(\d+)/.exec(source)?.[1] ?? /PORT\s*(?:\|\||\?\?)\s*(\d+)/.exec(source)?.[1];
  const logs = [...source.matchAll(/console\.log\(\s*(['"`])((?:(?!\1).)*)\1\s*\)/g)].map((m) => m[2]!.replace(/\$\{\s*(\w+)\s*\}/g, (_, v: string) => `\${${v === 'port' ? 'PORT' : v}}`));
  const reply = /res\.(?:send|end)\(\s*(['"`])((?:(?!\1).)*)\1/.exec(source)?.[2];
  return {
    ...(port ? { ports: [Number(port)] } : {}),
    logs,
    paths: [{ path: '/', status: 200, body: reply ?? '' }],
    memory: 42 * 1024 * 1024,
  };
}

export const node: ProcessProgram = {
  kind: 'process',
  name: 'node',
  start(p) {
    const args = p.argv.slice(1);
    const version = p.getenv('NODE_VERSION') ?? '20.18.1';
    if (args[0] === '-v' || args[0] === '--version') {
      p.out(`v${version}\n`);
      p.exit(0);
      return;
    }
    const script = args.find((a) => !a.startsWith('-'));
    if (script === undefined || args[0] === '-e') {
      if (p.interactive) p.out(`Welcome to Node.js v${version}.\nType ".help" for more information.\n`);
      p.exit(0);
      return;
    }
    const path = resolvePath(p.cwd, script);
    let source: string;
    try {
      source = p.sys.fs.readText(path.endsWith('.js') || p.sys.fs.stat(path) ? path : `${path}.js`);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      p.err(
        `node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '${path}'\n` +
          `    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\n    at Module._load (node:internal/modules/cjs/loader:1051:27)\n` +
          `    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)\n    at node:internal/main/run_main_module:28:49 {\n` +
          `  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v${version}\n`,
      );
      p.exit(1);
      return;
    }
    startFromLabels(p, scanScript(source));
  },
  timer: profileTimer,
  signal: profileSignal,
  request: (p, _port, request) => profileRequest(p, request.path),
};
