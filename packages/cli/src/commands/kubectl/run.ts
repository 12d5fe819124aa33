// `kubectl run NAME --image=IMAGE [-- ARGS...]`: one pod (labelled run=NAME) with one container;
// with -i/--attach kubectl waits for it to start, shows what it writes (typing into it with
// -it), waits for it to finish when its restart policy lets it (OnFailure is the default with -i)
// and returns its exit code; --rm deletes the pod afterwards (`pod "debug" deleted`).
// [kubectl pkg/cmd/run/run.go Complete / Validate / Run / handleAttachPod / waitForPod]

import type { ContainerRef } from '@dockyard/scheduler';
import type { Pod } from 'kubernetes-types/core/v1';
import { CommandError } from '../../session.ts';
import { referenceError, waitFor } from '../docker/daemon.ts';
import type { Client } from './client.ts';
import type { KubectlCommand } from './command.ts';
import type { Flags } from './flags.ts';
import { generatorFlags, requireFlags, submitGenerated } from './generated-object.ts';

type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export const runCommand: KubectlCommand = {
  name: 'run',
  summary: 'Run a particular image on the cluster',
  description: 'Create and run a particular image in a pod.',
  examples: [
    ['Start a nginx pod', 'kubectl run nginx --image=nginx'],
    ['Start a hazelcast pod and let the container expose port 5701', 'kubectl run hazelcast --image=hazelcast/hazelcast --port=5701'],
    ['Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container', 'kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"'],
    ['Dry run; print the corresponding API objects without creating them', 'kubectl run nginx --image=nginx --dry-run=client -o yaml'],
    ['Start a busybox pod and keep it in the foreground, don\'t restart it if it exits', 'kubectl run -i -t busybox --image=busybox --restart=Never'],
    ['Look a service name up from inside the cluster, then delete the pod', 'kubectl run debug --rm -it --image=busybox -- nslookup web.default.svc.cluster.local'],
    ['Start the nginx pod using a different command and custom arguments', 'kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>'],
  ],
  usage: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
  flags: [
    ...generatorFlags('kubectl-run'),
    { name: 'annotations', kind: 'stringArray', usage: 'Annotations to apply to the pod.' },
    { name: 'attach', kind: 'bool', usage: 'If true, wait for the Pod to start running, and then attach to the Pod as if \'kubectl attach ...\' were called. Default false, unless \'-i/--stdin\' is set, in which case the default is true. With \'--restart=Never\' the exit code of the container process is returned.' },
    { name: 'command', kind: 'bool', usage: "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default." },
    { name: 'env', kind: 'stringArray', usage: 'Environment variables to set in the container.' },
    { name: 'expose', kind: 'bool', usage: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.' },
    { name: 'image', kind: 'string', usage: 'The image for the container to run.' },
    { name: 'image-pull-policy', kind: 'string', usage: "The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server." },
    { name: 'labels', short: 'l', kind: 'string', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
    { name: 'leave-stdin-open', kind: 'bool', usage: 'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes.' },
    { name: 'pod-running-timeout', kind: 'duration', default: 60_000, usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'port', kind: 'string', usage: "The port that this container exposes." },
    { name: 'privileged', kind: 'bool', usage: 'If true, run the container in privileged mode.' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'If true, suppress prompt messages.' },
    { name: 'restart', kind: 'string', usage: "The restart policy for this Pod.  Legal values [Always, OnFailure, Never]." },
    { name: 'rm', kind: 'bool', usage: 'If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with \'--attach\' or with \'-i/--stdin\'.' },
    { name: 'stdin', short: 'i', kind: 'bool', usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
    { name: 'tty', short: 't', kind: 'bool', usage: 'Allocate a TTY for the container in the pod.' },
  ],
  async run(client, flags) {
    requireFlags(client, flags, ['image']);
    const interactive = flags.bool('stdin');
    const restart = restartPolicyOf(client, flags.string('restart'), interactive);
    const pullPolicy = flags.string('image-pull-policy');
    if (!['', 'Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) throw client.error(`invalid image pull policy: ${pullPolicy}`);
    if (flags.duration('pod-running-timeout') <= 0) throw client.error('--pod-running-timeout must be higher than zero');
    const attach = flags.changed('attach') ? flags.bool('attach') : interactive;
    const args = flags.positional;
    if (args.length === 0 || flags.argsLenAtDash === 0) throw client.usageError('NAME is required for run');
    const image = flags.string('image');
    if (image === '') throw client.error('--image is required');
    if (referenceError(image) !== undefined) throw client.error(`invalid image name ${JSON.stringify(image)}: invalid reference format`);
    if (flags.bool('tty') && !interactive) throw client.error('-i/--stdin is required for containers with -t/--tty=true');
    const port = flags.string('port');
    if (flags.bool('expose') && port === '') throw client.error('--port must be set when exposing a service');
    if (port !== '' && !/^[+-]?\d+$/.test(port)) throw client.error('--port must be a number');
    if (!attach && flags.bool('rm')) throw client.usageError('--rm should only be used for attached containers');
    if (attach && flags.string('dry-run') !== 'none') {
      throw client.usageError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    }
    const [name, ...rest] = args;
    const labels = parseLabels(client, flags.string('labels')) ?? { run: name! };
    const pod = podOf(client, flags, name!, labels, rest, restart);
    if (!attach) {
      submitGenerated(client, flags, pod as never);
      if (flags.bool('expose')) submitGenerated(client, flags, serviceOf(name!, flags.string('labels') === '' ? undefined : labels, labels, Number(port)) as never);
      return 0;
    }
    createQuietly(client, pod);
    try {
      return await attachToPod(client, flags, name!, restart);
    } finally {
      if (flags.bool('rm')) removePod(client, name!);
    }
  },
};

function restartPolicyOf(client: Client, text: string, interactive: boolean): RestartPolicy {
  if (text === '') return interactive ? 'OnFailure' : 'Always';
  if (text === 'Always' || text === 'OnFailure' || text === 'Never') return text;
  throw client.usageError(`invalid restart policy: ${text}`);
}

function parseLabels(client: Client, text: string): Record<string, string> | undefined {
  if (text === '') return undefined;
  const labels: Record<string, string> = {};
  for (const spec of text.split(',')) {
    const parts = spec.split('=');
    if (parts.length !== 2) throw client.error(`unexpected label spec: ${spec}`);
    if (parts[0] === '') throw client.error(`unexpected empty label key`);
    labels[parts[0]!] = parts[1]!;
  }
  return labels;
}

function podOf(client: Client, flags: Flags, name: string, labels: Record<string, string>, args: string[], restart: RestartPolicy): Record<string, unknown> {
  const annotations: Record<string, string> = {};
  for (const pair of flags.list('annotations')) {
    if (!pair.includes('=')) throw client.error(`invalid annotations format: ${pair}`);
    annotations[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
  }
  const env = flags.list('env').map((pair) => {
    if (!pair.includes('=') || pair.startsWith('=')) throw client.error(`invalid env: ${pair}`);
    return { name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1) };
  });
  const interactive = flags.bool('stdin');
  const port = flags.string('port');
  const container: Record<string, unknown> = {
    ...(args.length > 0 ? { [flags.bool('command') ? 'command' : 'args']: args } : {}),
    ...(env.length > 0 ? { env } : {}),
    image: flags.string('image'),
    ...(flags.string('image-pull-policy') !== '' ? { imagePullPolicy: flags.string('image-pull-policy') } : {}),
    name,
    ...(port !== '' ? { ports: [{ containerPort: Number(port) }] } : {}),
    resources: {},
    ...(flags.bool('privileged') ? { securityContext: { privileged: true } } : {}),
    ...(interactive ? { stdin: true } : {}),
    ...(interactive && !flags.bool('leave-stdin-open') ? { stdinOnce: true } : {}),
    ...(flags.bool('tty') ? { tty: true } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      creationTimestamp: null,
      labels,
      name,
      ...(client.explicitNamespace ? { namespace: client.namespace } : {}),
    },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  };
}

function serviceOf(name: string, labels: Record<string, string> | undefined, selector: Record<string, string>, port: number): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { creationTimestamp: null, ...(labels === undefined ? {} : { labels }), name },
    spec: { ports: [{ port, protocol: 'TCP', targetPort: port }], selector },
    status: { loadBalancer: {} },
  };
}

/** An attached run prints nothing on creation. */
function createQuietly(client: Client, pod: Record<string, unknown>): void {
  try {
    client.store.create(pod as never, { namespace: client.namespace });
  } catch (error) {
    throw client.failure(error);
  }
}

/**
 * Waits for the container to start (or the pod to finish), shows its output from the start --
 * typing into it with -it -- until it stops, then waits for the pod's end when the restart
 * policy allows one and turns it into the exit code.
 */
async function attachToPod(client: Client, flags: Flags, name: string, restart: RestartPolicy): Promise<number> {
  const engine = client.session.world.engine;
  const timeout = flags.duration('pod-running-timeout');
  const pod = () => client.store.tryGet('Pod', client.namespace, name) as Pod | undefined;
  const status = () => pod()?.status?.containerStatuses?.find((s) => s.name === name);
  const started = () => {
    const s = status();
    return s !== undefined && (s.state?.running !== undefined || s.state?.terminated !== undefined || s.lastState?.terminated !== undefined);
  };
  const finished = () => ['Succeeded', 'Failed'].includes(pod()?.status?.phase ?? '');
  let deadline = engine.now + timeout;
  await waitFor(client.session, () => pod() === undefined || started() || finished() || engine.now >= deadline);
  if (pod() === undefined) throw client.error(`pods ${JSON.stringify(name)} not found`);
  if (!started() && !finished()) throw client.error('timed out waiting for the condition');
  const ref = client.session.world.cluster.containerRef(client.namespace, name, name, status()?.state?.running === undefined && status()?.lastState?.terminated !== undefined);
  if (ref !== undefined) await stream(client, ref, flags.bool('stdin') && flags.bool('tty'));
  if (restart === 'Always' || flags.bool('leave-stdin-open')) return 0;
  const done = () => (restart === 'OnFailure' ? pod()?.status?.phase === 'Succeeded' : finished());
  deadline = engine.now + timeout;
  await waitFor(client.session, () => pod() === undefined || done() || engine.now >= deadline);
  const end = pod();
  if (end === undefined) throw client.error(`pods ${JSON.stringify(name)} not found`);
  if (!done()) throw client.error('timed out waiting for the condition');
  if (end.status?.phase === 'Succeeded') return 0;
  const namespace = end.metadata?.namespace;
  const terminated = end.status?.containerStatuses?.[0]?.state?.terminated;
  if (terminated === undefined || terminated.exitCode === 0) throw client.error(`pod ${namespace}/${name} failed with unknown exit code`);
  throw new CommandError(`pod ${namespace}/${name} terminated (${terminated.reason ?? ''})\n${terminated.message ?? ''}`, terminated.exitCode);
}

/** The container's output from its first line until it stops; lines typed at its prompts with -it. */
async function stream(client: Client, ref: ContainerRef, interactive: boolean): Promise<void> {
  const { runtime, containerId } = ref;
  let read = 0;
  const flush = () => {
    const chunks = runtime.logs(containerId, {}, read);
    read += chunks.length;
    for (const [, text] of chunks) client.out(text);
  };
  const stopped = () => runtime.get(containerId)?.state.status !== 'running';
  flush();
  for (;;) {
    if (interactive && !stopped()) {
      const prompt = runtime.containerPrompt(containerId);
      if (prompt !== undefined) {
        runtime.containerInput(containerId, await client.session.readLine(prompt));
        flush();
        continue;
      }
    }
    const more = await waitFor(client.session, () => stopped() || (interactive && runtime.containerPrompt(containerId) !== undefined), flush);
    flush();
    if (!more || stopped()) return;
  }
}

/** --rm: the pod goes without waiting for it (`pod "debug" deleted`). */
function removePod(client: Client, name: string): void {
  if (client.store.tryGet('Pod', client.namespace, name) === undefined) return;
  client.store.delete('Pod', client.namespace, name);
  client.out(`pod ${JSON.stringify(name)} deleted\n`);
}
