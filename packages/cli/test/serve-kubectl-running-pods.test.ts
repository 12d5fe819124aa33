// The stock kubectl against `dockyard serve` once the kubelets run the pods: `get nodes` and
// `describe node|pod` as Dockyard's own kubectl prints them, `logs` (--tail, -c, --previous,
// --timestamps, the kubelet's reasons there is no log), and `top` through metrics.k8s.io. The
// world is set up with Dockyard's kubectl, moved on 2m30s, and served with the clock stopped, so
// both print the same moment. Dates are shown on kubectl's calendar (see wall-calendar.ts): those
// in Dockyard's output are moved by the same whole seconds before comparing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlInstalled } from './support/fake-apiserver.ts';
import type { CommandRun } from './support/serve-dockyard.ts';
import { newWorkspace, type Served, startServe } from './support/serve-dockyard.ts';

if (!kubectlInstalled) console.warn('serve-kubectl-running-pods.test.ts: kubectl is not installed; skipping the tests that drive dockyard serve with it');

const manifest = readFileSync(join(import.meta.dirname, 'fixtures/serve/running-pods.yaml'), 'utf8');

/** The commands whose output is compared with Dockyard's own kubectl. */
const COMPARED = {
  nodes: ['get', 'nodes'],
  nodesWide: ['get', 'nodes', '-o', 'wide'],
  podsWide: ['get', 'pods', '-o', 'wide'],
  events: ['get', 'events'],
  describeNode: ['describe', 'node', 'node-1'],
  describeCrasher: ['describe', 'pod', 'crasher'],
  describePair: ['describe', 'pod', 'pair'],
  describeUnpullable: ['describe', 'pod', 'unpullable'],
  topPods: ['top', 'pods'],
  topPodsContainers: ['top', 'pods', '--containers'],
  topNodes: ['top', 'nodes'],
  logsTicker: ['logs', 'ticker', '--tail', '3'],
  logsTickerSince: ['logs', 'ticker', '--since', '12s'],
  logsPair: ['logs', 'pair', '--all-containers'],
  logsWeb: ['logs', '-l', 'app=web', '--prefix', '--tail', '1'],
} as const;

// kubectl's describe prints dates as Go's RFC1123Z.
const RFC1123Z = /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000\b/g;

/** `text` with every date moved `offsetMs` on. */
function moved(text: string, offsetMs: number): string {
  return text.replace(RFC1123Z, (date) => new Date(Date.parse(date) + offsetMs).toUTCString().replace('GMT', '+0000'));
}

