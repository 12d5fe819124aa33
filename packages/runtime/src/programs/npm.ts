// npm as a container's command (`command: npm run dev`, `CMD ["npm", "start"]`): it prints the
// script it runs (`> compose-app@1.0.0 dev` / `> nodemon --watch src src/server.js`) and runs it
// through `sh -c` with node_modules/.bin on PATH, as npm does. nodemon, the dev-time restarter of
// the tutorial's override, prints its banner and runs the script under node. (`npm ci` during a
// build is the build shell's npm, image/build/npm.ts.)

import type { Proc, ProcessProgram } from './program.ts';

const NPM_VERSION = '10.8.2';
/** nodemon's flags that take a value (nodemon --help options). */
const NODEMON_VALUE_FLAGS = new Set(['--watch', '-w', '--ext', '-e', '--ignore', '-i', '--delay', '-d', '--signal', '--exec', '-x', '--config', '--spawn']);

function npmError(p: Proc, lines: string[], code: number): void {
  p.err(lines.map((line) => `npm error ${line}`.trimEnd() + '\n').join(''));
  p.exit(code);
}

function readManifest(p: Proc): Record<string, unknown> | undefined {
  try {
    return JSON.parse(p.sys.fs.readText(`${p.cwd.replace(/\/$/, '')}/package.json`)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export const npm: ProcessProgram = {
  kind: 'process',
  name: 'npm',
  start(p) {
    const [command, ...rest] = p.argv.slice(1);
    if (command === '-v' || command === '--version') {
      p.out(`${NPM_VERSION}\n`);
      p.exit(0);
      return;
    }
    const name = command === 'run' || command === 'run-script' ? rest.find((a) => !a.startsWith('-')) : command === 'start' || command === 'test' ? command : undefined;
    if (name === undefined) {
      npmError(p, [`dockyard: \`npm ${p.argv.slice(1).join(' ')}\` runs only during an image build (RUN); a container runs \`npm run <script>\`, \`npm start\` and \`npm test\``], 1);
      return;
    }
    const manifest = readManifest(p);
    if (manifest === undefined) {
      const path = `${p.cwd.replace(/\/$/, '')}/package.json`;
      npmError(p, ['code ENOENT', 'syscall open', `path ${path}`, 'errno -2', `enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${path}'`], 254);
      return;
    }
    const scripts = (manifest['scripts'] ?? {}) as Record<string, string>;
    const script = scripts[name] ?? (name === 'start' && p.sys.fs.stat(`${p.cwd}/server.js`) ? 'node server.js' : undefined);
    if (script === undefined) {
      npmError(p, [`Missing script: "${name}"`, '', 'To see a list of scripts, run:', '  npm run'], 1);
      return;
    }
    p.out(`\n> ${String(manifest['name'] ?? '')}@${String(manifest['version'] ?? '')} ${name}\n> ${script}\n\n`);
    const bin = `${p.cwd.replace(/\/$/, '')}/node_modules/.bin`;
    const env = [
      ...p.environ().map((e) => (e.startsWith('PATH=') ? `PATH=${bin}:${e.slice(5)}` : e)),
      `npm_lifecycle_event=${name}`,
      `npm_package_name=${String(manifest['name'] ?? '')}`,
      `npm_package_version=${String(manifest['version'] ?? '')}`,
    ];
    const words = script.trim().split(/\s+/);
    if (words[0] === 'nodemon' && p.sys.fs.stat(`${bin}/nodemon`) === undefined && p.sys.fs.stat(`${p.cwd}/node_modules/nodemon`) !== undefined) {
      nodemon(p, words.slice(1), env);
      return;
    }
    const failed = p.exec(['sh', '-c', script], env);
    if (failed) {
      p.err(`sh: ${words[0]}: not found\n`);
      npmError(p, [`Lifecycle script \`${name}\` failed with error:`, 'code 127', `path ${p.cwd}`, `event ${name}`, `script ${script}`], 127);
    }
  },
};

/** nodemon's banner, then the script under node (nodemon restarts it on changes; files do not change here). */
function nodemon(p: Proc, args: string[], env: string[]): void {
  const watched: string[] = [];
  let ext = 'js,mjs,cjs,json';
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (NODEMON_VALUE_FLAGS.has(arg)) {
      const value = args[++i] ?? '';
      if (arg === '--watch' || arg === '-w') watched.push(value);
      if (arg === '--ext' || arg === '-e') ext = value;
      continue;
    }
    if (arg.startsWith('-')) continue;
    positional.push(arg, ...args.slice(i + 1));
    break;
  }
  let version = '3.1.9';
  try {
    version = String((JSON.parse(p.sys.fs.readText(`${p.cwd}/node_modules/nodemon/package.json`)) as { version?: string }).version ?? version);
  } catch {
    // the version npm ci wrote stays the default
  }
  const paths = watched.length === 0 ? ['*.*'] : watched.map((w) => (p.sys.fs.stat(`${p.cwd}/${w}`)?.kind === 'dir' ? `${w.replace(/\/$/, '')}/**/*` : w));
  const command = ['node', ...positional];
  p.out(
    `[nodemon] ${version}\n[nodemon] to restart at any time, enter \`rs\`\n[nodemon] watching path(s): ${paths.join(' ')}\n` +
      `[nodemon] watching extensions: ${ext}\n[nodemon] starting \`${command.join(' ')}\`\n`,
  );
  const failed = p.exec(command, env);
  if (failed) {
    p.err(`${failed.error}\n`);
    p.exit(failed.status);
  }
}
