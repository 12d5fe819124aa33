// `docker save` of references into one tar in memory, as the CLI writes it.
import { exportImages, type ImageStore, packImageArchive } from '../../src/index.ts';

export function saveArchive(store: ImageStore, references: string[]): Uint8Array {
  return packImageArchive(exportImages(store, references));
}
