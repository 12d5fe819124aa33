// `dockyard kind load docker-image IMAGE...`: what a kind user types to run an image they built
// with `docker build` in the cluster without a registry: the image is copied into each node's
// image store. The lines are kind's own (pkg/cmd/kind/load/docker-image), written to stderr as
// kind's logger does; an image the Docker host lacks is `ERROR: image: "x" not present locally`.

import { CommandError } from '../session.ts';
import type { TopCommand } from './command.ts';

const USAGE = 'Usage:\n  kind load docker-image <IMAGE> [IMAGE...] [flags]\n\nFlags:\n      --nodes strings   comma separated list of nodes to load images into\n';

export const kindCommand: TopCommand = {
  name: 'kind',
  summary: 'kind load docker-image IMAGE: copy an image you built into the cluster’s nodes',
  async run(args, session) {
    if (args[0] !== 'load' || args[1] !== 'docker-image') {
      if (args.includes('--help') || args.includes('-h')) {
        session.stdout(`Loads images you built with docker into the cluster's nodes.\n\n${USAGE}`);
        return 0;
      }
      throw new CommandError(`ERROR: unknown command ${JSON.stringify(args.slice(0, 2).join(' '))} for "kind"; dockyard supports:\n${USAGE}`);
    }
    const { cluster, images } = session.world;
    const names: string[] = [];
    let nodes = cluster.nodeNames;
    const rest = args.slice(2);
    for (let i = 0; i < rest.length; i++) {
      const word = rest[i]!;
      const value = word.startsWith('--nodes=') ? word.slice('--nodes='.length) : word === '--nodes' ? rest[++i] : undefined;
      if (word.startsWith('--nodes')) {
        nodes = (value ?? '').split(',').filter(Boolean);
        const unknown = nodes.find((n) => cluster.node(n) === undefined);
        if (unknown !== undefined) throw new CommandError(`ERROR: unknown node: ${unknown}`);
      } else if (word.startsWith('-')) throw new CommandError(`ERROR: unknown flag: ${word}`);
      else names.push(word);
    }
    if (names.length === 0) throw new CommandError('ERROR: a list of image names is required');
    const store = images.host.store;
    // kind checks every image before loading any.
    const missing = names.find((name) => store.resolve(name) === undefined);
    if (missing !== undefined) throw new CommandError(`ERROR: image: ${JSON.stringify(missing)} not present locally`);
    for (const name of names) {
      const result = cluster.loadImage(store, name, nodes)!;
      if (result.loaded.length === 0) session.stderr(`Image: ${JSON.stringify(name)} with ID ${JSON.stringify(result.id)} found to be already present on all nodes.\n`);
      for (const node of result.loaded) session.stderr(`Image: ${JSON.stringify(name)} with ID ${JSON.stringify(result.id)} not yet present on node ${JSON.stringify(node)}, loading...\n`);
    }
    return 0;
  },
};
