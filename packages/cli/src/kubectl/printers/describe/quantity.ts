// Resource quantities as describe needs them: parse `500m`, `128Mi`, `2`, add them up and print
// the sum the way resource.Quantity.String() canonicalizes it (the first operand's format:
// binary `Ki/Mi/Gi` when whole, else decimal `m`, ``, `k`, `M`, `G`).
// [apimachinery pkg/api/resource quantity.go `ParseQuantity`, `CanonicalizeBytes`]

export interface Quantity {
  /** The value in thousandths (milli-units), exact for everything Kubernetes objects hold. */
  readonly milli: bigint;
  readonly format: 'BinarySI' | 'DecimalSI' | 'DecimalExponent';
}

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

export const ZERO: Quantity = { milli: 0n, format: 'DecimalSI' };

/** A quantity string, or undefined when it is not one. Sub-milli precision rounds up, as Kubernetes does. */
export function parseQuantity(text: string): Quantity | undefined {
  const scaled = parseScaled(text, 1000n);
  return scaled === undefined ? undefined : { milli: scaled.value, format: scaled.format };
}

/**
 * A quantity string in units of 1/`perUnit` (1000n: milli, 1_000_000_000n: nano), rounded up
 * below that, with the format its suffix implies; undefined when it is not a quantity.
 */
export function parseScaled(text: string, perUnit: bigint): { value: bigint; format: Quantity['format'] } | undefined {
  const match = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(text);
  if (match === null) return undefined;
  const negative = match[1] === '-';
  const [whole, fraction = ''] = match[2]!.split('.');
  const digits = BigInt(`${whole || '0'}${fraction}`);
  const suffix = match[3] ?? '';
  let numerator = digits * perUnit;
  let denominator = 10n ** BigInt(fraction.length);
  let format: Quantity['format'] = 'DecimalSI';
  if (suffix in BINARY) {
    numerator *= BINARY[suffix]!;
    format = 'BinarySI';
  } else {
    const exponent = suffix in DECIMAL_EXP ? DECIMAL_EXP[suffix]! : Number(suffix.slice(1));
    if (!(suffix in DECIMAL_EXP)) format = 'DecimalExponent';
    if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
    else denominator *= 10n ** BigInt(-exponent);
  }
  const value = (numerator + denominator - 1n) / denominator;
  return { value: negative ? -value : value, format };
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  // Adding to an unset (zero) quantity takes the other's format, as Quantity.Add does.
  return { milli: a.milli + b.milli, format: a.milli === 0n && a.format === 'DecimalSI' ? b.format : a.format };
}

export function maxQuantity(a: Quantity, b: Quantity): Quantity {
  return b.milli > a.milli ? b : a;
}

/** Quantity.String(): `0`, `250m`, `1`, `1500m`, `128Mi`, `1536Mi`, `2Gi`, `100M`. */
export function formatQuantity(q: Quantity): string {
  if (q.milli === 0n) return '0';
  const negative = q.milli < 0n;
  const abs = negative ? -q.milli : q.milli;
  const sign = negative ? '-' : '';
  if (q.format === 'BinarySI' && abs % 1000n === 0n) {
    const value = abs / 1000n;
    if (value >= 1024n) {
      const suffixes = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
      let unit = -1;
      let mantissa = value;
      while (unit < suffixes.length - 1 && mantissa % 1024n === 0n && mantissa >= 1024n) {
        mantissa /= 1024n;
        unit++;
      }
      if (unit >= 0) return `${sign}${mantissa}${suffixes[unit]}`;
    }
  }
  // Decimal: the largest power of 1000 that leaves a whole mantissa.
  if (abs % 1000n !== 0n) return `${sign}${abs}m`;
  let mantissa = abs / 1000n;
  const suffixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  let unit = 0;
  while (unit < suffixes.length - 1 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    unit++;
  }
  return `${sign}${mantissa}${suffixes[unit]}`;
}

/** The value in whole units (Quantity.Value(), rounding up). */
export function quantityValue(q: Quantity): bigint {
  return (q.milli + 999n) / 1000n;
}
