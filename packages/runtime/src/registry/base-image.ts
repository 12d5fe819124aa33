// The file systems of the catalog's images, generated from their catalog entries: an operating
// system skeleton (/etc/passwd, /etc/group, /etc/os-release, a shell, the package manager), the
// image's programs as marker files, its small files, and synthetic filler so that the layers add
// up to the real image's size. Everything here is a pure function of the entry, so a layer's
// digest can be computed once and cached (catalog-digests.ts).
//
// Programs: an executable whose content is `#!dockyard-program <name>` runs the built-in program
// <name> in the container runtime (nginx, node, sh, ...).

import { FileTree } from '../fs/file-tree.ts';
import type { CatalogImage, OsFamily } from './catalog-data.ts';

export const PROGRAM_MARKER = '#!dockyard-program ';

/** The content of an executable that runs the built-in program `name`. */
export function programMarker(name: string): string {
  return `${PROGRAM_MARKER}${name}\n`;
}

const BUSYBOX_APPLETS = [
  '[', 'addgroup', 'adduser', 'ash', 'basename', 'cat', 'chmod', 'chown', 'cp', 'date', 'dirname', 'echo', 'env', 'false', 'free', 'grep',
  'head', 'hostname', 'id', 'ip', 'kill', 'ln', 'ls', 'mkdir', 'mv', 'nc', 'nslookup', 'ping', 'printenv', 'printf', 'ps', 'pwd', 'rm',
  'rmdir', 'sed', 'seq', 'sh', 'sleep', 'sync', 'tail', 'tar', 'test', 'top', 'touch', 'true', 'uname', 'wc', 'wget', 'which', 'whoami',
];
/** Applets Alpine installs in /usr/bin rather than /bin (the busybox image keeps them all in /bin). */
const ALPINE_USR_BIN_APPLETS = new Set(['basename', 'dirname', 'env', 'free', 'head', 'id', 'nc', 'nslookup', 'printenv', 'seq', 'tail', 'wc', 'wget', 'which', 'whoami']);
/** Debian's essential tools; `ps` and `kill` come with procps, which the slim bases leave out. */
const COREUTILS = [
  '[', 'basename', 'cat', 'chmod', 'chown', 'cp', 'date', 'dirname', 'echo', 'env', 'false', 'grep', 'head', 'hostname', 'id', 'ln',
  'ls', 'mkdir', 'mv', 'printenv', 'printf', 'pwd', 'rm', 'rmdir', 'sed', 'seq', 'sleep', 'sync', 'tail', 'tar', 'test', 'touch',
  'true', 'uname', 'wc', 'which', 'whoami',
];

const BASE_USERS: Record<OsFamily, [string, number, number, string, string][]> = {
  alpine: [['root', 0, 0, '/root', '/bin/sh'], ['bin', 1, 1, '/bin', '/sbin/nologin'], ['daemon', 2, 2, '/sbin', '/sbin/nologin'], ['nobody', 65534, 65534, '/', '/sbin/nologin']],
  busybox: [['root', 0, 0, '/root', '/bin/sh'], ['daemon', 1, 1, '/usr/sbin', '/bin/false'], ['nobody', 65534, 65534, '/home', '/bin/false']],
  debian: [['root', 0, 0, '/root', '/bin/bash'], ['daemon', 1, 1, '/usr/sbin', '/usr/sbin/nologin'], ['bin', 2, 2, '/bin', '/usr/sbin/nologin'], ['www-data', 33, 33, '/var/www', '/usr/sbin/nologin'], ['nobody', 65534, 65534, '/nonexistent', '/usr/sbin/nologin']],
  ubuntu: [['root', 0, 0, '/root', '/bin/bash'], ['daemon', 1, 1, '/usr/sbin', '/usr/sbin/nologin'], ['bin', 2, 2, '/bin', '/usr/sbin/nologin'], ['www-data', 33, 33, '/var/www', '/usr/sbin/nologin'], ['nobody', 65534, 65534, '/nonexistent', '/usr/sbin/nologin']],
  distroless: [['root', 0, 0, '/root', '/sbin/nologin'], ['nobody', 65534, 65534, '/nonexistent', '/sbin/nologin'], ['nonroot', 65532, 65532, '/home/nonroot', '/sbin/nologin']],
  scratch: [],
};

