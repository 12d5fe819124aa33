// An image's layers and its last build, for the image panel: the images of the Docker host
// (`docker images`) and of each node (what its kubelet pulled or `kind load` copied), each image's
// history rows as `docker history` reads them (the instruction that made each, its size in
// docker's units, 0B for metadata steps), and, when the image came out of a `docker build` or
// `docker compose build` in this world, that build's steps with the ones BuildKit took from its
// cache (the `image.built` record's steps, the `#6 CACHED` of the build's output).

import { historyRows, humanSize, type World } from '@dockyard/cli';
import { type Image, type ImageStore, imageSize, shortId } from '@dockyard/runtime';

/** Where an image is stored: the Docker host the CLI's `docker` talks to, or a node. */
export const DOCKER_HOST = 'docker host';

export interface ImageEntry {
  /** `docker host` or a node's name. */
  readonly where: string;
  /** `nginx:1.25`, or the short ID of an untagged image. */
  readonly reference: string;
  readonly id: string;
  /** docker's SIZE: the bytes of the files in its layers, human (`187MB`). */
  readonly size: string;
}

export interface LayerRow {
  /** The history entry's CREATED BY: the instruction that made it. */
  readonly createdBy: string;
  readonly bytes: number;
  /** As `docker history` prints it (`0B`, `1.23kB`, `187MB`). */
  readonly size: string;
  /** A metadata step (ENV, CMD, EXPOSE ...): no layer of its own. */
  readonly empty: boolean;
  readonly comment: string;
  /** The step of the last build that made this entry (undefined: the base image's, or no build). */
  readonly step: BuildStep | undefined;
}

export interface BuildStep {
  /** BuildKit's step name: `[2/4] WORKDIR /app`. */
  readonly step: string;
  readonly cached: boolean;
}

export interface LastBuild {
  readonly t: number;
  readonly tags: readonly string[];
  readonly steps: readonly BuildStep[];
}

export interface ImageLayers {
  readonly where: string;
  readonly reference: string;
  readonly id: string;
  readonly tags: readonly string[];
  readonly size: string;
  /** Oldest first (the base image's first), as the layers stack up; `docker history` lists them newest first. */
  readonly layers: readonly LayerRow[];
  /** The last build in this world that produced this image; undefined for an image pulled or loaded. */
  readonly lastBuild: LastBuild | undefined;
}

function stores(world: World): [string, ImageStore][] {
  const out: [string, ImageStore][] = [[DOCKER_HOST, world.images.host.store]];
  for (const name of world.cluster.nodeNames) {
    const node = world.cluster.node(name);
    if (node !== undefined) out.push([name, node.images.store]);
  }
  return out;
}

/** The image store of the Docker host or of a node, by name. */
function storeAt(world: World, where: string): ImageStore | undefined {
  return where === DOCKER_HOST ? world.images.host.store : world.cluster.node(where)?.images.store;
}

/** Every image of the Docker host and the nodes: one entry per tag (`docker images`' rows), the host first. */
export function worldImages(world: World): ImageEntry[] {
  return stores(world).flatMap(([where, store]) => storeImages(where, store));
}

function storeImages(where: string, store: ImageStore, only?: Image): ImageEntry[] {
  return store
    .list()
    .filter((row) => only === undefined || row.image.id === only.id)
    .map((row) => ({
      where,
      reference: row.repository === '<none>' ? shortId(row.image.id) : `${row.repository}:${row.tag}`,
      id: row.image.id,
      size: humanSize(imageSize(row.image)),
    }));
}

/** An image as the page's link names it (`pick=`): `node-1:nginx:1.27`, `docker host:web:v1` (node names hold no colon). */
export function imagePick(where: string, reference: string): string {
  return `${where}:${reference}`;
}

/** The place and reference a pick names; undefined for anything else. */
export function pickedImage(pick: string | undefined): { where: string; reference: string } | undefined {
  const colon = pick?.indexOf(':') ?? -1;
  return pick === undefined || colon <= 0 ? undefined : { where: pick.slice(0, colon), reference: pick.slice(colon + 1) };
}

/**
 * The Images tab's entry for what `reference` names where it is stored (`nginx` finds the
 * `nginx:latest` row, a digest its tag's row); undefined when it is not there (not pulled yet).
 */
export function imageEntry(world: World, where: string, reference: string): ImageEntry | undefined {
  const store = storeAt(world, where);
  const image = store?.resolve(reference);
  if (store === undefined || image === undefined) return undefined;
  const rows = storeImages(where, store, image);
  return rows.find((entry) => entry.reference === reference) ?? rows[0];
}

/** An image's layers and last build; undefined when `where` holds no such image (any more). */
export function imageLayers(world: World, where: string, reference: string): ImageLayers | undefined {
  const store = storeAt(world, where);
  const image = store?.resolve(reference);
  if (store === undefined || image === undefined) return undefined;
  const build = lastBuild(world, image);
  const rows = historyRows(image).reverse();
  const steps = stepsOf(rows.map((r) => r.createdBy), build?.steps ?? []);
  const layers = rows.map((row, i) => ({
    createdBy: row.createdBy,
    bytes: row.size,
    size: humanSize(row.size),
    empty: image.history[i]?.empty_layer === true,
    comment: row.comment,
    step: steps[i],
  }));
  return { where, reference, id: image.id, tags: store.repoTags(image), size: humanSize(imageSize(image)), layers, lastBuild: build };
}

/** The instructions that run as build steps (the others only change the configuration). */
const STEP_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * Which history entry each build step made: the build's last steps made the image's newest
 * entries, one each and in order (metadata entries between them have no step). Matched from the
 * newest back by instruction keyword, stopping at the FROM step or at the first entry that does
 * not fit (an earlier stage's steps, or the base image's own entries).
 */
function stepsOf(createdBy: readonly string[], steps: readonly BuildStep[]): (BuildStep | undefined)[] {
  const out: (BuildStep | undefined)[] = createdBy.map(() => undefined);
  let s = steps.length - 1;
  for (let i = createdBy.length - 1; i >= 0 && s >= 0; i--) {
    const keyword = createdBy[i]!.split(' ')[0]!;
    if (!STEP_KEYWORDS.has(keyword)) continue;
    const step = steps[s]!;
    if (step.step.replace(/^\[[^\]]*\] /, '').split(' ')[0] !== keyword) break;
    out[i] = step;
    s--;
  }
  return out;
}

function lastBuild(world: World, image: Image): LastBuild | undefined {
  const records = world.engine.log.records();
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.type !== 'image.built' || r['image'] !== image.id) continue;
    const steps = Array.isArray(r['steps']) ? (r['steps'] as BuildStep[]) : [];
    const tags = Array.isArray(r['tags']) ? (r['tags'] as string[]) : [];
    return { t: r.t, tags, steps };
  }
  return undefined;
}
