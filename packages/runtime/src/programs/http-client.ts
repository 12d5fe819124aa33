// curl, as a user runs it on their machine (`dockyard curl`) and as images ship it (healthchecks
// like `curl -f http://localhost/ || exit 1`). One implementation over a transport, with curl's
// own exit codes and messages: 6 could not resolve, 7 could not connect, 22 HTTP error with -f,
// 28 timeout, 52 empty reply, 60 server certificate not trusted (unless -k), 77 bad --cacert file.

import type { ConnectFailure } from '../network/fabric.ts';
import { type HttpRequest, type HttpResponse, statusText } from '../network/http.ts';

/**
 * The certificate a TLS server presented. No server in the simulation has one from a CA in the
 * machine's trust store, so curl trusts it only with `--cacert` naming its PEM, or `-k`.
 */
export interface ServerCertificate {
  /** Issued by itself (ingress-nginx's fake certificate, an `openssl req -x509` one). */
  selfSigned: boolean;
  /** The PEM text, when the user could have it (a Secret's tls.crt). */
  pem?: string;
}

/** A response over https carries the certificate the server presented. */
export type TransportResponse = HttpResponse & { certificate?: ServerCertificate };

export interface HttpTransport {
  request(host: string, port: number, request: Omit<HttpRequest, 'remoteIp'>): TransportResponse | ConnectFailure | 'empty' | 'unknown-host';
}

export interface CurlIo {
  out(text: string): void;
  err(text: string): void;
  /** Writes `-o FILE`; false when the file cannot be written. */
  writeFile(path: string, body: string): boolean;
  /** Reads `--cacert FILE`; undefined when it cannot be read. */
  readFile(path: string): string | undefined;
}

// tool_operate.c's CURL_CA_CERT_ERRORMSG, printed after a (60) (curl 8.x).
const CA_CERT_HINT =
  'More details here: https://curl.se/docs/sslcerts.html\n\n' +
  'curl failed to verify the legitimacy of the server and therefore could not\n' +
  'establish a secure connection to it. To learn more about this situation and\n' +
  'how to fix it, please visit the web page mentioned above.\n';

export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

export function parseUrl(url: string): ParsedUrl | undefined {
  const match = /^(?:([a-z]+):\/\/)?([^/:?#\s]+)(?::(\d+))?([^#\s]*)/i.exec(url);
  if (!match) return undefined;
  const scheme = (match[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  return { scheme, host: match[2]!, port: match[3] ? Number(match[3]) : scheme === 'https' ? 443 : 80, path: match[4] || '/' };
}

const VALUE_FLAGS = new Set(['-o', '--output', '-H', '--header', '-X', '--request', '-d', '--data', '--data-raw', '-w', '--write-out', '-m', '--max-time', '--connect-timeout', '-A', '--user-agent', '-u', '--user', '-e', '--retry', '--cacert']);

export function runCurl(argv: readonly string[], io: CurlIo, transport: HttpTransport, userAgent: string): number {
  const opts = new Set<string>();
  const values = new Map<string, string[]>();
  const urls: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_FLAGS.has(a)) {
      const key = a.startsWith('--') ? a : a;
      values.set(key, [...(values.get(key) ?? []), args[++i] ?? '']);
    } else if (/^-[A-Za-z]{2,}$/.test(a)) for (const c of a.slice(1)) opts.add(`-${c}`);
    else if (a.startsWith('-')) opts.add(a);
    else urls.push(a);
  }
  const get = (...names: string[]) => names.flatMap((n) => values.get(n) ?? []);
  const silent = opts.has('-s') || opts.has('--silent');
  const showErrors = !silent || opts.has('-S') || opts.has('--show-error');
  const fail = (code: number, message: string) => {
    if (showErrors) io.err(`curl: (${code}) ${message}\n`);
    return code;
  };
  if (urls.length === 0) {
    io.err("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  let url = parseUrl(urls[0]!);
  if (url === undefined) return fail(3, `URL rejected: Malformed input to a URL function`);
  const head = opts.has('-I') || opts.has('--head');
  const data = get('-d', '--data', '--data-raw')[0];
  const method = get('-X', '--request')[0] ?? (head ? 'HEAD' : data !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string> = { host: url.port === 80 ? url.host : `${url.host}:${url.port}`, 'user-agent': get('-A', '--user-agent')[0] ?? userAgent, accept: '*/*' };
  for (const header of get('-H', '--header')) {
    const colon = header.indexOf(':');
    if (colon > 0) headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
  }
  const insecure = opts.has('-k') || opts.has('--insecure');
  const caFile = get('--cacert')[0];
  const ca = caFile === undefined ? undefined : io.readFile(caFile);
  let response: HttpResponse | undefined;
  for (let redirects = 0; ; redirects++) {
    const result = transport.request(url.host, url.port, { method, path: url.path, headers, body: data ?? '' });
    if (result === 'unknown-host') return fail(6, `Could not resolve host: ${url.host}`);
    if (result === 'refused') return fail(7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`);
    if (result === 'timeout' || result === 'unreachable') return fail(28, `Failed to connect to ${url.host} port ${url.port} after 10000 ms: Timeout was reached`);
    if (result === 'empty') return fail(52, 'Empty reply from server');
    if (url.scheme === 'https' && result.certificate !== undefined && !insecure) {
      // openssl.c: the CA file is loaded at the handshake, before the peer is verified.
      if (caFile !== undefined && ca === undefined) return fail(77, `error setting certificate file: ${caFile}`);
      const pem = result.certificate.pem?.trim();
      if (pem === undefined || ca === undefined || !ca.includes(pem)) {
        // OpenSSL 3's X509_verify_cert_error_string for codes 18 and 20.
        const code = fail(60, `SSL certificate problem: ${result.certificate.selfSigned ? 'self-signed certificate' : 'unable to get local issuer certificate'}`);
        if (showErrors) io.err(CA_CERT_HINT);
        return code;
      }
    }
    response = result;
    const location = response.headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
    if (!(opts.has('-L') || opts.has('--location')) || location === undefined || response.status < 300 || response.status >= 400 || redirects >= 10) break;
    url = parseUrl(location.startsWith('/') ? `${url.scheme}://${url.host}:${url.port}${location}` : location) ?? url;
  }
  if ((opts.has('-f') || opts.has('--fail')) && response.status >= 400) return fail(22, `The requested URL returned error: ${response.status}`);
  const head_ = `HTTP/1.1 ${response.status} ${statusText(response.status)}\r\n${response.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  let output = '';
  if (head || opts.has('-i') || opts.has('--include')) output += head_;
  if (!head) output += response.body;
  const file = get('-o', '--output')[0];
  if (file !== undefined && file !== '/dev/null') {
    if (!io.writeFile(file, output)) return fail(23, `Failure writing output to destination`);
  } else if (file === undefined) io.out(output);
  const writeOut = get('-w', '--write-out')[0];
  if (writeOut !== undefined) io.out(writeOut.replace(/%\{http_code\}/g, String(response.status)).replace(/%\{response_code\}/g, String(response.status)).replace(/\\n/g, '\n'));
  return 0;
}