/** Groups the images have besides their users' own (Alpine's `users` is why `addgroup -S` gets 101). */
const BASE_GROUPS: Record<OsFamily, [name: string, gid: number, members?: string][]> = {
  // Alpine's baselayout /etc/group, with its members: `id` as root lists them.
  alpine: [
    ['root', 0, 'root'], ['bin', 1, 'root,bin,daemon'], ['daemon', 2, 'root,bin,daemon'], ['sys', 3, 'root,bin,adm'], ['adm', 4, 'root,adm,daemon'],
    ['tty', 5], ['disk', 6, 'root,adm'], ['lp', 7, 'lp'], ['kmem', 9], ['wheel', 10, 'root'], ['floppy', 11, 'root'], ['mail', 12, 'mail'],
    ['news', 13, 'news'], ['uucp', 14, 'uucp'], ['cron', 16, 'cron'], ['console', 17], ['audio', 18], ['cdrom', 19], ['dialout', 20, 'root'],
    ['ftp', 21], ['sshd', 22], ['input', 23], ['tape', 26, 'root'], ['video', 27, 'root'], ['netdev', 28], ['kvm', 34, 'kvm'], ['games', 35],
    ['shadow', 42], ['www-data', 82], ['users', 100, 'games'], ['ntp', 123], ['abuild', 300], ['utmp', 406], ['ping', 999],
    ['nogroup', 65533], ['nobody', 65534],
  ],
  // The busybox image's /etc/group: root is in wheel only.
  busybox: [
    ['root', 0], ['daemon', 1], ['bin', 2], ['sys', 3], ['adm', 4], ['tty', 5], ['disk', 6], ['lp', 7], ['mail', 8], ['kmem', 9],
    ['wheel', 10, 'root'], ['cdrom', 11], ['dialout', 18], ['floppy', 19], ['video', 28], ['audio', 29], ['tape', 32], ['www-data', 33],
    ['operator', 37], ['utmp', 43], ['plugdev', 46], ['staff', 50], ['lock', 54], ['netdev', 82], ['users', 100], ['nogroup', 65534],
  ],
  debian: [['users', 100], ['nogroup', 65534]],
  ubuntu: [['users', 100], ['nogroup', 65534]],
  distroless: [],
  scratch: [],
};

const DEBIAN_CODENAMES: Record<string, string> = { '7': 'wheezy', '8': 'jessie', '9': 'stretch', '10': 'buster', '11': 'bullseye', '12': 'bookworm', '13': 'trixie' };
const UBUNTU_CODENAMES: Record<string, string> = { '20.04': 'focal', '22.04': 'jammy', '24.04': 'noble' };

/** The trees of the image's layers, bottom first; sizes add up to `sizeMB`. */
export function catalogLayerTrees(image: CatalogImage): FileTree[] {
  const trees: FileTree[] = [osLayer(image)];
  if (image.layers > 1) trees.push(appLayer(image));
  for (let i = 2; i < image.layers; i++) {
    const tree = new FileTree();
    // Later layers of real images are small: a config file, an entrypoint, a cleanup.
    tree.mkdir('/etc', { recursive: true });
    tree.writeFile(`/etc/.image-layer-${i}`, `${image.summary}: step ${i}\n`);
    trees.push(tree);
  }
  fill(image, trees);
  return trees;
}

