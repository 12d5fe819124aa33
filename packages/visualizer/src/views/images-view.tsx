// The Images tab: the Docker host's images (`docker images`) and each node's, one button per tag;
// choosing one opens its layers and last build below.

import { DOCKER_HOST, imageLayers, imagePick, pickedImage, worldImages } from '../cluster/image-layers.ts';
import type { ClusterView, ViewProps } from './cluster-view.ts';
import { ImagePanel } from './image-panel.tsx';
import { useWorldMemo } from './use-world-memo.ts';

function Images({ world, pick, choose }: ViewProps) {
  const images = useWorldMemo(world, () => worldImages(world));
  const chosen = pickedImage(pick);
  const detail = useWorldMemo(world, () => (chosen === undefined ? undefined : imageLayers(world, chosen.where, chosen.reference)), [pick]);
  const places = [...new Set(images.map((i) => i.where))];
  return (
    <div class="images-view" data-testid="images-view">
      {places.map((where) => (
        <section key={where} class="image-place" data-testid="image-place" data-where={where}>
          <h3>{where === DOCKER_HOST ? 'Docker host (docker images)' : `node ${where}`}</h3>
          <ul class="image-list">
            {images
              .filter((i) => i.where === where)
              .map((i) => {
                const selected = chosen?.where === where && chosen.reference === i.reference;
                return (
                  <li key={i.reference}>
                    <button
                      class={selected ? 'image selected' : 'image'}
                      data-testid="image"
                      data-where={where}
                      data-image={i.reference}
                      aria-pressed={selected}
                      onClick={() => choose(selected ? undefined : imagePick(where, i.reference))}
                    >
                      <span class="mono">{i.reference}</span> <span class="muted">{i.size}</span>
                    </button>
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
      {images.length === 0 && <p class="muted">No image yet: build one with docker build, or let a pod pull one.</p>}
      {detail !== undefined && <ImagePanel image={detail} close={() => choose(undefined)} />}
    </div>
  );
}

export const imagesView: ClusterView = { id: 'images', title: 'Images', component: Images };
