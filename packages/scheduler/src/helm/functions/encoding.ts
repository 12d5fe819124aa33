// Sprig's encodings and hashes: b64enc/b64dec, b32enc/b32dec, sha1sum, sha256sum, adler32sum.
// Hashes use @noble/hashes (synchronous and browser-safe).

import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { GoFunc } from '../template/value.ts';
import { utf8Decode, utf8Encode } from '../template/utf8.ts';
import { base64, unbase64 } from '../yaml/go-json.ts';
import { fn } from './convert.ts';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function unbase32(s: string): Uint8Array | undefined {
  const clean = s.replace(/=+$/, '');
  if (!/^[A-Z2-7]*$/.test(clean) || s.length % 8 !== 0) return undefined;
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of clean) {
    value = (value << 5) | B32.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** The byte offset Go's decoder names in "illegal base64 data at input byte N". */
function badByte(s: string, alphabet: RegExp): number {
  for (let i = 0; i < s.length; i++) if (!alphabet.test(s[i]!)) return i;
  return s.length;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

export const encodingFuncs: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['b64enc', fn(['string'], (s) => base64(utf8Encode(s as string)))],
  [
    'b64dec',
    fn(['string'], (s) => {
      const bytes = unbase64(s as string);
      return bytes ? utf8Decode(bytes) : `illegal base64 data at input byte ${badByte(s as string, /[A-Za-z0-9+/=]/)}`;
    }),
  ],
  ['b32enc', fn(['string'], (s) => base32(utf8Encode(s as string)))],
  [
    'b32dec',
    fn(['string'], (s) => {
      const bytes = unbase32(s as string);
      return bytes ? utf8Decode(bytes) : `illegal base32 data at input byte ${badByte(s as string, /[A-Z2-7=]/)}`;
    }),
  ],
  ['sha1sum', fn(['string'], (s) => bytesToHex(sha1(utf8Encode(s as string))))],
  ['sha256sum', fn(['string'], (s) => bytesToHex(sha256(utf8Encode(s as string))))],
  ['adler32sum', fn(['string'], (s) => String(adler32(utf8Encode(s as string))))],
]);
