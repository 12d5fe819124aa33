// `kubectl logs`: what a pod's container wrote (stdout and stderr together, as the kubelet serves
// them), its previous instance with -p, the last lines with --tail, from a time with --since;
// -f follows while virtual time passes until the container stops.
// [kubectl pkg/cmd/logs/logs.go; polymorphichelpers logsforobject.go; kubelet log timestamps]

import { fromRFC3339 } from '@dockyard/runtime';
import type { ContainerRef } from '@dockyard/scheduler';
import type { Pod } from 'kubernetes-types/core/v1';
import { waitFor } from '../docker/daemon.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import type { Flags } from './flags.ts';
import { checkSelector, defaultContainer, logTarget, podFor } from './pod-target.ts';

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

interface Stream {
  pod: Pod;
  container: string;
  ref: ContainerRef;
  /** How many log entries have been printed (for -f). */
  read: number;
}

export const logsCommand: KubectlCommand = {
  name: 'logs',
  summary: 'Print the logs for a container in a pod',
  description:
    'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional; otherwise the first container is used (or the one the kubectl.kubernetes.io/default-container annotation names).',
  examples: [
    ['Return snapshot logs from pod nginx with only one container', 'kubectl logs nginx'],
    ['Return snapshot logs from pod nginx, prefixing each line with the source pod and container name', 'kubectl logs nginx --prefix'],
    ['Return snapshot logs from all containers in pods defined by label app=nginx', 'kubectl logs -l app=nginx --all-containers=true'],
    ['Return snapshot logs of the previous terminated instance of a container (after a crash)', 'kubectl logs -p -c ruby web-1'],
    ['Begin streaming the logs of the ruby container in pod web-1', 'kubectl logs -f -c ruby web-1'],
    ['Display only the most recent 20 lines of output in pod nginx', 'kubectl logs --tail=20 nginx'],
    ['Show all logs from pod nginx written in the last hour', 'kubectl logs --since=1h nginx'],
    ['Return snapshot logs from the first container of a deployment named nginx', 'kubectl logs deployment/nginx'],
  ],
  usage: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
  flags: [
    { name: 'all-containers', kind: 'bool', usage: 'Get all containers\' logs in the pod(s).' },
    { name: 'all-pods', kind: 'bool', usage: 'Get logs from all pod(s). Sets prefix to true.' },
    { name: 'container', short: 'c', kind: 'string', usage: 'Print the logs of this container' },
    { name: 'follow', short: 'f', kind: 'bool', usage: 'Specify if the logs should be streamed.' },
    { name: 'ignore-errors', kind: 'bool', usage: 'If watching / following pod logs, allow for any errors that occur to be non-fatal' },
    { name: 'limit-bytes', kind: 'int', usage: 'Maximum bytes of logs to return. Defaults to no limit.' },
    { name: 'max-log-requests', kind: 'int', default: 5, usage: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.' },
    { name: 'pod-running-timeout', kind: 'duration', default: 20_000, usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'prefix', kind: 'bool', usage: 'Prefix each log line with the log source (pod name and container name)' },
    { name: 'previous', short: 'p', kind: 'bool', usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { name: 'selector', short: 'l', kind: 'string', usage: 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'.' },
    { name: 'since', kind: 'duration', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'since-time', kind: 'string', usage: 'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'tail', kind: 'int', default: -1, usage: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.' },
    { name: 'timestamps', kind: 'bool', usage: 'Include timestamps on each line in the log output' },
  ],
  async run(client, flags) {
    const args = flags.positional;
    const selector = flags.string('selector');
    if (selector !== '' && args.length > 0) throw client.usageError('only a selector (-l) or a POD name is allowed');
    if (selector === '' && (args.length === 0 || args.length > 2)) throw client.usageError(USAGE);
    if (args.length === 2 && flags.string('container') !== '') throw client.usageError('only one of -c or an inline [CONTAINER] arg is allowed');
    if (flags.changed('since') && flags.changed('since-time')) throw client.error('at most one of `sinceTime` or `sinceSeconds` may be specified');
    if (flags.int('limit-bytes') < 0) throw client.error('--limit-bytes must be greater than 0');
    if (flags.duration('pod-running-timeout') <= 0) throw client.error('--pod-running-timeout must be higher than zero');
    let since: number | undefined;
    if (flags.changed('since-time')) {
      since = fromRFC3339(flags.string('since-time'));
      if (Number.isNaN(since)) throw client.error(`parsing time ${JSON.stringify(flags.string('since-time'))} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(flags.string('since-time'))} as "2006"`);
    } else if (flags.changed('since')) since = client.now - flags.duration('since');

    const pods = selector !== '' ? podsBySelector(client, selector, flags) : [await podFor(client, args[0]!, flags.duration('pod-running-timeout'))];
    const containerName = args[1] ?? flags.string('container');
    const streams: Stream[] = [];
    for (const pod of pods) {
      const names = flags.bool('all-containers')
        ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name)
        : [logContainer(client, pod, containerName)];
      for (const container of names) {
        const ref = logTarget(client, pod, container, flags.bool('previous'));
        if (ref !== undefined) streams.push({ pod, container, ref, read: 0 });
      }
    }
    const tail = flags.changed('tail') || selector === '' ? flags.int('tail') : 10;
    const prefix = flags.bool('prefix') || flags.bool('all-pods');
    let budget = flags.int('limit-bytes') > 0 ? flags.int('limit-bytes') : Infinity;
    const write = (stream: Stream, chunks: readonly [string, string][]) => {
      for (const [, text] of chunks) {
        if (budget <= 0) return;
        // The runtime stamps lines as the kubelet does: RFC 3339 with all nine fraction digits
        // (RFC3339NanoFixed). [kubelet kuberuntime/logs/logs.go timeFormatOut]
        let line = text;
        if (prefix) line = `[pod/${stream.pod.metadata?.name}/${stream.container}] ${line}`;
        const out = line.length > budget ? line.slice(0, budget) : line;
        budget -= out.length;
        client.out(out);
      }
    };
    for (const stream of streams) {
      const { runtime, containerId } = stream.ref;
      write(stream, runtime.logs(containerId, { ...(tail >= 0 ? { tail } : {}), ...(since !== undefined ? { since } : {}), timestamps: flags.bool('timestamps') }));
      stream.read = runtime.logSize(containerId);
    }
    if (!flags.bool('follow') || flags.bool('previous')) return 0;
    const running = (stream: Stream) => stream.ref.runtime.get(stream.ref.containerId)?.state.status === 'running';
    const flush = () => {
      for (const stream of streams) {
        const chunks = stream.ref.runtime.logs(stream.ref.containerId, { timestamps: flags.bool('timestamps') }, stream.read);
        stream.read += chunks.length;
        write(stream, chunks);
      }
    };
    await waitFor(client.session, () => !streams.some(running), flush);
    flush();
    return 0;
  },
};

/** The container a log request is for (logsforobject's own default and its "not valid" error). */
function logContainer(client: Client, pod: Pod, name: string): string {
  if (name === '') return defaultContainer(client, pod, '').name;
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (!all.some((c) => c.name === name)) throw client.error(`container ${name} is not valid for pod ${pod.metadata?.name}`);
  return name;
}

function podsBySelector(client: Client, selector: string, flags: Flags): Pod[] {
  checkSelector(client, selector);
  const pods = client.store.list('Pod', { namespace: client.namespace, labelSelector: selector }).items as unknown as Pod[];
  const limit = flags.int('max-log-requests');
  if (flags.bool('follow') && pods.length > limit) {
    throw client.error(`you are attempting to follow ${pods.length} log streams, but maximum allowed concurrency is ${limit}, use --max-log-requests to increase the limit`);
  }
  return pods;
}
