// Go's base64.StdEncoding, as the API server's JSON decoder reads `[]byte` fields (Secret data,
// ConfigMap binaryData): padding required, `\r` and `\n` skipped, and the same error position
// Go reports (`illegal base64 data at input byte 4`). [Go src/encoding/base64/base64.go
// decodeQuantum: an incomplete final quantum is reported at its first byte, a bad character at
// itself, trailing bytes after padding at the first of them.]

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map([...ALPHABET].map((c, i) => [c.charCodeAt(0), i]));

/** The decoded bytes, or the byte offset Go's decoder stops at. */
export function decodeGoBase64(text: string): { bytes: Uint8Array } | { errorAt: number } {
  const src = new TextEncoder().encode(text);
  const out: number[] = [];
  let si = 0;
  const skipNewlines = () => {
    while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
  };
  while (si < src.length) {
    const quantum: number[] = [];
    let start = -1;
    let ended = false;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) break;
        // An incomplete quantum: Go reports the position j bytes back.
        return { errorAt: si - j };
      }
      const c = src[si++]!;
      if (start < 0) start = si - 1;
      const v = DECODE.get(c);
      if (v !== undefined) {
        quantum.push(v);
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        j--;
        continue;
      }
      if (c !== 0x3d) return { errorAt: si - 1 };
      // Padding.
      if (j === 0 || j === 1) return { errorAt: si - 1 };
      if (j === 2) {
        skipNewlines();
        if (si === src.length) return { errorAt: src.length };
        if (src[si] !== 0x3d) return { errorAt: si - 1 };
        si++;
      }
      skipNewlines();
      if (si < src.length) return { errorAt: si };
      ended = true;
      break;
    }
    if (quantum.length === 0 && !ended) break;
    const [a = 0, b = 0, c = 0, d = 0] = quantum;
    const value = (a << 18) | (b << 12) | (c << 6) | d;
    const bytes = [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
    out.push(...bytes.slice(0, Math.max(0, quantum.length - 1)));
    if (ended) break;
  }
  return { bytes: Uint8Array.from(out) };
}

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const value = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(value >> 18) & 63]! + ALPHABET[(value >> 12) & 63]!;
    out += b === undefined ? '=' : ALPHABET[(value >> 6) & 63]!;
    out += c === undefined ? '=' : ALPHABET[value & 63]!;
  }
  return out;
}

export function encodeBase64Text(text: string): string {
  return encodeBase64(new TextEncoder().encode(text));
}
