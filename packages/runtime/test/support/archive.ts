// Packs `docker save`'s members into one tar in memory, as the CLI does.
import { archiveHeader, exportImages, type ImageStore, TarWriter } from '../../src/index.ts';

export function saveArchive(store: ImageStore, references: string[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const writer = new TarWriter((chunk) => chunks.push(chunk.slice()));
  for (const file of exportImages(store, references)) {
    const parts: Uint8Array[] = [];
    file.write((c) => parts.push(c.slice()));
    const content = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      content.set(p, offset);
      offset += p.length;
    }
    writer.add(archiveHeader(file), file.type === 'dir' ? undefined : content);
  }
  writer.finish();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
