// Rendering a release without a cluster: what helm's install does up to the point of talking to
// Kubernetes (dependencies, values, schema, templates, NOTES.txt, ordering). `helm template`
// prints the result; install will apply it.

import { cloneChart, crdObjects, type Chart } from '../chart/chart.ts';
import { isCompatibleRange, processDependencies } from '../chart/dependencies.ts';
import { coalesceValues, ValuesError } from '../chart/values.ts';
import { SchemaError, validateChartValues } from '../chart/values-schema.ts';
import { utf8Decode } from '../template/utf8.ts';
import type { GoMap } from '../template/value.ts';
import { type ReleaseOptions, releaseValue } from './built-in-objects.ts';
import { type Capabilities, capabilitiesValue } from './capabilities.ts';
import { type Hook, type Manifest, ManifestError, sortManifests } from './manifest-sorter.ts';
import { type EngineOptions, renderTemplates, TemplateRenderError } from './template-engine.ts';

export interface RenderOptions extends EngineOptions {
  release: ReleaseOptions;
  capabilities: Capabilities;
  /** Print crds/ files first in the manifest (helm template --include-crds). */
  includeCrds?: boolean;
  skipSchemaValidation?: boolean;
  /** Include sub-charts' NOTES.txt (--render-subchart-notes). */
  subNotes?: boolean;
}

export interface RenderedRelease {
  /** helm's release manifest: `---\n# Source: <path>\n<content>\n` for each CRD and manifest. */
  manifest: string;
  manifests: Manifest[];
  /** Hooks sorted by kind, as helm keeps them (install runs them by weight). */
  hooks: Hook[];
  crds: { filename: string; content: string }[];
  notes: string;
  /** The values the templates saw (.Values of the root chart). */
  values: GoMap;
}

/**
 * A rendering failure. `manifest` is what helm still attaches to the release for --debug: the
 * raw rendered files when their YAML is invalid, empty otherwise. `releaseCreated` tells whether
 * helm had created the release (it had, for template and YAML errors) and so adds its
 * "Use --debug flag" hint.
 */
export class RenderError extends Error {
  override name = 'RenderError';
  constructor(
    message: string,
    readonly manifest: string,
    readonly releaseCreated: boolean,
  ) {
    super(message);
  }
}

/** Renders `chart` with user-supplied `values` (already merged from -f and --set). */
export function renderRelease(chart: Chart, values: GoMap, options: RenderOptions): RenderedRelease {
  const work = cloneChart(chart);
  let coalesced: GoMap;
  try {
    processDependencies(work, values);
    coalesced = coalesceValues(work, values);
    if (!options.skipSchemaValidation) validateChartValues(work, coalesced);
  } catch (err) {
    if (err instanceof ValuesError || err instanceof SchemaError) throw new RenderError(err.message, '', false);
    throw err;
  }
  const caps = options.capabilities;
  const kubeVersion = work.metadata.kubeVersion;
  if (kubeVersion !== '' && !isCompatibleRange(kubeVersion, caps.kubeVersion.version)) {
    throw new RenderError(
      `chart requires kubeVersion: ${kubeVersion} which is incompatible with Kubernetes ${caps.kubeVersion.version}`,
      '',
      true,
    );
  }
  let files: Map<string, string>;
  try {
    files = renderTemplates(
      work,
      { values: coalesced, release: releaseValue(options.release), capabilities: capabilitiesValue(caps) },
      options,
    );
  } catch (err) {
    if (err instanceof TemplateRenderError) throw new RenderError(err.message, '', true);
    throw err;
  }
  // NOTES.txt is rendered like the rest but is neither a manifest nor a hook.
  let notes = '';
  const rootNotes = `${work.metadata.name}/templates/NOTES.txt`;
  for (const name of [...files.keys()].sort()) {
    if (!name.endsWith('NOTES.txt')) continue;
    if (options.subNotes || name === rootNotes) {
      if (notes.length > 0) notes += '\n';
      notes += files.get(name)!;
    }
    files.delete(name);
  }
  let sorted: { hooks: Hook[]; manifests: Manifest[] };
  try {
    sorted = sortManifests(files);
  } catch (err) {
    if (err instanceof ManifestError) {
      // helm hands back every rendered file so that --debug can show the bad YAML.
      let blob = '';
      for (const name of [...files.keys()].sort()) {
        const content = files.get(name)!;
        if (content.trim() !== '') blob += `---\n# Source: ${name}\n${content}\n`;
      }
      throw new RenderError(err.message, blob, true);
    }
    throw err;
  }
  const crds = options.includeCrds ? crdObjects(work).map((c) => ({ filename: c.filename, content: utf8Decode(c.file.data) })) : [];
  let manifest = '';
  for (const crd of crds) manifest += `---\n# Source: ${crd.filename}\n${crd.content}\n`;
  for (const m of sorted.manifests) manifest += `---\n# Source: ${m.name}\n${m.content}\n`;
  return { manifest, manifests: sorted.manifests, hooks: sorted.hooks, crds, notes, values: coalesced };
}

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** install's release name check (chartutil.ValidateReleaseName); helm's error text or undefined. */
export function releaseNameError(name: string): string | undefined {
  const prefix = `release name ${JSON.stringify(name)}: `;
  if (name === '') return prefix + 'no name provided';
  if (name.length > 53 || !RELEASE_NAME.test(name)) {
    return `${prefix}invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53`;
  }
  return undefined;
}
