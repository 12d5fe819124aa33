// The fabric finds the namespace behind an address through an index it keeps up to date as
// namespaces come, go and change their interfaces. Where several hold the same address (each
// host's Docker bridge hands out 172.17.0.2), the first one registered that the caller can reach
// answers. Whatever the order of changes, a connection must land where a fresh look over every
// namespace, in registration order, says it lands.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fabric, type NetNamespace, newNetNamespace, socketKey } from '../src/index.ts';

const ADDRESSES = ['10.244.1.2', '10.244.1.3', '172.17.0.2', '172.17.0.3'];
const NETWORKS = ['pods', 'bridge@a', 'bridge@b'];
const HOSTS = ['a', 'b'];
const PORT = 80;

type Step =
  | { op: 'register'; id: number; host: string; ip: string; network: string }
  | { op: 'unregister'; id: number }
  | { op: 'readdress'; id: number; ip: string; network: string; announce: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('register' as const), id: fc.nat(5), host: fc.constantFrom(...HOSTS), ip: fc.constantFrom(...ADDRESSES), network: fc.constantFrom(...NETWORKS) }),
  fc.record({ op: fc.constant('unregister' as const), id: fc.nat(5) }),
  fc.record({ op: fc.constant('readdress' as const), id: fc.nat(5), ip: fc.constantFrom(...ADDRESSES), network: fc.constantFrom(...NETWORKS), announce: fc.boolean() }),
);

function namespace(id: number, host: string, ip: string, network: string): NetNamespace {
  const ns = newNetNamespace(`netns:${id}`, id, host, 'container');
  ns.interfaces.push({ name: 'eth0', ip, prefix: 24, mac: '02:42:00:00:00:00', network });
  ns.sockets[socketKey(PORT)] = { pid: id + 100 };
  return ns;
}

/** Where a connection from `from` to ip lands, by looking at every namespace in registration order. */
function expectedTarget(registered: readonly NetNamespace[], from: NetNamespace, ip: string): string {
  for (const ns of registered) {
    if (!ns.interfaces.some((i) => i.name !== 'lo' && i.ip === ip)) continue;
    const reachable = ns === from || (ns.host === from.host && (ns.kind === 'host' || from.kind === 'host')) || ns.interfaces.some((i) => i.name !== 'lo' && from.interfaces.some((f) => f.network === i.network));
    if (reachable) return ns.id;
  }
  return 'timeout';
}

describe('the fabric address index', () => {
  it('lands every connection where a look over all namespaces in registration order does', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const fabric = new Fabric();
        fabric.attachHost('a', { deliver: () => undefined });
        fabric.attachHost('b', { deliver: () => undefined });
        const hostA = newNetNamespace('host:a', 0, 'a', 'host');
        hostA.interfaces.push({ name: 'eth0', ip: '192.168.0.1', prefix: 24, mac: '02:50:00:00:00:01', network: 'machines' });
        fabric.register(hostA);
        // Registration order as the fabric's callers make it: an id first registered keeps its
        // place until it is unregistered.
        const registered: NetNamespace[] = [hostA];
        for (const s of steps) {
          const at = registered.findIndex((ns) => ns.id === `netns:${s.id}`);
          if (s.op === 'register') {
            const ns = namespace(s.id, s.host, s.ip, s.network);
            if (at >= 0) registered[at] = ns;
            else registered.push(ns);
            fabric.register(ns);
          } else if (s.op === 'unregister') {
            if (at >= 0) registered.splice(at, 1);
            fabric.unregister(`netns:${s.id}`);
          } else if (at >= 0) {
            const ns = registered[at]!;
            ns.interfaces = [ns.interfaces[0]!, { name: 'eth0', ip: s.ip, prefix: 24, mac: '02:42:00:00:00:01', network: s.network }];
            // Changed by one namespace, or (a restore) by all at once.
            fabric.changed(s.announce ? ns : undefined);
          }
          for (const from of registered) {
            for (const ip of ADDRESSES) {
              const connection = fabric.connect(from, ip, PORT);
              expect(typeof connection === 'string' ? connection : connection.ns.id).toBe(expectedTarget(registered, from, ip));
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
