// `dockyard kind load docker-image IMAGE...`: copies images built or pulled on the Docker host
// into every node's containerd store, as kind's command does, so a pod can run `my-app:1.0` (a
// tag no registry serves) with its default IfNotPresent pull policy. Messages are kind's
// (sigs.k8s.io/kind pkg/cmd/kind/load/docker-image).

import { CommandError } from '../session.ts';
import type { TopCommand } from './command.ts';

const USAGE = 'Usage:\n  kind load docker-image <IMAGE> [IMAGE...] [flags]\n';

export const kindCommand: TopCommand = {
  name: 'kind',
  summary: 'Load Docker host images into the cluster nodes: kind load docker-image IMAGE...',
  async run(args, session) {
    if (args[0] === '--help' || args[0] === '-h' || args.length === 0) {
      session.stdout(`Loads images from the Docker host into the nodes of the cluster.\n\n${USAGE}`);
      return 0;
    }
    if (args[0] !== 'load' || args[1] !== 'docker-image') throw new CommandError(`ERROR: unknown command "${args.slice(0, 2).join(' ')}" for "kind"\n${USAGE}`);
    const names = args.slice(2);
    if (names.length === 0) throw new CommandError('ERROR: a list of image names is required');
    const { world } = session;
    const images = names.map((name) => {
      const image = world.images.host.resolve(name);
      if (image === undefined) throw new CommandError(`ERROR: image: "${name}" not present locally`);
      return { name, image };
    });
    const nodes = world.cluster.nodeNames.map((name) => ({ name, images: world.cluster.node(name)!.images }));
    for (const { name, image } of images) {
      const missing = nodes.filter((node) => node.images.resolve(name)?.id !== image.id);
      if (missing.length === 0) {
        session.stdout(`Image: "${name}" with ID "${image.id}" found to be already present on all nodes.\n`);
        continue;
      }
      for (const node of missing) {
        session.stdout(`Image: "${name}" with ID "${image.id}" not yet present on node "${node.name}", loading...\n`);
        node.images.store.tag(node.images.store.add(image), name);
      }
    }
    return 0;
  },
};
