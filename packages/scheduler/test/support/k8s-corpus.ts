// The corpus of real Kubernetes manifests (shared/corpus/k8s, beside the repository) and how a
// test applies one file of it: every object as `kubectl apply -f` would, creating missing
// namespaces first, with kubectl's error text for what is refused.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../../../runtime/test/support/shared-files.ts';
import { type ApiStore, formatKubectlError, ManifestError, NoKindMatchError, parseManifests, StatusError } from '../../src/index.ts';

const corpus = sharedPath('corpus/k8s');

/** The corpus's manifest files, sorted. */
export const corpusFiles = readdirSync(corpus)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

/** `kind/name created|configured|unchanged`, or `refused: <kubectl's error>`, per object of the file. */
export function applyCorpusFile(store: ApiStore, file: string): string[] {
  const outcomes: string[] = [];
  let manifests;
  try {
    manifests = parseManifests(readFileSync(join(corpus, file), 'utf8'), file);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    return [`refused: ${error.message}`];
  }
  for (const { object, source } of manifests) {
    const namespace = object.metadata?.namespace;
    if (namespace !== undefined && store.tryGet('Namespace', undefined, namespace) === undefined) {
      store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    }
    try {
      const result = store.apply(object);
      outcomes.push(`${String(object.kind).toLowerCase()}/${result.object.metadata?.name} ${result.outcome}`);
    } catch (error) {
      if (!(error instanceof StatusError || error instanceof NoKindMatchError)) throw error;
      const text = formatKubectlError(error, { verb: 'creating', source, name: object.metadata?.name ?? '', namespace: namespace ?? '' });
      outcomes.push(`refused: ${text.trim()}`);
    }
  }
  return outcomes;
}
