// Chart archives (.tgz): gunzip with fflate, then a small reader for the tar format.
//
// Why our own tar reader: the project's tar library (tar-stream) is a Node stream parser with
// asynchronous callbacks, while chart loading must be synchronous and run in a browser on a
// byte array. A chart archive only needs regular files out of ustar / GNU / PAX entries, which is
// a 512-byte header walk.

import { gunzipSync } from 'fflate';
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
export function readTar(tar: Uint8Array): TarEntry[] {
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
