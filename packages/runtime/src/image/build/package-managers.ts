// apk (Alpine), apt-get (Debian, Ubuntu) and pip inside a RUN step. Installing a package puts its
// programs on the PATH as marker files (so later steps and containers find them) and its files as
// synthetic content of a plausible size; apt-get needs `apt-get update` first and `-y`, and leaves
// its lists in /var/lib/apt/lists until they are removed, exactly what the best practices are about.

import { digestOf } from '../digest.ts';
import { programMarker } from '../../registry/base-image.ts';
import type { Program, Shell, ShellIo } from './shell.ts';

/** Installed sizes of common packages in bytes (the rest get one from their name). */
const SIZES: Record<string, number> = {
  git: 14_800_000,
  curl: 1_100_000,
  wget: 900_000,
  bash: 1_600_000,
  python3: 48_000_000,
  'build-essential': 198_000_000,
  'build-base': 210_000_000,
  gcc: 105_000_000,
  g__: 40_000_000,
  make: 1_000_000,
  openssl: 3_000_000,
  'ca-certificates': 700_000,
  tzdata: 3_500_000,
  vim: 35_000_000,
  postgresql_client: 12_000_000,
  'libpq-dev': 1_200_000,
  jq: 700_000,
  tini: 100_000,
  'dumb-init': 60_000,
};

function sizeOf(name: string): number {
  return SIZES[name.replace(/[+-]/g, '_')] ?? SIZES[name] ?? 150_000 + (parseInt(digestOf(name).slice(7, 15), 16) % 3_000_000);
}

function versionOf(name: string): string {
  const h = parseInt(digestOf(`version:${name}`).slice(7, 11), 16);
  return `${1 + (h % 9)}.${(h >> 4) % 20}.${h % 7}`;
}

/** Files of an installed package: its program and its bulk. */
function installFiles(shell: Shell, name: string, libDir: string): void {
  const bin = name === 'python3' ? '/usr/bin/python3' : `/usr/bin/${name}`;
  shell.fs.mkdir('/usr/bin', { recursive: true });
  if (shell.fs.stat(bin) === undefined) shell.fs.writeFile(bin, programMarker(name), { mode: 0o755 });
  shell.fs.mkdir(`${libDir}/${name}`, { recursive: true });
  shell.fs.writeFile(`${libDir}/${name}/${name}.so`, { size: sizeOf(name), seed: `pkg:${name}` });
}

function rootOnly(shell: Shell, io: ShellIo, message: string): boolean {
  if (shell.uid === 0) return true;
  io.stderr(message);
  return false;
}

const apk: Program = (args, shell, io) => {
  const [command, ...rest] = args;
  const names = rest.filter((a) => !a.startsWith('-'));
  const noCache = rest.includes('--no-cache');
  const release = (shell.fs.stat('/etc/alpine-release') ? shell.fs.readText('/etc/alpine-release').trim() : '3.20').split('.').slice(0, 2).join('.');
  const fetch = () => {
    io.stdout(`fetch https://dl-cdn.alpinelinux.org/alpine/v${release}/main/x86_64/APKINDEX.tar.gz\n`);
    io.stdout(`fetch https://dl-cdn.alpinelinux.org/alpine/v${release}/community/x86_64/APKINDEX.tar.gz\n`);
    shell.spend(900);
  };
  if (!rootOnly(shell, io, 'ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n')) return 99;
  if (command === 'update') {
    fetch();
    if (!noCache) {
      shell.fs.mkdir('/var/cache/apk', { recursive: true });
      shell.fs.writeFile(`/var/cache/apk/APKINDEX.${digestOf(release).slice(7, 15)}.tar.gz`, { size: 2_400_000, seed: `apkindex:${release}` });
    }
    io.stdout(`v${release}.0-0 [https://dl-cdn.alpinelinux.org/alpine/v${release}/main]\nOK: 24000 distinct packages available\n`);
    return 0;
  }
  if (command === 'add') {
    if (names.length === 0) return 0;
    fetch();
    const world = shell.fs.stat('/etc/apk/world') ? shell.fs.readText('/etc/apk/world') : '';
    names.forEach((name, i) => {
      io.stdout(`(${i + 1}/${names.length}) Installing ${name} (${versionOf(name)}-r0)\n`);
      installFiles(shell, name, '/usr/lib');
      shell.spend(150 + sizeOf(name) / 20_000);
    });
    shell.fs.writeFile('/etc/apk/world', world + names.filter((n) => !world.split('\n').includes(n)).map((n) => `${n}\n`).join(''));
    const total = names.reduce((n, name) => n + sizeOf(name), 0) + 7_000_000;
    io.stdout(`OK: ${Math.round(total / 1_048_576)} MiB in ${14 + names.length} packages\n`);
    return 0;
  }
  if (command === 'del') {
    for (const name of names) shell.fs.remove(`/usr/lib/${name}`, { recursive: true, force: true });
    return 0;
  }
  io.stderr(`dockyard: "apk ${command ?? ''}" is not simulated; it changed nothing\n`);
  return 0;
};