function osLayer(image: CatalogImage): FileTree {
  const tree = new FileTree();
  const os = image.os;
  if (os === 'scratch') {
    if (image.layers === 1) addPrograms(tree, image);
    return tree;
  }
  for (const dir of ['/bin', '/dev', '/etc', '/home', '/lib', '/mnt', '/opt', '/proc', '/run', '/sbin', '/srv', '/sys', '/usr/bin', '/usr/sbin', '/usr/lib', '/usr/local/bin', '/usr/local/sbin', '/usr/local/lib', '/usr/share', '/var/cache', '/var/lib', '/var/log']) {
    if (os === 'debian' || os === 'ubuntu') {
      if (['/bin', '/sbin', '/lib'].includes(dir)) continue;
    }
    tree.mkdir(dir, { recursive: true });
  }
  tree.mkdir('/root', { mode: 0o700 });
  tree.mkdir('/tmp', { mode: 0o1777 });
  if (os === 'debian' || os === 'ubuntu') {
    // Merged /usr, as Debian 12 and Ubuntu ship it.
    tree.symlink('usr/bin', '/bin');
    tree.symlink('usr/sbin', '/sbin');
    tree.symlink('usr/lib', '/lib');
  }
  const users = BASE_USERS[os];
  const extra = image.layers === 1 ? image.users ?? [] : [];
  writeAccounts(tree, [...users, ...extra], BASE_GROUPS[os]);
  if (os === 'alpine' || os === 'busybox') {
    tree.writeFile('/bin/busybox', programMarker('busybox'), { mode: 0o755 });
    for (const applet of BUSYBOX_APPLETS) {
      tree.symlink('/bin/busybox', `${os === 'alpine' && ALPINE_USR_BIN_APPLETS.has(applet) ? '/usr/bin' : '/bin'}/${applet}`);
    }
  }
  if (os === 'alpine') {
    tree.writeFile('/sbin/apk', programMarker('apk'), { mode: 0o755 });
    tree.mkdir('/etc/apk');
    tree.writeFile('/etc/apk/world', 'alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nmusl-utils\n');
    tree.writeFile('/etc/alpine-release', `${image.osVersion}\n`);
    tree.writeFile('/etc/os-release', `NAME="Alpine Linux"\nID=alpine\nVERSION_ID=${image.osVersion}\nPRETTY_NAME="Alpine Linux v${image.osVersion.split('.').slice(0, 2).join('.')}"\nHOME_URL="https://alpinelinux.org/"\n`);
  }
  if (os === 'debian' || os === 'ubuntu') {
    tree.writeFile('/usr/bin/bash', programMarker('bash'), { mode: 0o755 });
    tree.writeFile('/usr/bin/dash', programMarker('sh'), { mode: 0o755 });
    tree.symlink('dash', '/usr/bin/sh');
    for (const tool of COREUTILS) tree.writeFile(`/usr/bin/${tool}`, programMarker(tool), { mode: 0o755 });
    for (const tool of ['apt-get', 'apt', 'dpkg']) tree.writeFile(`/usr/bin/${tool}`, programMarker(tool), { mode: 0o755 });
    for (const tool of ['useradd', 'groupadd', 'usermod']) tree.writeFile(`/usr/sbin/${tool}`, programMarker(tool), { mode: 0o755 });
    tree.mkdir('/var/lib/dpkg', { recursive: true });
    tree.writeFile('/var/lib/dpkg/status', 'Package: base-files\nStatus: install ok installed\n');
    const codename = os === 'debian' ? DEBIAN_CODENAMES[image.osVersion] ?? 'stable' : UBUNTU_CODENAMES[image.osVersion] ?? 'jammy';
    if (os === 'debian') {
      tree.writeFile('/etc/debian_version', `${image.osVersion}\n`);
      tree.writeFile('/etc/os-release', `PRETTY_NAME="Debian GNU/Linux ${image.osVersion} (${codename})"\nNAME="Debian GNU/Linux"\nVERSION_ID="${image.osVersion}"\nVERSION="${image.osVersion} (${codename})"\nVERSION_CODENAME=${codename}\nID=debian\n`);
    } else {
      tree.writeFile('/etc/os-release', `PRETTY_NAME="Ubuntu ${image.osVersion} LTS"\nNAME="Ubuntu"\nVERSION_ID="${image.osVersion}"\nVERSION_CODENAME=${codename}\nID=ubuntu\nID_LIKE=debian\n`);
    }
  }
  if (os === 'distroless') tree.writeFile('/etc/os-release', `PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="${image.osVersion}"\n`);
  tree.writeFile('/etc/hostname', '');
  tree.writeFile('/etc/hosts', '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n');
  if (image.layers === 1) addPrograms(tree, image);
  return tree;
}

