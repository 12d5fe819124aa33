// `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-it] -- COMMAND [args...]`: runs a command in a
// running container on its node (through the kubelet), with an interactive session for -it; the
// command's exit status becomes kubectl's (`command terminated with exit code N`).
// [kubectl pkg/cmd/exec/exec.go Complete / Validate / Run]

import { CommandError } from '../../session.ts';
import { attachExec } from '../docker/attach.ts';
import type { KubectlCommand } from './command.ts';
import { defaultContainer, podFor } from './pod-target.ts';

export const execCommand: KubectlCommand = {
  name: 'exec',
  summary: 'Execute a command in a container',
  description: 'Execute a command in a container.',
  examples: [
    ["Get output from running the 'date' command from pod mypod, using the first container by default", 'kubectl exec mypod -- date'],
    ["Get output from running the 'date' command in ruby-container from pod mypod", 'kubectl exec mypod -c ruby-container -- date'],
    ["Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod", 'kubectl exec mypod -c ruby-container -i -t -- bash -il'],
    ["Get output from running 'date' command from the first pod of the deployment mydeployment", 'kubectl exec deploy/mydeployment -- date'],
  ],
  usage: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
  flags: [
    { name: 'container', short: 'c', kind: 'string', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'filename', short: 'f', kind: 'stringSlice', usage: 'to use to exec into the resource' },
    { name: 'pod-running-timeout', kind: 'duration', default: 60_000, usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'quiet', short: 'q', kind: 'bool', usage: 'Only print output from the remote session' },
    { name: 'stdin', short: 'i', kind: 'bool', usage: 'Pass stdin to the container' },
    { name: 'tty', short: 't', kind: 'bool', usage: 'Stdin is a TTY' },
  ],
  async run(client, flags) {
    const dash = flags.argsLenAtDash;
    const args = flags.positional;
    if (args.length === 0 && flags.list('filename').length === 0) throw client.error('pod, type/name or --filename must be specified');
    if ((dash === -1 && args.length > 1) || dash > 1) throw client.usageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
    const command = dash === -1 ? [] : args.slice(dash);
    if (command.length === 0) throw client.error('you must specify at least one command for the container');
    if (args[0] === undefined) throw client.error('exec with -f is not supported by Dockyard: name the pod');
    const pod = await podFor(client, args[0], flags.duration('pod-running-timeout'));
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw client.error(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const container = defaultContainer(client, pod, flags.string('container'), flags.bool('quiet'));
    const running = pod.status?.containerStatuses?.find((s) => s.name === container.name)?.state?.running !== undefined;
    const ref = running ? client.session.world.cluster.containerRef(pod.metadata?.namespace ?? client.namespace, pod.metadata?.name ?? '', container.name) : undefined;
    if (ref === undefined) throw client.error(`unable to upgrade connection: container not found (${JSON.stringify(container.name)})`);
    const interactive = flags.bool('stdin') && flags.bool('tty');
    const stdin = flags.bool('stdin') && !flags.bool('tty') ? client.session.stdin : undefined;
    const exec = ref.runtime.execStart(ref.containerId, command, { interactive, ...(stdin !== undefined ? { stdin } : {}) });
    if ('error' in exec) {
      throw client.error(`Internal error occurred: error executing command in container: failed to exec in container: failed to start exec ${JSON.stringify(ref.runtime.newId())}: ${exec.error}`);
    }
    const code = (await attachExec(client.session, exec.id, interactive, ref.runtime)) ?? 0;
    if (code !== 0) throw new CommandError(`command terminated with exit code ${code}`, code);
    return 0;
  },
};
