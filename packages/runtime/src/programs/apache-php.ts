// `apache2-foreground` of the official php:<version>-apache images, which the Kubernetes examples
// build on (hpa-example's php-apache, the guestbook's gb-frontend): Apache httpd with mod_php and
// the prefork MPM. At start it warns twice that it cannot work out its fully qualified name
// (AH00558, with the container's address), says it is configured (AH00163) and its command line
// (AH00094), then forks its StartServers (5) children. Each request is answered by the site's
// handler and logged in the combined format on stdout; SIGTERM stops it (AH00169), SIGWINCH
// (the newer images' STOPSIGNAL) stops it gracefully (AH00170 in the error log, then exit 0).

import { type HttpRequest, httpDate } from '../network/http.ts';
import { VIRTUAL_EPOCH_MS } from '../sim/wall-time.ts';
import type { Proc, ProcessProgram } from './program.ts';

/** A PHP site's answer to one request. */
export interface PhpPage {
  status: number;
  body: string;
  /** PHP's default is `text/html; charset=UTF-8`. */
  contentType?: string;
}

export interface PhpSite {
  /** The program name the image's marker uses. */
  readonly name: string;
  /** Apache and PHP as the image's base had them (`Apache/2.4.10 (Debian)`, `5.6.19`). */
  readonly server: string;
  readonly phpVersion: string;
  page(p: Proc, request: HttpRequest): PhpPage;
  /** Called once the server listens (per-site state, timers). */
  started?(p: Proc): void;
  timer?(p: Proc, name: string): void;
}

/** Apache's own 404 page for a path the site does not have. */
export function notFoundPage(server: string, request: HttpRequest): PhpPage {
  const path = request.path.split('?')[0]!;
  const host = request.headers['host']?.split(':')[0] ?? 'localhost';
  return {
    status: 404,
    body: `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL ${path} was not found on this server.</p>\n<hr>\n<address>${server} Server at ${host} Port 80</address>\n</body></html>\n`,
  };
}

/** prefork's StartServers default. */
const START_SERVERS = 5;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The error log's time: `[Wed Jan 01 00:00:05.123456 2025]`. */
function errorLogTime(now: number): string {
  const d = new Date(VIRTUAL_EPOCH_MS + now);
  const two = (n: number) => String(n).padStart(2, '0');
  const micros = `${String(d.getUTCMilliseconds()).padStart(3, '0')}000`;
  return `[${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros} ${d.getUTCFullYear()}]`;
}

/** The access log's time: `[01/Jan/2025:00:00:05 +0000]`. */
function accessLogTime(now: number): string {
  const d = new Date(VIRTUAL_EPOCH_MS + now);
  const two = (n: number) => String(n).padStart(2, '0');
  return `[${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000]`;
}

function notice(p: Proc, module: string, text: string): void {
  p.err(`${errorLogTime(p.sys.now)} [${module}:notice] [pid ${p.pid}] ${text}\n`);
}

interface ApacheState {
  children: number[];
}

export function apacheForeground(site: PhpSite): ProcessProgram {
  return {
    kind: 'process',
    name: site.name,
    start(p) {
      p.setTitle('apache2 -DFOREGROUND');
      const address = p.sys.interfaces().find((i) => i.name !== 'lo')?.ip ?? '127.0.0.1';
      const fqdn = `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${address}. Set the 'ServerName' directive globally to suppress this message\n`;
      // Once when the configuration is checked, once when the server starts for real.
      p.err(fqdn);
      p.err(fqdn);
      notice(p, 'mpm_prefork', `AH00163: ${site.server} PHP/${site.phpVersion} configured -- resuming normal operations`);
      notice(p, 'core', "AH00094: Command line: 'apache2 -D FOREGROUND'");
      p.memory(12 * 1024 * 1024);
      const children: number[] = [];
      for (let i = 0; i < START_SERVERS; i++) children.push(p.fork('helper-process', ['apache2 -DFOREGROUND', String(6 * 1024 * 1024)]));
      p.setState({ children } satisfies ApacheState);
      p.listen(80);
      site.started?.(p);
    },
    timer(p, name) {
      site.timer?.(p, name);
    },
    request(p, _port, request) {
      const page = site.page(p, request);
      const body = request.method === 'HEAD' ? '' : page.body;
      const agent = request.headers['user-agent'] ?? '-';
      p.out(`${request.remoteIp} - - ${accessLogTime(p.sys.now)} "${request.method} ${request.path} HTTP/1.1" ${page.status} ${page.body.length} "${request.headers['referer'] ?? '-'}" "${agent}"\n`);
      return {
        status: page.status,
        headers: [
          ['Date', httpDate(VIRTUAL_EPOCH_MS + p.sys.now)],
          ['Server', site.server],
          ['X-Powered-By', `PHP/${site.phpVersion}`],
          ['Content-Length', String(page.body.length)],
          ['Content-Type', page.contentType ?? 'text/html; charset=UTF-8'],
        ],
        body,
      };
    },
    signal(p, signal) {
      if (signal === 'SIGTERM' || signal === 'SIGINT') {
        notice(p, 'mpm_prefork', 'AH00169: caught SIGTERM, shutting down');
        p.exit(0);
        return true;
      }
      if (signal === 'SIGWINCH') {
        notice(p, 'mpm_prefork', 'AH00170: caught SIGWINCH, shutting down gracefully');
        p.exit(0);
        return true;
      }
      return false;
    },
  };
}
