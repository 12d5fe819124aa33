// npm inside a RUN step: `npm ci` and `npm install` lay out node_modules from package-lock.json
// (or package.json), leaving devDependencies out with --omit=dev, --only=production, --production
// or NODE_ENV=production; npm keeps a copy of every tarball in its cache (~/.npm/_cacache), which
// is why a single-stage image carries it and a multi-stage one does not. `npm run build` writes
// dist/ (build/ for react-scripts) from the sources. Sizes and times are derived from the package
// names, so the same lockfile always gives the same layer.

import { digestOf } from '../digest.ts';
import type { Program, Shell, ShellIo } from './shell.ts';

interface Dependency {
  name: string;
  version: string;
  dev: boolean;
}

/** Roughly how big well-known packages are installed, in bytes; the rest get a size from their name. */
const KNOWN_SIZES: Record<string, number> = {
  typescript: 22_500_000,
  esbuild: 9_800_000,
  '@esbuild/linux-x64': 9_600_000,
  webpack: 5_400_000,
  'react-dom': 4_600_000,
  react: 320_000,
  express: 220_000,
  lodash: 1_400_000,
  jest: 40_000,
  eslint: 3_200_000,
  nodemon: 250_000,
  '@types/node': 2_300_000,
  'node-gyp': 1_200_000,
  pg: 120_000,
  redis: 95_000,
};

function packageSize(name: string, version: string): number {
  const known = KNOWN_SIZES[name];
  if (known !== undefined) return known;
  const hash = parseInt(digestOf(`${name}@${version}`).slice(7, 15), 16);
  return 8_000 + (hash % 420_000);
}

function flags(args: string[]): Set<string> {
  return new Set(args.filter((a) => a.startsWith('-')));
}

