// BusyBox 1.36's nslookup (the `busybox` image), as the tutorial runs it:
// `kubectl run debug --rm -it --image=busybox -- nslookup web-app.my-app.svc.cluster.local`.
// BusyBox's own resolver code (networking/nslookup.c, the LEDE/OpenWrt version):
// - it sends an A and an AAAA query (a PTR query for an address); the search list of
//   /etc/resolv.conf is applied only to names without a dot, one query per search domain;
// - on the first reply it prints `Server:\t\t<ns>` and `Address:\t<ns>:53` and an empty line;
// - then per reply, in order: `** server can't find <name>: NXDOMAIN` for an error code, else
//   `Non-authoritative answer:` when the AA flag is off and one `Name:\t<name>` /
//   `Address: <ip>` pair per address; each reply ends with an empty line (an empty NODATA reply,
//   such as AAAA for a Service, is just that empty line);
// - the exit status is 1 when any reply carried an error code, else 0;
// - no answer from the server: `;; connection timed out; no servers could be reached` and 1.

import { type DnsResponse, type DnsServer, type DnsType, type ResolvConf } from './cluster-dns.ts';
import { isIpv4 } from './ip.ts';

export const BUSYBOX_NSLOOKUP_USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n';

const TYPES: readonly DnsType[] = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'PTR', 'SRV', 'ANY'];

export interface NslookupResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `nslookup <args>` in a container with `conf` as its resolv.conf; `serverAt` finds the DNS server behind an address. */
export function busyboxNslookup(args: readonly string[], conf: ResolvConf, serverAt: (ip: string) => DnsServer | undefined): NslookupResult {
  const types: DnsType[] = [];
  const rest: string[] = [];
  for (const arg of args) {
    if (!arg.startsWith('-') || rest.length > 0) {
      rest.push(arg);
      continue;
    }
    const [option, value = ''] = arg.slice(1).split('=', 2) as [string, string?];
    if (option === 'type' || option === 'querytype' || option === 'q' || option === 'query') {
      const type = TYPES.find((t) => t === value.toUpperCase());
      if (type === undefined) return { stdout: '', stderr: `nslookup: invalid query type "${value}"\n`, exitCode: 1 };
      types.push(type);
    } else if (!['debug', 'port', 'retry', 't', 'timeout'].includes(option)) {
      return { stdout: '', stderr: BUSYBOX_NSLOOKUP_USAGE, exitCode: 1 };
    }
  }
  const [host, explicitServer] = rest;
  if (host === undefined || rest.length > 2) return { stdout: '', stderr: BUSYBOX_NSLOOKUP_USAGE, exitCode: 1 };
  const servers = explicitServer !== undefined ? [explicitServer] : conf.nameservers.length > 0 ? conf.nameservers : ['127.0.0.1'];
  const queries: { name: string; type: DnsType }[] = [];
  const withSearch = (type: DnsType) => {
    if (type === 'PTR' || host.includes('.') || conf.searches.length === 0) queries.push({ name: host, type });
    else for (const domain of conf.searches) queries.push({ name: `${host}.${domain}`, type });
  };
  if (types.length === 0) {
    if (isIpv4(host)) queries.push({ name: `${host.split('.').reverse().join('.')}.in-addr.arpa`, type: 'PTR' });
    else {
      withSearch('A');
      withSearch('AAAA');
    }
  } else for (const type of types) withSearch(type);

  for (const serverIp of servers) {
    const server = serverAt(serverIp);
    if (server === undefined) continue;
    let out = `Server:\t\t${serverIp}\nAddress:\t${serverIp}:53\n\n`;
    let failed = false;
    for (const query of queries) {
      const reply = server.query(query.name, query.type);
      if (reply.rcode !== 'NOERROR') {
        out += `** server can't find ${query.name}: ${reply.rcode}\n`;
        failed = true;
      } else out += formatReply(reply);
      out += '\n';
    }
    return { stdout: out, stderr: '', exitCode: failed ? 1 : 0 };
  }
  return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 };
}

function formatReply(reply: DnsResponse): string {
  let out = reply.authoritative ? '' : 'Non-authoritative answer:\n';
  for (const answer of reply.answers) {
    switch (answer.type) {
      case 'A':
      case 'AAAA':
        out += `Name:\t${answer.name}\nAddress: ${answer.address}\n`;
        break;
      case 'CNAME':
        out += `${answer.name}\tcanonical name = ${answer.target}\n`;
        break;
      case 'PTR':
        out += `${answer.name}\tname = ${answer.target}\n`;
        break;
      case 'SRV':
        out += `${answer.name}\tservice = ${answer.priority} ${answer.weight} ${answer.port} ${answer.target}\n`;
        break;
    }
  }
  return out;
}
