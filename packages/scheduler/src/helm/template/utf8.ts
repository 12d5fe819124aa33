// UTF-8 encoding without TextEncoder (not part of the engine's globals): Go strings are bytes,
// so len, index and %x work on the UTF-8 form.

import { strFromU8, strToU8 } from 'fflate';

export const utf8Encode = (s: string): Uint8Array => strToU8(s);
export const utf8Decode = (bytes: Uint8Array): string => strFromU8(bytes);
