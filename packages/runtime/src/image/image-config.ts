// The OCI image configuration: the JSON whose sha256 is the image ID. Keys are written in the
// order Go's encoding/json writes BuildKit's image struct, empty fields left out, so the same
// image always has the same ID.

import type { FileTree } from '../fs/file-tree.ts';
import { digestOf } from './digest.ts';
import type { Image, ImageConfig, ImageHistoryEntry, ImageLayer } from './image.ts';

const CONFIG_KEYS: (keyof ImageConfig)[] = [
  'User',
  'ExposedPorts',
  'Env',
  'Entrypoint',
  'Cmd',
  'Healthcheck',
  'Volumes',
  'WorkingDir',
  'Labels',
  'StopSignal',
  'OnBuild',
  'Shell',
];

export interface ImageParts {
  config: ImageConfig;
  layers: readonly ImageLayer[];
  history: readonly ImageHistoryEntry[];
  created: string;
  architecture?: string;
  os?: string;
}

/** An image from its parts, with its configuration JSON and ID. */
export function makeImage(parts: ImageParts): Image {
  const architecture = parts.architecture ?? 'amd64';
  const os = parts.os ?? 'linux';
  const configJson = serializeConfig({ ...parts, architecture, os });
  return {
    id: digestOf(configJson),
    config: parts.config,
    layers: parts.layers,
    history: parts.history,
    created: parts.created,
    architecture,
    os,
    configJson,
  };
}

function serializeConfig(parts: Required<ImageParts>): string {
  const config: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = parts.config[key];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0 && key !== 'Cmd')) continue;
    config[key] = sortedObject(value);
  }
  const history = parts.history.map((h) => ({
    created: h.created,
    created_by: h.created_by,
    ...(h.comment ? { comment: h.comment } : {}),
    ...(h.empty_layer ? { empty_layer: true } : {}),
  }));
  return JSON.stringify({
    architecture: parts.architecture,
    config,
    created: parts.created,
    history,
    os: parts.os,
    rootfs: { type: 'layers', diff_ids: parts.layers.map((l) => l.diffId) },
  });
}

/** Go writes map keys sorted; objects here stand for Go maps (ports, volumes, labels). */
function sortedObject(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortedObject((value as Record<string, unknown>)[key]);
  return out;
}

/** The image's whole root file system, bottom layer first: what a container starts from. */
export function layerTrees(image: Image): FileTree[] {
  return image.layers.map((l) => l.tree);
}

/** docker's image size: the bytes of the files in all its layers. */
export function imageSize(image: Image): number {
  return image.layers.reduce((n, l) => n + l.contentSize, 0);
}
