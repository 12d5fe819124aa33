// Real manifests nobody here wrote (shared/corpus/k8s),
// parsed into objects for printer tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../src/kubectl/printers/object.ts';
import { sharedPath } from '../../../runtime/test/support/shared-files.ts';

function corpusDir(): string {
  return sharedPath('corpus/k8s');
}

/** Every object of every manifest in the corpus, with its file name. */
export function corpusObjects(): { file: string; object: KubeObject }[] {
  const dir = corpusDir();
  const result: { file: string; object: KubeObject }[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
      const object = doc.toJS() as KubeObject | null;
      if (object !== null && typeof object === 'object' && object.kind !== undefined) result.push({ file, object });
    }
  }
  return result;
}
