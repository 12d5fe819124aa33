// Renders template text the way a chart's template is rendered, for tests of the engine and
// the functions: a one-file chart named "mychart" with the given values.yaml.

import { SeededRandom, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import { strToU8 } from 'fflate';
import { loadChartFiles } from '../../src/helm/chart/chart-loader.ts';
import { coalesceValues } from '../../src/helm/chart/values.ts';
import { releaseValue } from '../../src/helm/render/built-in-objects.ts';
import { capabilitiesValue, defaultCapabilities } from '../../src/helm/render/capabilities.ts';
import { renderTemplates } from '../../src/helm/render/template-engine.ts';
import type { GoMap } from '../../src/helm/template/value.ts';

export interface RenderInput {
  values?: string;
  /** Extra chart files (helpers, files read by .Files). */
  files?: Record<string, string>;
  userValues?: GoMap;
  seed?: number;
  now?: number;
}

/** The output of templates/test.yaml. */
export function renderText(template: string, input: RenderInput = {}): string {
  const files = new Map<string, Uint8Array>([
    ['Chart.yaml', strToU8('apiVersion: v2\nname: mychart\nversion: 0.1.0\nappVersion: "1.16.0"\n')],
    ['values.yaml', strToU8(input.values ?? '')],
    ['templates/test.yaml', strToU8(template)],
  ]);
  for (const [name, text] of Object.entries(input.files ?? {})) files.set(name, strToU8(text));
  const chart = loadChartFiles(files);
  const rendered = renderTemplates(
    chart,
    {
      values: coalesceValues(chart, input.userValues ?? new Map()),
      release: releaseValue({ name: 'my-release', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false }),
      capabilities: capabilitiesValue(defaultCapabilities()),
    },
    { now: () => input.now ?? VIRTUAL_EPOCH_MS, random: new SeededRandom(input.seed ?? 1) },
  );
  return rendered.get('mychart/templates/test.yaml')!;
}

/** The error message rendering gives (what helm prints after "Error: "). */
export function renderError(template: string, input: RenderInput = {}): string {
  try {
    renderText(template, input);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('rendering succeeded');
}
