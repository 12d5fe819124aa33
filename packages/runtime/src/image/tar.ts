// A small synchronous ustar writer and reader. Layer tarballs are written here rather than with
// tar-stream because a layer's digest must be computed synchronously inside the engine, byte for
// byte the same in Node and in a browser: entries in the tree's order (parents first, names in byte
// order), mtime 0, owner and mode from the tree, no user or group names, and two zero blocks at the
// end, as Go's archive/tar closes an archive. Names longer than ustar's 100+155 bytes and link
// targets over 100 bytes go into a PAX extended header, as Go does.

import { contentChunks, type FileContent } from '../fs/file-system.ts';

export type TarEntryType = 'file' | 'dir' | 'symlink';

export interface TarHeader {
  /** Relative path without a leading slash; directories without the trailing one. */
  path: string;
  type: TarEntryType;
  mode: number;
  uid: number;
  gid: number;
  /** Content length of a file; 0 otherwise. */
  size: number;
  linkname?: string;
  /** Extra PAX records (keyword → value), written in keyword order. */
  pax?: Record<string, string>;
}

export interface TarEntry extends TarHeader {
  /** A view of the entry's content inside the archive's bytes. */
  data: Uint8Array;
}

export class TarError extends Error {
  override name = 'TarError';
}

const BLOCK = 512;
const ZERO_BLOCK = new Uint8Array(BLOCK);
const encoder = new TextEncoder();

/** Writes archive bytes to `sink` in order; `finish` writes the end-of-archive blocks. */
export class TarWriter {
  constructor(private readonly sink: (chunk: Uint8Array) => void) {}

  add(header: TarHeader, content?: FileContent): void {
    const name = header.type === 'dir' ? `${header.path}/` : header.path;
    const records: [string, string][] = Object.entries(header.pax ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const split = splitName(name);
    if (split === undefined) records.push(['path', name]);
    if (header.linkname !== undefined && encoder.encode(header.linkname).length > 100) records.push(['linkpath', header.linkname]);
    if (records.length > 0) {
      records.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const body = encoder.encode(records.map(([k, v]) => paxRecord(k, v)).join(''));
      const paxName = `PaxHeaders.0/${(name.split('/').filter(Boolean).pop() ?? '').slice(0, 80)}`;
      this.sink(encodeHeader({ name: paxName, prefix: '', typeflag: 'x', mode: 0o644, uid: 0, gid: 0, size: body.length, linkname: '' }));
      this.#writePadded(body);
    }
    const typeflag = header.type === 'dir' ? '5' : header.type === 'symlink' ? '2' : '0';
    const [prefix, short] = split ?? ['', name.slice(-100)];
    const linkname = header.linkname ?? '';
    this.sink(
      encodeHeader({
        name: short,
        prefix,
        typeflag,
        mode: header.mode,
        uid: header.uid,
        gid: header.gid,
        size: header.type === 'file' ? header.size : 0,
        linkname: encoder.encode(linkname).length > 100 ? linkname.slice(0, 100) : linkname,
      }),
    );
    if (header.type !== 'file' || content === undefined) return;
    let written = 0;
    for (const chunk of contentChunks(content)) {
      this.sink(chunk);
      written += chunk.length;
    }
    if (written % BLOCK !== 0) this.sink(ZERO_BLOCK.subarray(0, BLOCK - (written % BLOCK)));
  }

  /** Adds a file whose `header.size` bytes `write` hands to the sink (a layer tarball as it is made). */
  addStream(header: TarHeader, write: (sink: (chunk: Uint8Array) => void) => void): void {
    this.add({ ...header, type: 'file' });
    let written = 0;
    write((chunk) => {
      this.sink(chunk);
      written += chunk.length;
    });
    if (written !== header.size) throw new TarError(`${header.path}: wrote ${written} bytes, the header says ${header.size}`);
    if (written % BLOCK !== 0) this.sink(ZERO_BLOCK.subarray(0, BLOCK - (written % BLOCK)));
  }

  finish(): void {
    this.sink(ZERO_BLOCK);
    this.sink(ZERO_BLOCK);
  }

  #writePadded(bytes: Uint8Array): void {
    this.sink(bytes);
    if (bytes.length % BLOCK !== 0) this.sink(ZERO_BLOCK.subarray(0, BLOCK - (bytes.length % BLOCK)));
  }
}

