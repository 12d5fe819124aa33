// The pod-template-hash a Deployment stamps on its ReplicaSets (k/k `pkg/controller/controller_utils.go`
// ComputeHash): FNV-32a over a deep dump of the pod template, then over the collision count when
// there is one (4 bytes little-endian plus 4 zero bytes, as the Go code writes an 8-byte buffer),
// printed as a decimal number whose characters go through rand.SafeEncodeString
// (`bcdfghjklmnpqrstvwxz2456789`, each character c becoming alphabet[c mod 27]). A decimal string
// only has the digits 0-9, so a hash uses only `4 5 6 7 8 9 b c d f` and has at most 10 characters.
//
// Known difference: Kubernetes dumps the Go struct with spew (DeepHashObject), which prints every
// field of PodTemplateSpec, zero values included, in Go declaration order with Go type names.
// That needs the Go type definitions; here the dump is of the template's JSON with sorted keys, in
// a spew-like syntax. The hash is stable and deterministic and has the real shape (alphabet,
// length), but for the same template it differs from the one a real cluster prints.

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** rand.SafeEncodeString. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** FNV-1a, 32 bits, over bytes. */
export function fnv32a(bytes: Iterable<number>, seed = FNV_OFFSET): number {
  let hash = seed;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
  return hash >>> 0;
}

/** FNV-1 (multiply, then xor), 32 bits: Go's fnv.New32, which ControllerRevision names use. */
export function fnv32(bytes: Iterable<number>, seed = FNV_OFFSET): number {
  let hash = seed;
  for (const byte of bytes) hash = (Math.imul(hash, FNV_PRIME) ^ byte) >>> 0;
  return hash >>> 0;
}

/** The UTF-8 bytes of a string. */
export function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return out;
}

/** A deterministic deep dump: maps with sorted keys, `<nil>` for null, Go-quoted strings. */
export function deepDump(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(deepDump).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${k}:${deepDump(record[k])}`).join(',')}}`;
}

/** ComputeHash(template, collisionCount). */
export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  let hash = fnv32a(utf8(deepDump(template)));
  if (collisionCount !== undefined) {
    const c = collisionCount >>> 0;
    hash = fnv32a([c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff, 0, 0, 0, 0], hash);
  }
  return safeEncodeString(String(hash));
}
