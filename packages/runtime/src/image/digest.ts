// Content addresses as the OCI image spec defines them: `sha256:<hex>` of the exact bytes.
// @noble/hashes is synchronous and pure JavaScript, so a digest is computed the same way, and to
// the same value, in Node and in a browser.

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export type Digest = `sha256:${string}`;

const DIGEST = /^sha256:[0-9a-f]{64}$/;

export function isDigest(value: string): value is Digest {
  return DIGEST.test(value);
}

/** The digest of bytes, or of a string's UTF-8 encoding. */
export function digestOf(data: Uint8Array | string): Digest {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return `sha256:${bytesToHex(sha256(bytes))}`;
}

/** A running digest over bytes handed in pieces (a tarball as it is written). */
export class DigestWriter {
  readonly #hash = sha256.create();
  #size = 0;

  write(chunk: Uint8Array): void {
    this.#hash.update(chunk);
    this.#size += chunk.length;
  }

  get size(): number {
    return this.#size;
  }

  digest(): Digest {
    return `sha256:${bytesToHex(this.#hash.digest())}`;
  }
}

/**
 * ChainIDs of a layer stack: ChainID(L0) = DiffID(L0), ChainID(L0..n) = sha256(ChainID(L0..n-1)
 * + " " + DiffID(Ln)) [image-spec config.md, "Layer ChainID"].
 */
export function chainIds(diffIds: readonly Digest[]): Digest[] {
  const out: Digest[] = [];
  for (const diffId of diffIds) out.push(out.length === 0 ? diffId : digestOf(`${out[out.length - 1]} ${diffId}`));
  return out;
}

/** The 12 hex digits docker shows for an ID. */
export function shortId(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}
