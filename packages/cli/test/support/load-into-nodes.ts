// What `kind load docker-image IMAGE` does, for tests that run the dockyard executable: the images
// built on the workspace's Docker host are copied into every node's image store, so the tutorial's
// `image: my-app:1.0` (a tag no registry serves) starts with its default IfNotPresent pull policy,
// as on a kind cluster after `kind load`. The workspace is opened, changed and saved in-process
// between two commands, the way the executable itself does it.
import { Workspace } from '../../src/node/workspace.ts';

export function loadIntoNodes(workspaceDir: string, ...names: string[]): void {
  const workspace = new Workspace(workspaceDir);
  const { world, wallTime } = workspace.load();
  for (const name of names) {
    const image = world.images.host.resolve(name);
    if (image === undefined) throw new Error(`image ${name} is not on the Docker host`);
    for (const node of world.cluster.nodeNames) {
      const images = world.cluster.node(node)!.images;
      images.store.tag(images.store.add(image), name);
    }
  }
  workspace.save(world, wallTime);
}
