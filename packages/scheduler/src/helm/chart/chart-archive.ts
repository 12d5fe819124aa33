// Chart archives (.tgz): gunzip with fflate, then a small reader for the tar format; and the
// writer `helm package` uses.
//
// Why our own tar reader: the project's tar library (tar-stream) is a Node stream parser with
// asynchronous callbacks, while chart loading must be synchronous and run in a browser on a
// byte array. A chart archive only needs regular files out of ustar / GNU / PAX entries, which is
// a 512-byte header walk.

import { gunzipSync, gzipSync, strToU8 } from 'fflate';
import { utf8Decode } from '../template/utf8.ts';

export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

/** The regular files of a gzipped tar archive, in archive order. */
export function readTgz(bytes: Uint8Array): TarEntry[] {
  let tar: Uint8Array;
  try {
    tar = gunzipSync(bytes);
  } catch {
    throw new ArchiveError('gzip: invalid header');
  }
  return readTar(tar);
}

function field(block: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && block[end] !== 0) end++;
  return utf8Decode(block.subarray(offset, end));
}

function octal(block: Uint8Array, offset: number, length: number): number {
  const text = field(block, offset, length).trim();
  if (text === '') return 0;
  const n = parseInt(text, 8);
  if (Number.isNaN(n)) throw new ArchiveError('archive/tar: invalid tar header');
  return n;
}

/** The regular files of an uncompressed tar archive. */
function readTar(tar: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156]!);
    const dataStart = offset + 512;
    if (dataStart + size > tar.length) throw new ArchiveError('unexpected EOF');
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = field(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      paxPath = paxRecords(data).get('path') ?? paxPath;
      continue;
    }
    if (type === 'g') continue;
    let name = field(header, 0, 100);
    const magic = field(header, 257, 6);
    const prefix = magic.startsWith('ustar') ? field(header, 345, 155) : '';
    if (prefix) name = `${prefix}/${name}`;
    if (longName !== undefined) name = longName;
    if (paxPath !== undefined) name = paxPath;
    longName = undefined;
    paxPath = undefined;
    if (type === '0' || type === '\0' || type === '7') entries.push({ name, data: data.slice() });
  }
  return entries;
}

/** PAX extended header records: "<len> key=value\n". */
function paxRecords(data: Uint8Array): Map<string, string> {
  const text = utf8Decode(data);
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const space = text.indexOf(' ', i);
    if (space < 0) break;
    const len = Number(text.slice(i, space));
    if (!Number.isInteger(len) || len <= 0) break;
    const record = text.slice(space + 1, i + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    i += len;
  }
  return out;
}

/** A file to put in an archive, with its mode. */
export interface TarFile {
  name: string;
  data: Uint8Array;
  mode?: number;
}

function writeOctal(block: Uint8Array, offset: number, length: number, value: number): void {
  const text = value.toString(8).padStart(length - 1, '0');
  for (let i = 0; i < length - 1; i++) block[offset + i] = text.charCodeAt(i);
  block[offset + length - 1] = 0;
}

function writeText(block: Uint8Array, offset: number, text: string, length: number): void {
  const bytes = strToU8(text);
  block.set(bytes.subarray(0, length), offset);
}

/** A gzipped ustar archive of `files`, stamped with `mtime` (Unix seconds). */
export function writeTgz(files: readonly TarFile[], mtime: number): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const file of files) {
    const header = new Uint8Array(512);
    let name = file.name;
    let prefix = '';
    if (strToU8(name).length > 100) {
      const cut = name.lastIndexOf('/', 155);
      prefix = name.slice(0, cut);
      name = name.slice(cut + 1);
    }
    writeText(header, 0, name, 100);
    writeOctal(header, 100, 8, file.mode ?? 0o644);
    writeOctal(header, 108, 8, 0);
    writeOctal(header, 116, 8, 0);
    writeOctal(header, 124, 12, file.data.length);
    writeOctal(header, 136, 12, Math.max(0, Math.floor(mtime)));
    header.fill(0x20, 148, 156);
    header[156] = 0x30; // regular file
    writeText(header, 257, 'ustar', 6);
    writeText(header, 263, '00', 2);
    writeText(header, 345, prefix, 155);
    let sum = 0;
    for (const b of header) sum += b;
    writeOctal(header, 148, 7, sum);
    header[155] = 0x20;
    blocks.push(header);
    const padded = new Uint8Array(Math.ceil(file.data.length / 512) * 512);
    padded.set(file.data);
    blocks.push(padded);
  }
  blocks.push(new Uint8Array(1024));
  const tar = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const b of blocks) {
    tar.set(b, offset);
    offset += b.length;
  }
  return gzipSync(tar, { mtime: mtime * 1000 });
}
