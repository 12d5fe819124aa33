// Sprig's cryptographic functions. randBytes draws from the seeded random; the ones that make
// keys, certificates, password hashes or AES ciphertext are declared (so charts that mention
// them still parse, as with helm) but fail when called: Dockyard does no real cryptography.

import { FuncError } from '../template/errors.ts';
import type { GoFunc, GoInt } from '../template/value.ts';
import { base64 } from '../yaml/go-json.ts';
import { fn } from './convert.ts';
import type { RandomSource } from './random.ts';

const UNSUPPORTED: readonly [string, number][] = [
  ['bcrypt', 1],
  ['htpasswd', 2],
  ['derivePassword', 5],
  ['genPrivateKey', 1],
  ['buildCustomCert', 2],
  ['genCA', 2],
  ['genCAWithKey', 3],
  ['genSelfSignedCert', 4],
  ['genSelfSignedCertWithKey', 5],
  ['genSignedCert', 5],
  ['genSignedCertWithKey', 6],
  ['encryptAES', 2],
  ['decryptAES', 2],
];

export function cryptoFuncs(random: RandomSource): ReadonlyMap<string, GoFunc> {
  const funcs = new Map<string, GoFunc>(
    UNSUPPORTED.map(([name, arity]) => [
      name,
      fn(Array.from({ length: arity }, () => 'any' as const), () => {
        throw new FuncError(`${name} is not supported in Dockyard (no real cryptography in the simulation)`);
      }),
    ]),
  );
  funcs.set(
    'randBytes',
    fn(['int'], (count) => {
      const n = Math.max((count as GoInt).value, 0);
      return base64(Uint8Array.from({ length: n }, () => random.int(0, 255)));
    }),
  );
  return funcs;
}
