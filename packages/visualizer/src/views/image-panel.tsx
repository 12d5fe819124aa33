// An image's layers and last build (see cluster/image-layers.ts): the layers as they stack up,
// each with the instruction that made it and its size as `docker history` prints it, and the
// steps of the build that produced it with the ones BuildKit took from its cache.

import { formatDuration } from '@dockyard/runtime';
import { DOCKER_HOST, type ImageLayers } from '../cluster/image-layers.ts';

export function ImagePanel({ image, close }: { image: ImageLayers; close: () => void }) {
  const { lastBuild } = image;
  const cached = lastBuild?.steps.filter((s) => s.cached).length ?? 0;
  return (
    <section class="why image-panel" data-testid="image-panel" aria-label={`Image ${image.reference}`}>
      <header>
        <h3>
          Image {image.reference} <span class="muted">on the {image.where === DOCKER_HOST ? 'Docker host' : `node ${image.where}`}</span>
        </h3>
        <button class="close" title="Close" aria-label="Close" onClick={close}>
          ×
        </button>
      </header>
      <div class="muted mono" data-testid="image-summary">
        {image.id.replace(/^sha256:/, '').slice(0, 12)} · {image.size} · {image.layers.filter((l) => !l.empty).length} layers, {image.layers.length} history entries
        {image.tags.length > 0 ? ` · ${image.tags.join(', ')}` : ''}
      </div>
      <h4>Layers, oldest first</h4>
      <table class="grid image-layers" data-testid="image-layers">
        <thead>
          <tr>
            <th>#</th>
            <th>CREATED BY</th>
            <th>SIZE</th>
            <th>LAST BUILD</th>
          </tr>
        </thead>
        <tbody>
          {image.layers.map((layer, i) => (
            <tr key={i} class={layer.empty ? 'metadata' : undefined} data-testid="image-layer">
              <td>{i + 1}</td>
              <td class="mono">{layer.createdBy}</td>
              <td class="mono" title={`${layer.bytes} bytes${layer.empty ? ' (metadata: no layer)' : ''}`}>
                {layer.size}
              </td>
              <td class={layer.step?.cached ? 'cached' : undefined}>{layer.step === undefined ? '' : `${/^\[[^\]]*\]/.exec(layer.step.step)?.[0] ?? ''} ${layer.step.cached ? 'CACHED' : 'built'}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Last build</h4>
      {lastBuild === undefined ? (
        <p class="muted" data-testid="image-build">
          Not built in this world: pulled from a registry or loaded.
        </p>
      ) : (
        <>
          <p data-testid="image-build">
            At {formatDuration(lastBuild.t)}: {cached} of {lastBuild.steps.length} step(s) CACHED
          </p>
          <table class="grid image-steps" data-testid="image-steps">
            <thead>
              <tr>
                <th>STEP</th>
                <th>CACHE</th>
              </tr>
            </thead>
            <tbody>
              {lastBuild.steps.map((s, i) => (
                <tr key={i} class={s.cached ? 'cached' : undefined} data-testid="image-step">
                  <td class="mono">{s.step}</td>
                  <td>{s.cached ? 'CACHED' : 'built'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
