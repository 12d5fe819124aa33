// Wires the image side of a world onto an engine: the content store, the registries and the
// local docker host's image service, registered for snapshots in the order restore needs
// (layers first).

import { ImageService } from '../image/image-service.ts';
import { LayerStore } from '../image/layer-store.ts';
import type { Engine } from '../sim/engine.ts';
import { catalogLayer } from './catalog.ts';
import { RegistryHub } from './registry-hub.ts';

export interface ImageWorld {
  layers: LayerStore;
  registries: RegistryHub;
  /** The docker host the CLI's `docker` commands talk to. */
  host: ImageService;
}

export function createImageWorld(engine: Engine): ImageWorld {
  const layers = new LayerStore(catalogLayer);
  const registries = new RegistryHub(layers);
  layers.addHolder(() => registries.liveLayers());
  const host = new ImageService('images', layers, engine, registries);
  engine.register(layers);
  engine.register(registries);
  engine.register(host);
  return { layers, registries, host };
}
