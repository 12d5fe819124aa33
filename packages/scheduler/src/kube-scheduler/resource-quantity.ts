// Resource quantities as the scheduler reads them: milli-CPU and whole bytes, both rounded up as
// Kubernetes' MilliValue()/Value() round them (k8s.io/apimachinery pkg/api/resource/quantity.go).
//
// A stand-in with the same two functions (and signatures) as `../api/quantity.ts` on the api branch:
// when the branches meet, import `milliCPU` and `bytesOf` from there and delete this file. Inputs
// reaching the scheduler were already validated by the API server, so a malformed quantity is a bug
// upstream and throws.

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const PATTERN = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/;

const cache = new Map<string, bigint>();

/** The quantity in units of 10^-3, rounded up (away from zero). */
function milliUnits(input: string | number): bigint {
  const text = typeof input === 'number' ? String(input).replace('e+', 'e') : input;
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const match = PATTERN.exec(text);
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) throw new RangeError(`quantity "${text}" does not parse`);
  const [, sign, whole, fraction = '', suffix = ''] = match;
  let base2 = 0;
  let base10: number;
  if (suffix in BINARY) {
    base2 = BINARY[suffix]!;
    base10 = 0;
  } else if (suffix in DECIMAL) {
    base10 = DECIMAL[suffix]!;
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    base10 = Number.parseInt(suffix.slice(1), 10);
  } else {
    throw new RangeError(`quantity "${text}" has an unknown suffix`);
  }
  const numerator = BigInt(`${whole}${fraction}` || '0') * 2n ** BigInt(base2);
  const exponent = base10 - fraction.length + 3;
  let milli: bigint;
  if (exponent >= 0) milli = numerator * 10n ** BigInt(exponent);
  else {
    const divisor = 10n ** BigInt(-exponent);
    milli = numerator / divisor + (numerator % divisor === 0n ? 0n : 1n);
  }
  if (sign === '-') milli = -milli;
  if (cache.size > 4096) cache.clear();
  cache.set(text, milli);
  return milli;
}

/** Milli-CPU of a quantity (`250m` → 250, `1` → 1000), rounded up; 0 when absent. */
export function milliCPU(input: string | number | undefined): number {
  return input === undefined ? 0 : Number(milliUnits(input));
}

/** Whole units of a quantity (`128Mi` → 134217728 bytes), rounded up; 0 when absent. */
export function bytesOf(input: string | number | undefined): number {
  if (input === undefined) return 0;
  const milli = milliUnits(input);
  return Number(milli / 1000n + (milli > 0n && milli % 1000n !== 0n ? 1n : 0n));
}
