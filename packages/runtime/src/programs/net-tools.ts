// Network commands inside containers: busybox's wget, nslookup, nc and ip, and curl as Debian
// images ship it. They go through the container's own network namespace and name resolution.

import { FsError } from '../fs/file-system.ts';
import { resolvePath } from '../fs/path.ts';
import { statusText } from '../network/http.ts';
import { numberToIp, ipToNumber } from '../network/ip.ts';
import { instant } from './coreutils.ts';
import { parseUrl, runCurl } from './http-client.ts';
import type { InstantProgram, Io } from './program.ts';

const wget = instant('wget', (argv, io) => {
  let quiet = false;
  let output: string | undefined;
  let spider = false;
  let url: string | undefined;
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-O') output = args[++i];
    else if (a.startsWith('-O') && a.length > 2 && !a.startsWith('--')) output = a.slice(2);
    else if (a === '-qO-' || a === '-qO') {
      quiet = true;
      output = a === '-qO-' ? '-' : args[++i];
    } else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '--spider') spider = true;
    else if (a === '-T' || a === '--timeout' || a === '-U') i++;
    else if (!a.startsWith('-')) url = a;
  }
  const target = url && parseUrl(url);
  if (!target) {
    io.err(url ? `wget: not an http or ftp url: ${url}\n` : 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  const ip = io.sys.resolve(target.host)?.[0];
  if (ip === undefined) {
    io.err(`wget: bad address '${target.host}'\n`);
    return 1;
  }
  if (!quiet) io.err(`Connecting to ${target.host}${target.port === 80 ? '' : `:${target.port}`} (${ip}:${target.port})\n`);
  const result = io.sys.http(ip, target.port, { method: spider ? 'HEAD' : 'GET', path: target.path, headers: { host: target.host, 'user-agent': 'Wget' }, body: '' });
  if (result === 'refused' || result === 'unknown-host') {
    io.err(`wget: can't connect to remote host (${ip}): Connection refused\n`);
    return 1;
  }
  if (result === 'timeout' || result === 'unreachable') {
    io.err('wget: download timed out\n');
    return 1;
  }
  if (result === 'empty') {
    io.err('wget: error getting response: Connection reset by peer\n');
    return 1;
  }
  if (result.status >= 400) {
    io.err(`wget: server returned error: HTTP/1.1 ${result.status} ${statusText(result.status)}\n`);
    return 1;
  }
  if (spider) {
    if (!quiet) io.err('remote file exists\n');
    return 0;
  }
  const file = output ?? (target.path.split('/').pop() || 'index.html');
  if (file === '-') {
    if (!quiet) io.err('writing to stdout\n');
    io.out(result.body);
    if (!quiet) io.err(`-                    100% |********************************|  ${String(result.body.length).padStart(4)}  0:00:00 ETA\nwritten to stdout\n`);
    return 0;
  }
  if (!quiet) io.err(`saving to '${file}'\n`);
  try {
    io.sys.fs.writeFile(resolvePath(io.cwd, file), result.body);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    io.err(`wget: can't open '${file}': ${error.description}\n`);
    return 1;
  }
  if (!quiet) io.err(`${file.padEnd(20)} 100% |********************************|  ${String(result.body.length).padStart(4)}  0:00:00 ETA\n'${file}' saved\n`);
  return 0;
});

const nslookup = instant('nslookup', (argv, io) => {
  const name = argv.slice(1).find((a) => !a.startsWith('-'));
  if (name === undefined) {
    io.err('Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  const server = io.sys.nameservers()[0] ?? '127.0.0.11';
  io.out(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  const found = io.sys.lookup(name);
  if (found === undefined) {
    io.out(`** server can't find ${name}: NXDOMAIN\n\n** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  for (const address of found.addresses) io.out(`Name:\t${found.name}\nAddress: ${address}\n`);
  io.out('\n');
  return 0;
});

const nc = instant('nc', (argv, io) => {
  const args = argv.slice(1).filter((a, i, all) => !a.startsWith('-') && all[i - 1] !== '-w');
  const verbose = argv.some((a) => /^-[a-z]*v/.test(a));
  const [host, port] = args;
  if (host === undefined || port === undefined) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n');
    return 1;
  }
  const result = io.sys.connect(host, Number(port));
  if (result === 'unknown-host') {
    io.err(`nc: bad address '${host}'\n`);
    return 1;
  }
  if (result !== true) {
    if (verbose) io.err(`nc: ${host} (${io.sys.resolve(host)?.[0]}:${port}): Connection refused\n`);
    return 1;
  }
  if (verbose) io.err(`${host} (${io.sys.resolve(host)?.[0]}:${port}) open\n`);
  return 0;
});

function ipAddr(io: Io): void {
  io.sys.interfaces().forEach((iface, index) => {
    if (iface.name === 'lo') {
      io.out(`1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n`);
      return;
    }
    const n = index + 1;
    const mask = iface.prefix === 0 ? 0 : (0xffffffff << (32 - iface.prefix)) >>> 0;
    const broadcast = numberToIp((ipToNumber(iface.ip) | (~mask >>> 0)) >>> 0);
    io.out(
      `${n}: ${iface.name}@if${n + 6}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP \n` +
        `    link/ether ${iface.mac} brd ff:ff:ff:ff:ff:ff\n` +
        `    inet ${iface.ip}/${iface.prefix} brd ${broadcast} scope global ${iface.name}\n       valid_lft forever preferred_lft forever\n`,
    );
  });
}

const ip = instant('ip', (argv, io) => {
  const [object = '', command = 'show'] = argv.slice(1);
  if (/^a(d(d(r(e(s(s)?)?)?)?)?)?$/.test(object) && /^(show|list|ls|s)$/.test(command)) {
    ipAddr(io);
    return 0;
  }
  if (/^r(o(u(t(e)?)?)?)?$/.test(object)) {
    for (const iface of io.sys.interfaces().filter((i) => i.name !== 'lo')) {
      if (iface.gateway) io.out(`default via ${iface.gateway} dev ${iface.name} \n`);
      const net = numberToIp((ipToNumber(iface.ip) & ((0xffffffff << (32 - iface.prefix)) >>> 0)) >>> 0);
      io.out(`${net}/${iface.prefix} dev ${iface.name} scope link  src ${iface.ip} \n`);
    }
    return 0;
  }
  io.err(`ip: unknown command "${object}"\n`);
  return 1;
});

const curl = instant('curl', (argv, io) =>
  runCurl(
    argv,
    {
      out: (t) => io.out(t),
      err: (t) => io.err(t),
      writeFile: (path, body) => {
        try {
          io.sys.fs.writeFile(resolvePath(io.cwd, path), body);
          return true;
        } catch (error) {
          if (error instanceof FsError) return false;
          throw error;
        }
      },
      readFile: (path) => {
        try {
          return io.sys.fs.readText(resolvePath(io.cwd, path));
        } catch (error) {
          if (error instanceof FsError) return undefined;
          throw error;
        }
      },
    },
    { request: (host, port, request) => io.sys.http(host, port, request) },
    'curl/7.88.1',
  ),
);

export const NET_TOOLS: InstantProgram[] = [wget, nslookup, nc, ip, curl];
