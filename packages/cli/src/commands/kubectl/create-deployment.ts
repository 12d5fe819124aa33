// `kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=PORT] [-- COMMAND...]`:
// a Deployment labelled and selected by `app: NAME`, one container per image, named after the
// image (`registry/org/nginx:1.25` → `nginx`).
// [kubectl pkg/cmd/create/create_deployment.go createDeployment / buildPodSpec]

import type { KubectlCommand } from './command.ts';
import { generatedMeta, generatorFlags, nameArgument, requireFlags, submitGenerated } from './generated-object.ts';

export const createDeploymentCommand: KubectlCommand = {
  name: 'deployment',
  aliases: ['deploy'],
  summary: 'Create a deployment with the specified name',
  description: 'Create a deployment with the specified name.',
  examples: [
    ['A deployment named web that runs nginx', 'kubectl create deployment web --image=nginx'],
    ['The same with a command', 'kubectl create deployment web --image=busybox -- date'],
    ['Three replicas, exposing port 80', 'kubectl create deployment web --image=nginx:1.25 --replicas=3 --port=80'],
  ],
  usage: 'deployment NAME --image=image -- [COMMAND] [args...]',
  flags: [
    ...generatorFlags(),
    { name: 'image', kind: 'stringSlice', usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
    { name: 'port', kind: 'int', default: -1, usage: 'The containerPort that this deployment exposes.' },
    { name: 'replicas', short: 'r', kind: 'int', default: 1, usage: 'Number of replicas to create. Default is 1.' },
  ],
  async run(client, flags) {
    requireFlags(client, flags, ['image']);
    const name = nameArgument(client, flags);
    const images = flags.list('image');
    const command = flags.argsLenAtDash >= 0 ? flags.positional.slice(flags.argsLenAtDash) : [];
    if (images.length > 1 && command.length > 0) throw client.error('cannot specify multiple --image options and command');
    const port = flags.int('port');
    const used = new Set<string>();
    const containers = images.map((image, index) => ({
      ...(command.length > 0 ? { command } : {}),
      image,
      name: uniqueName(containerName(image), used, () => client.session.world.engine.random.strings('bcdfghjklmnpqrstvwxz2456789', 5)()),
      ...(index === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}),
      resources: {},
    }));
    const labels = { app: name };
    return submitGenerated(
      client,
      flags,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: generatedMeta(client, name, labels),
        spec: {
          replicas: flags.int('replicas'),
          selector: { matchLabels: labels },
          strategy: {},
          template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
        },
        status: {},
      } as never,
      'failed to create deployment',
    );
  },
};

/** The image's last path segment without tag or digest. */
export function containerName(image: string): string {
  return image.split('/').pop()!.split(':')[0]!.split('@')[0]!;
}

/** kubectl's sanitizeAndUniquify: underscores become hyphens, and a repeated name gets a random suffix. */
function uniqueName(name: string, used: Set<string>, suffix: () => string): string {
  let sane = name.replace(/_/g, '-');
  if (used.has(sane)) sane = `${sane}-${suffix()}`;
  used.add(sane);
  return sane;
}
