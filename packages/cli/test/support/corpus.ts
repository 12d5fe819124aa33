// Real manifests nobody here wrote (/work/shared/corpus/k8s, or ../shared beside a CI clone),
// parsed into objects for printer tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../src/kubectl/printers/object.ts';

function corpusDir(): string | undefined {
  const candidates = [
    resolve(import.meta.dirname, '../../../../../shared/corpus/k8s'),
    resolve(import.meta.dirname, '../../../../shared/corpus/k8s'),
    '/work/shared/corpus/k8s',
  ];
  return candidates.find((dir) => existsSync(dir));
}

/** Every object of every manifest in the corpus, with its file name; empty when it is absent. */
export function corpusObjects(): { file: string; object: KubeObject }[] {
  const dir = corpusDir();
  if (dir === undefined) return [];
  const result: { file: string; object: KubeObject }[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
      const object = doc.toJS() as KubeObject | null;
      if (object !== null && typeof object === 'object' && object.kind !== undefined) result.push({ file, object });
    }
  }
  return result;
}