describe.skipIf(!kubectlInstalled)('the stock kubectl against dockyard serve, its pods running (needs kubectl on PATH)', () => {
  let box: ReturnType<typeof newWorkspace>;
  let served: Served;
  const dockyard: Record<string, CommandRun> = {};

  beforeAll(async () => {
    box = newWorkspace();
    writeFileSync(join(box.dir, 'running-pods.yaml'), manifest);
    expect(box.dockyard('kubectl', 'apply', '-f', 'running-pods.yaml')).toMatchObject({ status: 0 });
    expect(box.dockyard('advance', '2m30s')).toMatchObject({ status: 0 });
    for (const [key, args] of Object.entries(COMPARED)) dockyard[key] = box.dockyard('kubectl', ...args);
    dockyard['stampTicker'] = box.dockyard('kubectl', 'logs', 'ticker', '--timestamps', '--tail', '1');
    served = await startServe(box.dir, '--speed', '0');
  }, 120_000);

  afterAll(async () => {
    await served?.stop();
  });

  /**
   * The stock kubectl's output for `key`, which must be Dockyard's with its dates moved onto the
   * wall calendar. The times it shows are whole seconds while kubectl ages them on its own clock,
   * so an age can come out a second long when a request crosses a second's edge: ask again then.
   */
  async function sameAsDockyard(key: keyof typeof COMPARED): Promise<{ stock: CommandRun; expected: CommandRun }> {
    let stock: CommandRun | undefined;
    let expected: CommandRun | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      stock = await served.kubectl(...COMPARED[key]);
      const ours = dockyard[key]!;
      const shownDate = stock.stdout.match(RFC1123Z)?.[0];
      const ourDate = ours.stdout.match(RFC1123Z)?.[0];
      const offset = shownDate === undefined || ourDate === undefined ? 0 : Date.parse(shownDate) - Date.parse(ourDate);
      expected = { ...ours, stdout: moved(ours.stdout, offset) };
      if (stock.stdout === expected.stdout && stock.stderr === expected.stderr) break;
    }
    return { stock: stock!, expected: expected! };
  }

  it('lists the nodes the kubelets registered, Ready, as Dockyard does', async () => {
    const { stock, expected } = await sameAsDockyard('nodes');
    expect(stock).toEqual(expected);
    expect(stock.stdout).toBe(
      'NAME     STATUS   ROLES    AGE     VERSION\n' +
        'node-1   Ready    <none>   2m30s   v1.33.1\n' +
        'node-2   Ready    <none>   2m30s   v1.33.1\n' +
        'node-3   Ready    <none>   2m30s   v1.33.1\n',
    );
    const wide = await sameAsDockyard('nodesWide');
    expect(wide.stock).toEqual(wide.expected);
    expect(wide.stock.stdout).toMatch(/\nnode-1 +Ready +<none> +2m30s +v1\.33\.1 +172\.18\.0\.2 +<none> +Debian GNU\/Linux 12 \(bookworm\) +\S+ +containerd:\/\/\S+\n/);
  });

  it('lists the pods with their nodes and IPs, and the events of the kubelets, as Dockyard does', async () => {
    const pods = await sameAsDockyard('podsWide');
    expect(pods.stock).toEqual(pods.expected);
    expect(pods.stock.stdout).toMatch(/\nticker +1\/1 +Running +0 +2m30s +10\.244\.\d+\.\d+ +node-\d +<none> +<none>\n/);
    const events = await sameAsDockyard('events');
    expect(events.stock).toEqual(events.expected);
    expect(events.stock.stdout).toMatch(/\n\d+s +Warning +BackOff +pod\/crasher +Back-off restarting failed container crasher in pod crasher_default\(/);
  });

  it("describes a node: its conditions, the kubelet's Lease, its pods and events", async () => {
    const { stock, expected } = await sameAsDockyard('describeNode');
    expect(stock).toEqual(expected);
    expect(stock.stdout).toMatch(/\nLease:\n {2}HolderIdentity: {2}node-1\n/);
    expect(stock.stdout).toMatch(/\n {2}Ready +True +.+ KubeletReady +kubelet is posting ready status\n/);
    // The controller's events about the node (by its uid) come before the kubelet's (by its name).
    expect(stock.stdout).toMatch(/\nEvents:\n.*\n.*\n {2}Normal +RegisteredNode +2m30s +node-controller +Node node-1 event: Registered Node node-1 in Controller\n {2}Normal +Starting +2m30s +kubelet +Starting kubelet\.\n/);
  });

  it('describes pods with their container states and the events of the kubelet', async () => {
    const crasher = await sameAsDockyard('describeCrasher');
    expect(crasher.stock).toEqual(crasher.expected);
    expect(crasher.stock.stdout).toMatch(/\n {4}State: +Waiting\n {6}Reason: +CrashLoopBackOff\n {4}Last State: +Terminated\n {6}Reason: +Error\n {6}Exit Code: +3\n/);
    expect(crasher.stock.stdout).toMatch(/\n {2}Warning +BackOff +\d+s \(x\d+ over 2m\d+s\) +kubelet +Back-off restarting failed container crasher in pod crasher_default\([0-9a-f-]{36}\)\n/);
    const pair = await sameAsDockyard('describePair');
    expect(pair.stock).toEqual(pair.expected);
    expect(pair.stock.stdout).toMatch(/\nInit Containers:\n {2}setup:\n/);
    const unpullable = await sameAsDockyard('describeUnpullable');
    expect(unpullable.stock).toEqual(unpullable.expected);
    expect(unpullable.stock.stdout).toMatch(/\n {6}Reason: +ImagePullBackOff\n/);
  });

  it("prints a container's log: --tail, --since, every container, pods of a selector", async () => {
    const ticker = await served.kubectl(...COMPARED.logsTicker);
    expect(ticker).toEqual(dockyard['logsTicker']);
    expect(ticker.stdout).toMatch(/^tick (\d+)\ntick \d+\ntick \d+\n$/);
    const since = await served.kubectl(...COMPARED.logsTickerSince);
    expect(since).toEqual(dockyard['logsTickerSince']);
    // A line every 5s: two or three in 12s.
    expect(since.stdout).toMatch(/^(tick \d+\n){2,3}$/);
    // The stock client reads its log requests out of a Go map, so the order of the containers (and
    // of the pods below) varies from run to run; the lines are the same. Dockyard's order is fixed.
    const pair = await served.kubectl(...COMPARED.logsPair);
    expect({ ...pair, stdout: sortedLines(pair.stdout) }).toEqual({ ...dockyard['logsPair'], stdout: sortedLines(dockyard['logsPair']!.stdout) });
    expect(dockyard['logsPair']!.stdout).toBe('preparing\napp up\nside up\n');
    const web = await served.kubectl(...COMPARED.logsWeb);
    expect({ ...web, stdout: sortedLines(web.stdout) }).toEqual({ ...dockyard['logsWeb'], stdout: sortedLines(dockyard['logsWeb']!.stdout) });
    expect(web.stdout).toMatch(/^\[pod\/web-[a-z0-9]+-[a-z0-9]{5}\/nginx\] .*\n\[pod\/web-[a-z0-9]+-[a-z0-9]{5}\/nginx\] .*\n$/);
  });

  it('picks a container: the first by default, -c another or an init container', async () => {
    expect(await served.kubectl('logs', 'pair')).toEqual({ stdout: 'app up\n', stderr: 'Defaulted container "app" out of: app, side, setup (init)\n', status: 0 });
    expect(await served.kubectl('logs', 'pair', '-c', 'side')).toEqual({ stdout: 'side up\n', stderr: '', status: 0 });
    expect(await served.kubectl('logs', 'pair', '-c', 'setup')).toEqual({ stdout: 'preparing\n', stderr: '', status: 0 });
    expect(await served.kubectl('logs', 'pair', '-c', 'nope')).toEqual({ stdout: '', stderr: 'error: container nope is not valid for pod pair\n', status: 1 });
  });

  it('prints the last run of a crashing container, and --previous', async () => {
    // In back-off the kubelet serves the last terminated run. [kubelet validateContainerLogStatus]
    expect(await served.kubectl('logs', 'crasher')).toEqual({ stdout: 'starting\ngiving up\n', stderr: '', status: 0 });
    expect(await served.kubectl('logs', 'crasher', '--previous')).toEqual({ stdout: 'starting\ngiving up\n', stderr: '', status: 0 });
    expect(await served.kubectl('logs', 'ticker', '--previous')).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): previous terminated container "ticker" in pod "ticker" not found\n',
      status: 1,
    });
  });

  it("answers with the kubelet's reason when there is no log", async () => {
    expect(await served.kubectl('logs', 'unpullable')).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): container "app" in pod "unpullable" is waiting to start: trying and failing to pull image\n',
      status: 1,
    });
    expect(await served.kubectl('logs', 'nope')).toEqual({ stdout: '', stderr: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n', status: 1 });
  });

  it('stamps log lines with --timestamps on the calendar of the object times', async () => {
    const run = await served.kubectl('logs', 'ticker', '--timestamps', '--tail', '1');
    const ours = /^(\S+) (tick \d+)\n$/.exec(dockyard['stampTicker']!.stdout)!;
    const [, stamp, text] = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z) (tick \d+)\n$/.exec(run.stdout)!;
    expect(text).toBe(ours[2]);
    // Moved by whole seconds, like every time the server shows: the virtual 2m30s is now.
    const offset = Date.parse(stamp!) - Date.parse(ours[1]!);
    expect(offset % 1000).toBe(0);
    expect(Math.abs(Date.now() - offset - (VIRTUAL_EPOCH_MS + 150_000))).toBeLessThan(10_000);
    // All nine digits of the fraction, as the kubelet writes them (RFC3339NanoFixed).
    expect(stamp!.slice(19)).toBe(ours[1]!.slice(19));
    expect(stamp).toMatch(/\.\d{9}Z$/);
  });

  it('shows what metrics-server measured in kubectl top, as Dockyard does', async () => {
    for (const key of ['topPods', 'topPodsContainers', 'topNodes'] as const) expect(await served.kubectl(...COMPARED[key])).toEqual(dockyard[key]);
    expect(dockyard['topNodes']!.stdout).toMatch(/^NAME +CPU\(cores\) +CPU\(%\) +MEMORY\(bytes\) +MEMORY\(%\) +\nnode-1 +\d+m +\d+% +\d+Mi +\d+% +\n/);
    // Only Running pods have metrics: the crashing one and the unpullable one are left out.
    expect(dockyard['topPods']!.stdout).not.toMatch(/^(crasher|unpullable) /m);
    expect(dockyard['topPods']!.stdout).toMatch(/^ticker +\d+m +\d+Mi +$/m);
  });

  it("answers kubectl top for one pod with metrics-server's NotFound", async () => {
    expect(await served.kubectl('top', 'pod', 'unpullable')).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/unpullable" not found\n',
      status: 1,
    });
    expect(await served.kubectl('top', 'pod', 'nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', status: 1 });
    expect(await served.kubectl('top', 'node', 'node-9')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): nodes "node-9" not found\n', status: 1 });
    const one = await served.kubectl('top', 'pod', 'ticker');
    expect(one.stdout).toMatch(/^NAME +CPU\(cores\) +MEMORY\(bytes\) +\nticker +\d+m +\d+Mi +\n$/);
  });
});

function sortedLines(text: string): string[] {
  return text.split('\n').sort();
}