const aptGet: Program = (args, shell, io) => {
  const [command, ...rest] = args.filter((a, i) => !(a.startsWith('-') && i === 0));
  const names = rest.filter((a) => !a.startsWith('-'));
  const assumeYes = rest.some((a) => a === '-y' || a === '--yes' || a === '--assume-yes' || a === '-qq' || /^-[a-z]*y/.test(a));
  const codename = /VERSION_CODENAME=(\w+)/.exec(shell.fs.stat('/etc/os-release') ? shell.fs.readText('/etc/os-release') : '')?.[1] ?? 'bookworm';
  const debian = !(shell.fs.stat('/etc/os-release') && shell.fs.readText('/etc/os-release').includes('ID=ubuntu'));
  const mirror = debian ? 'http://deb.debian.org/debian' : 'http://archive.ubuntu.com/ubuntu';
  if (!rootOnly(shell, io, 'E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\n')) return 100;
  const lists = '/var/lib/apt/lists';
  if (command === 'update') {
    const sources = [`${codename} InRelease [151 kB]`, `${codename}-updates InRelease [55.4 kB]`, `${codename}/main amd64 Packages [8788 kB]`];
    sources.forEach((s, i) => io.stdout(`Get:${i + 1} ${mirror} ${s}\n`));
    io.stdout(`Fetched 9046 kB in 1s (${Math.round(9046 / 1.2)} kB/s)\nReading package lists...\n`);
    shell.fs.mkdir(`${lists}/partial`, { recursive: true });
    shell.fs.writeFile(`${lists}/deb.debian.org_debian_dists_${codename}_main_binary-amd64_Packages.lz4`, { size: 44_000_000, seed: `apt-lists:${codename}` });
    shell.fs.writeFile(`${lists}/lock`, '');
    shell.spend(2400);
    return 0;
  }
  if (command === 'install') {
    io.stdout('Reading package lists...\n');
    const hasLists = shell.fs.stat(lists)?.kind === 'dir' && shell.fs.readdir(lists).some((n) => n.endsWith('Packages.lz4'));
    if (!hasLists) {
      io.stdout('Building dependency tree...\nReading state information...\n');
      io.stderr(`E: Unable to locate package ${names[0] ?? ''}\n`);
      return 100;
    }
    io.stdout('Building dependency tree...\nReading state information...\n');
    io.stdout(`The following NEW packages will be installed:\n  ${names.join(' ')}\n`);
    const total = names.reduce((n, name) => n + sizeOf(name), 0);
    io.stdout(`0 upgraded, ${names.length} newly installed, 0 to remove and 0 not upgraded.\n`);
    io.stdout(`After this operation, ${(total / 1_000_000).toFixed(1)} MB of additional disk space will be used.\n`);
    if (!assumeYes) {
      io.stdout('Do you want to continue? [Y/n] Abort.\n');
      return 1;
    }
    names.forEach((name, i) => {
      io.stdout(`Get:${i + 1} ${mirror} ${codename}/main amd64 ${name} amd64 ${versionOf(name)} [${Math.round(sizeOf(name) / 3000)} kB]\n`);
      installFiles(shell, name, '/usr/lib/x86_64-linux-gnu');
      shell.spend(200 + sizeOf(name) / 15_000);
    });
    for (const name of names) io.stdout(`Setting up ${name} (${versionOf(name)}) ...\n`);
    // Downloaded .deb files stay in /var/cache/apt/archives until `apt-get clean`.
    shell.fs.mkdir('/var/cache/apt/archives', { recursive: true });
    for (const name of names) shell.fs.writeFile(`/var/cache/apt/archives/${name}_${versionOf(name)}_amd64.deb`, { size: Math.round(sizeOf(name) / 3), seed: `deb:${name}` });
    return 0;
  }
  if (command === 'clean' || command === 'autoclean') {
    shell.fs.remove('/var/cache/apt/archives', { recursive: true, force: true });
    return 0;
  }
  if (command === 'upgrade' || command === 'dist-upgrade' || command === 'autoremove') {
    io.stdout('Reading package lists...\nBuilding dependency tree...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return 0;
  }
  io.stderr(`dockyard: "apt-get ${command ?? ''}" is not simulated; it changed nothing\n`);
  return 0;
};

/** pip install NAME... / -r requirements.txt; python -m pip install ... */
const pip: Program = (args, shell, io) => {
  const [command, ...rest] = args;
  if (command !== 'install') {
    io.stderr(`dockyard: "pip ${command ?? ''}" is not simulated; it changed nothing\n`);
    return 0;
  }
  const names: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '-r' || arg === '--requirement') {
      const file = rest[++i] ?? '';
      const path = shell.resolve(file);
      if (shell.fs.stat(path)?.kind !== 'file') {
        io.stderr(`ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${file}'\n`);
        return 1;
      }
      for (const line of shell.fs.readText(path).split('\n')) {
        const name = line.replace(/#.*/, '').trim().split(/[=<>~!;\[ ]/)[0];
        if (name) names.push(name);
      }
    } else if (!arg.startsWith('-')) names.push(arg.split(/[=<>~!\[]/)[0]!);
  }
  const python = shell.env['PYTHON_VERSION']?.split('.').slice(0, 2).join('.') ?? '3.12';
  const site = `/usr/local/lib/python${python}/site-packages`;
  const noCache = rest.includes('--no-cache-dir') || shell.env['PIP_NO_CACHE_DIR'] !== undefined;
  for (const name of names) {
    const version = versionOf(name);
    io.stdout(`Collecting ${name}\n  Downloading ${name}-${version}-py3-none-any.whl (${Math.round(sizeOf(name) / 4000)} kB)\n`);
    shell.fs.mkdir(`${site}/${name}`, { recursive: true });
    shell.fs.writeFile(`${site}/${name}/__init__.py`, { size: sizeOf(name), seed: `pip:${name}` });
    if (!noCache) {
      const cache = `${shell.env['HOME'] ?? '/root'}/.cache/pip/http-v2`;
      shell.fs.mkdir(cache, { recursive: true });
      shell.fs.writeFile(`${cache}/${digestOf(name).slice(7, 23)}`, { size: Math.round(sizeOf(name) / 4), seed: `pip-cache:${name}` });
    }
    shell.spend(300 + sizeOf(name) / 10_000);
  }
  if (names.length > 0) {
    io.stdout(`Installing collected packages: ${names.join(', ')}\nSuccessfully installed ${names.map((n) => `${n}-${versionOf(n)}`).join(' ')}\n`);
    if (shell.uid === 0) {
      io.stdout(
        "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv\n",
      );
    }
  }
  return 0;
};

const python: Program = (args, shell, io) => {
  if (args[0] === '-m' && (args[1] === 'pip' || args[1] === 'pip3')) return pip(args.slice(2), shell, io, args[1]);
  io.stderr(`dockyard: "python ${args.join(' ')}" is not simulated; it changed nothing\n`);
  return 0;
};

export const PACKAGE_MANAGERS: Record<string, Program> = { apk, 'apt-get': aptGet, apt: aptGet, pip, pip3: pip, python, python3: python };