function appLayer(image: CatalogImage): FileTree {
  const tree = new FileTree();
  if (image.users && image.users.length > 0) {
    tree.mkdir('/etc');
    writeAccounts(tree, [...BASE_USERS[image.os], ...image.users], BASE_GROUPS[image.os]);
    for (const [, uid, gid, home] of image.users) {
      if (home.startsWith('/home/')) tree.mkdir(home, { recursive: true, uid, gid });
    }
  }
  addPrograms(tree, image);
  return tree;
}

function addPrograms(tree: FileTree, image: CatalogImage): void {
  for (const [path, name] of Object.entries(image.programs ?? {})) {
    tree.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    tree.writeFile(path, programMarker(name), { mode: 0o755 });
  }
  for (const [path, text] of Object.entries(image.files ?? {})) {
    tree.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    tree.writeFile(path, text, { mode: path.endsWith('.sh') ? 0o755 : 0o644 });
  }
  for (const [path, target] of Object.entries(image.links ?? {})) {
    tree.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    tree.symlink(target, path);
  }
}

function writeAccounts(tree: FileTree, users: [string, number, number, string, string][], baseGroups: [string, number, string?][]): void {
  if (users.length === 0) return;
  tree.mkdir('/etc', { recursive: true });
  tree.writeFile('/etc/passwd', users.map(([name, uid, gid, home, shell]) => `${name}:x:${uid}:${gid}:${name}:${home}:${shell}\n`).join(''));
  const groups = new Map<number, [string, string]>();
  for (const [name, gid, members] of baseGroups) groups.set(gid, [name, members ?? '']);
  for (const [name, , gid] of users) if (!groups.has(gid)) groups.set(gid, [name, '']);
  tree.writeFile('/etc/group', [...groups].sort(([a], [b]) => a - b).map(([gid, [name, members]]) => `${name}:x:${gid}:${members}\n`).join(''));
  tree.writeFile('/etc/shadow', users.map(([name]) => `${name}:!::0:::::\n`).join(''), { mode: 0o640 });
}

/** Bytes of a bare operating system layer (debian:bookworm-slim is 74.8 MB, alpine 7.4 MB). */
const OS_BYTES: Record<OsFamily, number> = { alpine: 7_300_000, debian: 74_000_000, ubuntu: 77_000_000, busybox: 4_200_000, distroless: 2_000_000, scratch: 0 };

/** Adds synthetic files so the layers reach the image's size: the OS's share first, the rest mostly in the second layer. */
function fill(image: CatalogImage, trees: FileTree[]): void {
  const target = Math.round(image.sizeMB * 1_000_000);
  const present = trees.map(contentBytes);
  let missing = target - present.reduce((a, b) => a + b, 0);
  if (missing <= 0) return;
  const osShare = OS_BYTES[image.os];
  const shares = trees.map(() => 0);
  shares[0] = Math.min(missing, trees.length === 1 ? missing : osShare);
  missing -= shares[0]!;
  for (let i = 1; i < trees.length && missing > 0; i++) {
    const share = i === trees.length - 1 ? missing : i === 1 ? Math.round(missing * 0.9) : Math.round(missing * 0.1 / (trees.length - 2));
    shares[i] = share;
    missing -= share;
  }
  const dir = image.os === 'alpine' || image.os === 'busybox' ? '/lib' : '/usr/lib';
  trees.forEach((tree, i) => {
    if (shares[i]! <= 0) return;
    const where = image.os === 'scratch' ? '/' : i === 0 ? `${dir}/x86_64-linux` : '/usr/local/lib/image-files';
    tree.mkdir(where, { recursive: true });
    // A multi-layer image's first layer is its operating system alone, the same for every image on
    // that release, so pulling node:20-alpine after nginx:alpine finds it `Already exists`.
    const seed = i === 0 && trees.length > 1 ? `${image.os}-${image.osVersion}` : `${image.repositories[0]}:${image.tags[0]}#${i}`;
    tree.writeFile(`${where}/layer-${i}.bin`, { size: shares[i]!, seed });
  });
}

function contentBytes(tree: FileTree): number {
  let size = 0;
  for (const { stat } of tree.walk('/')) if (stat.kind === 'file') size += stat.size;
  return size;
}