function readJson(shell: Shell, path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(shell.fs.readText(path)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function npmError(io: ShellIo, lines: string[]): void {
  io.stderr(lines.map((l) => `npm error ${l}`.trimEnd() + '\n').join(''));
}

/** Dependencies from the lockfile (v2/v3 `packages`, v1 `dependencies`), else from package.json. */
function dependencies(manifest: Record<string, unknown>, lock: Record<string, unknown> | undefined): Dependency[] {
  const out: Dependency[] = [];
  const packages = lock?.['packages'] as Record<string, { version?: string; dev?: boolean }> | undefined;
  if (packages !== undefined) {
    for (const [path, info] of Object.entries(packages)) {
      if (!path.startsWith('node_modules/')) continue;
      out.push({ name: path.slice('node_modules/'.length), version: info.version ?? '1.0.0', dev: info.dev === true });
    }
    return out;
  }
  const v1 = lock?.['dependencies'] as Record<string, { version?: string; dev?: boolean }> | undefined;
  if (v1 !== undefined) {
    for (const [name, info] of Object.entries(v1)) out.push({ name, version: info.version ?? '1.0.0', dev: info.dev === true });
    return out;
  }
  const deps = (manifest['dependencies'] ?? {}) as Record<string, string>;
  const devDeps = (manifest['devDependencies'] ?? {}) as Record<string, string>;
  for (const [name, range] of Object.entries(deps)) out.push({ name, version: range.replace(/^[\^~>=<\s]+/, '') || '1.0.0', dev: false });
  for (const [name, range] of Object.entries(devDeps)) out.push({ name, version: range.replace(/^[\^~>=<\s]+/, '') || '1.0.0', dev: true });
  return out;
}

function installTree(shell: Shell, io: ShellIo, root: string, deps: Dependency[]): boolean {
  const modules = `${root}/node_modules`;
  const parent = shell.fs.stat(modules) === undefined ? root : modules;
  if (!shell.canWrite(parent)) {
    npmError(io, ['code EACCES', 'syscall mkdir', `path ${modules}`, 'errno -13', `Error: EACCES: permission denied, mkdir '${modules}'`]);
    return false;
  }
  const owner = { uid: shell.uid, gid: shell.gid };
  shell.fs.mkdir(modules, { recursive: true, ...owner });
  const home = shell.env['HOME'] ?? (shell.uid === 0 ? '/root' : '/tmp');
  const cache = `${home}/.npm/_cacache/content-v2/sha512`;
  for (const dep of [...deps].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const dir = `${modules}/${dep.name}`;
    shell.fs.mkdir(dir, { recursive: true, ...owner });
    shell.fs.writeFile(`${dir}/package.json`, `${JSON.stringify({ name: dep.name, version: dep.version, main: 'index.js' }, null, 2)}\n`, owner);
    shell.fs.writeFile(`${dir}/index.js`, { size: packageSize(dep.name, dep.version), seed: `npm:${dep.name}@${dep.version}` }, owner);
    // The tarball npm downloaded stays in its cache (gzip: about a third of the unpacked size).
    const hex = digestOf(`${dep.name}@${dep.version}`).slice(7);
    const entry = `${cache}/${hex.slice(0, 2)}/${hex.slice(2, 4)}`;
    if (shell.fs.stat(`${entry}/${hex.slice(4)}`) === undefined) {
      shell.fs.mkdir(entry, { recursive: true, ...owner });
      shell.fs.writeFile(`${entry}/${hex.slice(4)}`, { size: Math.round(packageSize(dep.name, dep.version) / 3), seed: `npm-cache:${dep.name}@${dep.version}` }, owner);
    }
  }
  return true;
}

function summary(shell: Shell, io: ShellIo, count: number, started: number): void {
  const seconds = Math.max(1, Math.round((shell.elapsedMs - started) / 1000));
  io.stdout(`\nadded ${count} package${count === 1 ? '' : 's'}, and audited ${count + 1} packages in ${seconds}s\n`);
  const funding = Math.floor(count / 6);
  if (funding > 0) io.stdout(`\n${funding} package${funding === 1 ? ' is' : 's are'} looking for funding\n  run \`npm fund\` for details\n`);
  io.stdout('\nfound 0 vulnerabilities\n');
}

function install(args: string[], shell: Shell, io: ShellIo, clean: boolean): number {
  const opts = flags(args);
  const named = args.filter((a) => !a.startsWith('-'));
  const global = opts.has('-g') || opts.has('--global');
  const omitDev =
    args.includes('--omit=dev') || args.includes('--only=production') || args.includes('--only=prod') || opts.has('--production') || shell.env['NODE_ENV'] === 'production';
  if (args.includes('--only=production') || args.includes('--only=prod')) io.stderr('npm warn config only Use `--omit=dev` to omit dev dependencies from the install.\n');
  if (opts.has('--production')) io.stderr('npm warn config production Use `--omit=dev` instead.\n');
  const started = shell.elapsedMs;
  if (named.length > 0 || global) {
    const root = global ? '/usr/local/lib' : shell.cwd;
    const deps = named.map((spec) => {
      const at = spec.lastIndexOf('@');
      return at > 0 ? { name: spec.slice(0, at), version: spec.slice(at + 1), dev: false } : { name: spec, version: 'latest', dev: false };
    });
    shell.spend(600 + deps.length * 900);
    if (!installTree(shell, io, root, deps)) return 243;
    summary(shell, io, deps.length * 40, started);
    return 0;
  }
  const manifestPath = shell.resolve('package.json');
  const manifest = readJson(shell, manifestPath);
  if (manifest === undefined) {
    if (shell.fs.stat(manifestPath) !== undefined) {
      npmError(io, ['code EJSONPARSE', `path ${manifestPath}`, `JSON.parse Invalid package.json`]);
      return 1;
    }
    npmError(io, ['code ENOENT', 'syscall open', `path ${manifestPath}`, 'errno -2', `enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${manifestPath}'`, 'enoent This is related to npm not being able to find a file.', 'enoent']);
    return 254;
  }
  const lock = readJson(shell, shell.resolve('package-lock.json')) ?? readJson(shell, shell.resolve('npm-shrinkwrap.json'));
  if (clean && lock === undefined) {
    npmError(io, [
      'code EUSAGE',
      '',
      'The `npm ci` command can only install with an existing package-lock.json or',
      'npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or',
      'later to generate a package-lock.json file, then try again.',
      '',
      'Clean install a project',
      '',
      'Usage:',
      'npm ci',
    ]);
    return 1;
  }
  const all = dependencies(manifest, lock);
  const deps = all.filter((d) => !(omitDev && d.dev));
  if (clean) shell.fs.remove(shell.resolve('node_modules'), { recursive: true, force: true });
  // Resolving, fetching and unpacking: about 40 ms a package plus transfer time.
  const bytes = deps.reduce((n, d) => n + packageSize(d.name, d.version), 0);
  shell.spend(800 + deps.length * 40 + bytes / 20_000);
  if (!installTree(shell, io, shell.cwd, deps)) return 243;
  if (!clean && lock === undefined) {
    const packages: Record<string, unknown> = { '': { name: manifest['name'], version: manifest['version'] } };
    for (const d of all) packages[`node_modules/${d.name}`] = { version: d.version, ...(d.dev ? { dev: true } : {}) };
    shell.fs.writeFile(shell.resolve('package-lock.json'), `${JSON.stringify({ name: manifest['name'], lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
  }
  summary(shell, io, deps.length, started);
  return 0;
}

function runScript(args: string[], shell: Shell, io: ShellIo): number {
  const name = args.find((a) => !a.startsWith('-'));
  const manifest = readJson(shell, shell.resolve('package.json'));
  if (manifest === undefined) {
    npmError(io, ['code ENOENT', 'syscall open', `path ${shell.resolve('package.json')}`, 'errno -2', `enoent Could not read package.json`]);
    return 254;
  }
  const scripts = (manifest['scripts'] ?? {}) as Record<string, string>;
  if (name === undefined) {
    io.stdout(Object.keys(scripts).map((s) => `  ${s}\n    ${scripts[s]}\n`).join(''));
    return 0;
  }
  const script = scripts[name];
  if (script === undefined) {
    npmError(io, [`Missing script: "${name}"`, 'npm error', 'To see a list of scripts, run:', '  npm run']);
    return 1;
  }
  io.stdout(`\n> ${String(manifest['name'] ?? '')}@${String(manifest['version'] ?? '')} ${name}\n> ${script}\n\n`);
  if (name !== 'build' && !/\b(tsc|vite build|webpack|react-scripts build|ng build|next build)\b/.test(script)) {
    io.stderr(`dockyard: the script "${script}" is not simulated; it changed nothing\n`);
    return 0;
  }
  return build(script, shell, io);
}

/** A build: every source file (src/ when there is one) compiled into dist/ (build/ for react-scripts). */
function build(script: string, shell: Shell, io: ShellIo): number {
  const out = shell.resolve(/react-scripts|ng build/.test(script) ? 'build' : 'dist');
  const srcDir = shell.fs.stat(shell.resolve('src'))?.kind === 'dir' ? shell.resolve('src') : shell.cwd;
  const files = [...shell.fs.walk(srcDir)].filter(
    (e) => e.stat.kind === 'file' && /\.(m?[jt]sx?|css|html|json)$/.test(e.path) && !e.path.includes('/node_modules/') && !e.path.startsWith(`${out}/`) && !/\/(package(-lock)?|tsconfig)\.json$/.test(e.path),
  );
  if (files.length === 0) {
    io.stderr(`error: no source files found in ${srcDir}\n`);
    return 1;
  }
  if (!shell.canWrite(shell.cwd)) {
    io.stderr(`Error: EACCES: permission denied, mkdir '${out}'\n`);
    return 1;
  }
  const owner = { uid: shell.uid, gid: shell.gid };
  shell.fs.mkdir(out, { recursive: true, ...owner });
  let bytes = 0;
  for (const { path } of files) {
    const relative = path.slice(srcDir.length + 1).replace(/\.tsx?$/, '.js');
    const target = `${out}/${relative}`;
    shell.fs.mkdir(target.slice(0, target.lastIndexOf('/')), { recursive: true, ...owner });
    const text = shell.fs.readText(path);
    shell.fs.writeFile(target, `"use strict";\n${text}`, owner);
    bytes += text.length;
  }
  shell.spend(1200 + files.length * 30 + bytes / 50);
  io.stdout(`built ${files.length} file${files.length === 1 ? '' : 's'} into ${out.slice(shell.cwd.length + 1) || out}\n`);
  return 0;
}

const npm: Program = (args, shell, io) => {
  const [command, ...rest] = args;
  switch (command) {
    case 'ci':
    case 'clean-install':
      return install(rest, shell, io, true);
    case 'install':
    case 'i':
    case 'add':
      return install(rest, shell, io, false);
    case 'run':
    case 'run-script':
      return runScript(rest, shell, io);
    case 'start':
    case 'test':
      return runScript([command, ...rest], shell, io);
    case 'cache':
      if (rest[0] === 'clean') {
        const home = shell.env['HOME'] ?? '/root';
        shell.fs.remove(`${home}/.npm/_cacache`, { recursive: true, force: true });
        if (!rest.includes('--force')) io.stderr('npm warn using --force Recommended protections disabled.\n');
      }
      return 0;
    case '--version':
    case '-v':
      io.stdout('10.8.2\n');
      return 0;
    default:
      io.stderr(`dockyard: "npm ${command ?? ''}" is not simulated; it changed nothing\n`);
      return 0;
  }
};

/** yarn install follows npm install; yarn build / yarn run build follow npm run build. */
const yarn: Program = (args, shell, io) => {
  const [command = 'install', ...rest] = args;
  if (command === 'install') return install(rest.map((a) => (a === '--production' ? '--omit=dev' : a)), shell, io, false);
  return runScript(command === 'run' ? rest : [command, ...rest], shell, io);
};

export const NODE_TOOLS: Record<string, Program> = { npm, yarn };
