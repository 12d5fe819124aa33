// The few host globals the engine may use because Node and every browser have them alike.
// Only tsconfig.engine.json includes this file; the rest of the project sees the DOM and Node
// declarations of the same names.

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
