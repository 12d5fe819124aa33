// The PHP guestbook of the Kubernetes examples and the GKE tutorial.
// - gb-frontend: php:apache serving the guestbook page and guestbook.php, which writes the
//   messages to the Redis leader and reads them from a follower: `?cmd=set&key=K&value=V` answers
//   {"message": "Updated"}, `?cmd=get&key=K` answers {"data": "V"}. With GET_HOSTS_FROM=env the
//   hosts come from the Services' environment variables instead of DNS. v5 talks to
//   redis-leader / redis-follower and keeps the messages under the key `guestbook`; v4 talks to
//   redis-master / redis-slave under the key it is given.
// - gb-redisslave / gb-redis-follower: their run.sh starts redis-server as a replica of the
//   master (redis-master) or leader (redis-leader) Service.
// A Redis that cannot be reached is Predis's uncaught exception, shown because the script turns
// display_errors on.

import type { HttpRequest } from '../network/http.ts';
import { apacheForeground, notFoundPage, type PhpPage } from './apache-php.ts';
import type { Proc, ProcessProgram } from './program.ts';

/** php:5-apache, as the images were built. */
const SERVER = 'Apache/2.4.25 (Debian)';

interface GuestbookVersion {
  name: string;
  leader: string;
  follower: string;
  /** The Redis key for the messages; undefined: the request's `key`. */
  key?: string;
}

/** The guestbook page (its form posts through guestbook.php with AngularJS). */
const PAGE = `<html ng-app="redis">
  <head>
    <title>Guestbook</title>
    <script src="https://ajax.googleapis.com/ajax/libs/angularjs/1.2.12/angular.min.js"></script>
    <script src="controllers.js"></script>
  </head>
  <body ng-controller="RedisCtrl">
    <h2>Guestbook</h2>
    <form>
      <input ng-model="msg" placeholder="Messages" type="text" name="input">
      <button type="button" ng-click="controller.onRedis()">Submit</button>
    </form>
    <div ng-repeat="msg in messages track by $index">{{msg}}</div>
  </body>
</html>
`;

function query(request: HttpRequest): Map<string, string> {
  const text = request.path.split('?')[1] ?? '';
  return new Map(
    text
      .split('&')
      .filter(Boolean)
      .map((pair) => {
        const [k = '', v = ''] = pair.split('=');
        return [decodeURIComponent(k.replace(/\+/g, ' ')), decodeURIComponent(v.replace(/\+/g, ' '))] as [string, string];
      }),
  );
}

/** One Redis command through Predis, or the page PHP prints for its uncaught exception. */
function redis(p: Proc, host: string, command: string[]): { value: string } | { fatal: string } {
  const reply = p.sys.http(host, 6379, { method: 'REDIS', path: '/', headers: {}, body: command.join('\u0000') });
  if (typeof reply !== 'string') return { value: reply.body };
  const reason = reply === 'unknown-host' ? 'php_network_getaddresses: getaddrinfo failed: Name or service not known' : 'Connection refused';
  return { fatal: `<br />\n<b>Fatal error</b>:  Uncaught exception 'Predis\\Connection\\ConnectionException' with message '${reason} [tcp://${host}:6379]' in /var/www/html/vendor/predis/predis/src/Connection/AbstractConnection.php:155\n` };
}

function guestbookPage(p: Proc, version: GuestbookVersion, request: HttpRequest): PhpPage {
  const path = request.path.split('?')[0]!;
  if (path === '/' || path === '/index.html') return { status: 200, body: PAGE };
  if (path !== '/guestbook.php') return notFoundPage(SERVER, request);
  const params = query(request);
  const cmd = params.get('cmd');
  if (cmd === undefined) return { status: 200, body: '<!DOCTYPE html>\n<html><head><title>phpinfo()</title></head><body><h1>PHP Version 5.6.40</h1></body></html>\n' };
  const fromEnv = p.getenv('GET_HOSTS_FROM') === 'env';
  const envHost = (service: string) => p.getenv(`${service.toUpperCase().replace(/-/g, '_')}_SERVICE_HOST`) ?? '';
  const key = version.key ?? params.get('key') ?? '';
  const json = 'application/json';
  if (cmd === 'set') {
    const result = redis(p, fromEnv ? envHost(version.leader) : version.leader, ['SET', key, params.get('value') ?? '']);
    return 'fatal' in result ? { status: 200, body: result.fatal, contentType: json } : { status: 200, body: '{"message": "Updated"}', contentType: json };
  }
  const result = redis(p, fromEnv ? envHost(version.follower) : version.follower, ['GET', key]);
  return 'fatal' in result ? { status: 200, body: result.fatal, contentType: json } : { status: 200, body: `{"data": "${result.value}"}`, contentType: json };
}

function gbFrontend(version: GuestbookVersion): ProcessProgram {
  return apacheForeground({
    name: version.name,
    server: SERVER,
    phpVersion: '5.6.40',
    page: (p, request) => guestbookPage(p, version, request),
  });
}

export const gbFrontendV5 = gbFrontend({ name: 'gb-frontend', leader: 'redis-leader', follower: 'redis-follower', key: 'guestbook' });
export const gbFrontendV4 = gbFrontend({ name: 'gb-frontend-v4', leader: 'redis-master', follower: 'redis-slave' });

/** run.sh of the follower images: a replica of the master (or leader) Service. */
function followerRun(name: string, master: string): ProcessProgram {
  return {
    kind: 'process',
    name,
    start(p) {
      const host = p.getenv('GET_HOSTS_FROM') === 'env' ? (p.getenv(`${master.toUpperCase().replace(/-/g, '_')}_SERVICE_HOST`) ?? '') : master;
      const failed = p.exec(['redis-server', '--slaveof', host, '6379']);
      if (failed) {
        p.err(`/run.sh: line 1: redis-server: command not found\n`);
        p.exit(127);
      }
    },
  };
}

export const gbRedisSlave = followerRun('redis-follower', 'redis-master');
export const gbRedisFollower = followerRun('redis-follower-leader', 'redis-leader');