/** Bytes a whole archive of these entries takes. */
export function packTar(entries: Iterable<{ header: TarHeader; content?: FileContent }>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const writer = new TarWriter((chunk) => chunks.push(chunk.slice()));
  for (const { header, content } of entries) writer.add(header, content);
  writer.finish();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export interface ReadTarLimits {
  /** Refuse archives with more entries than this. */
  maxEntries?: number;
}

/**
 * Reads every entry of an archive held in memory. A damaged archive (bad checksum, a size past the
 * end, a truncated header) is refused whole with Go's archive/tar messages, as docker load reports them.
 */
export function readTar(bytes: Uint8Array, limits: ReadTarLimits = {}): TarEntry[] {
  const maxEntries = limits.maxEntries ?? 1_000_000;
  const entries: TarEntry[] = [];
  let offset = 0;
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  while (offset + BLOCK <= bytes.length) {
    const block = bytes.subarray(offset, offset + BLOCK);
    if (block.every((b) => b === 0)) return entries;
    const expected = parseOctal(block, 148, 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
    if (sum !== expected) throw new TarError('archive/tar: invalid tar header');
    const typeflag = String.fromCharCode(block[156]!);
    const size = parseOctal(block, 124, 12);
    const dataStart = offset + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > bytes.length) throw new TarError('unexpected EOF');
    const data = bytes.subarray(dataStart, dataEnd);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === 'x') {
      pax = { ...pax, ...parsePax(data, dataStart) };
      continue;
    }
    if (typeflag === 'g') continue;
    if (typeflag === 'L') {
      longName = cString(data, 0, data.length);
      continue;
    }
    const name = cString(block, 0, 100);
    const prefix = cString(block, 345, 155);
    let path = pax['path'] ?? longName ?? (prefix ? `${prefix}/${name}` : name);
    const linkname = pax['linkpath'] ?? cString(block, 157, 100);
    const type: TarEntryType | undefined =
      typeflag === '5' ? 'dir' : typeflag === '2' ? 'symlink' : typeflag === '0' || typeflag === '\0' || typeflag === '7' ? 'file' : undefined;
    if (type === undefined) throw new TarError(`archive/tar: unsupported entry type ${JSON.stringify(typeflag)} for ${path}`);
    path = path.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    const own: Record<string, string> = {};
    for (const [key, value] of Object.entries(pax)) if (key !== 'path' && key !== 'linkpath') own[key] = value;
    entries.push({
      path,
      type,
      mode: parseOctal(block, 100, 8) & 0o7777,
      uid: parseOctal(block, 108, 8),
      gid: parseOctal(block, 116, 8),
      size: type === 'file' ? size : 0,
      ...(type === 'symlink' ? { linkname } : {}),
      ...(Object.keys(own).length > 0 ? { pax: own } : {}),
      data,
    });
    if (entries.length > maxEntries) throw new TarError(`archive has more than ${maxEntries} entries`);
    pax = {};
    longName = undefined;
  }
  if (offset !== bytes.length || bytes.length === 0) throw new TarError('unexpected EOF');
  return entries;
}

function encodeHeader(h: { name: string; prefix: string; typeflag: string; mode: number; uid: number; gid: number; size: number; linkname: string }): Uint8Array {
  const block = new Uint8Array(BLOCK);
  putString(block, 0, 100, h.name);
  putOctal(block, 100, 8, h.mode);
  putOctal(block, 108, 8, h.uid);
  putOctal(block, 116, 8, h.gid);
  putOctal(block, 124, 12, h.size);
  putOctal(block, 136, 12, 0); // mtime: always the epoch, so digests never depend on when a file was made
  block.fill(32, 148, 156);
  block[156] = h.typeflag.charCodeAt(0);
  putString(block, 157, 100, h.linkname);
  putString(block, 257, 6, 'ustar\0');
  putString(block, 263, 2, '00');
  putOctal(block, 329, 8, 0);
  putOctal(block, 337, 8, 0);
  putString(block, 345, 155, h.prefix);
  let sum = 0;
  for (const b of block) sum += b;
  putString(block, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

/** ustar's name split: a prefix of at most 155 bytes and a name of at most 100, at a slash. */
function splitName(name: string): [string, string] | undefined {
  if (!/^[\x20-\x7e]*$/.test(name)) return undefined;
  if (name.length <= 100) return ['', name];
  const trailing = name.endsWith('/') ? 1 : 0;
  for (let i = name.length - trailing - 1; i > 0; i--) {
    if (name[i] !== '/') continue;
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (prefix.length <= 155 && rest.length <= 100 && rest.length > 0) return [prefix, rest];
    if (prefix.length <= 155) break;
  }
  return undefined;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyLength = encoder.encode(body).length;
  let length = bodyLength + 1;
  while (String(length).length + bodyLength !== length) length++;
  return `${length}${body}`;
}

function parsePax(data: Uint8Array, at: number): Record<string, string> {
  const text = new TextDecoder().decode(data);
  const out: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const space = text.indexOf(' ', i);
    const length = Number(text.slice(i, space));
    if (space < 0 || !Number.isSafeInteger(length) || length <= 0) throw new TarError(`archive/tar: invalid PAX record at offset ${at}`);
    const record = new TextDecoder().decode(encoder.encode(text.slice(i)).subarray(0, length));
    const eq = record.indexOf('=');
    if (eq < 0 || !record.endsWith('\n')) throw new TarError(`archive/tar: invalid PAX record at offset ${at}`);
    out[record.slice(String(length).length + 1, eq)] = record.slice(eq + 1, -1);
    i += record.length;
  }
  return out;
}

function putString(block: Uint8Array, at: number, width: number, value: string): void {
  block.set(encoder.encode(value).subarray(0, width), at);
}

function putOctal(block: Uint8Array, at: number, width: number, value: number): void {
  putString(block, at, width, value.toString(8).padStart(width - 1, '0') + '\0');
}

function parseOctal(block: Uint8Array, at: number, width: number): number {
  const text = cString(block, at, width).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarError('archive/tar: invalid tar header');
  return parseInt(text, 8);
}

function cString(block: Uint8Array, at: number, width: number): string {
  const slice = block.subarray(at, at + width);
  const end = slice.indexOf(0);
  return new TextDecoder().decode(end < 0 ? slice : slice.subarray(0, end));
}
