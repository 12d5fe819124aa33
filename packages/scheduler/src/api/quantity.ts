// Kubernetes resource quantities (`250m`, `0.5`, `128Mi`, `1G`, `1e3`), parsed exactly and printed in
// the API server's canonical form. Rules from k8s.io/apimachinery `pkg/api/resource/quantity.go`
// (ParseQuantity, CanonicalizeBytes) and `suffix.go`:
// - a value is a decimal number times a suffix: binary (Ki..Ei, powers of 1024), decimal SI
//   (n u m "" k M G T P E) or a decimal exponent (e3, E-2);
// - precision below 1n is rounded up (away from zero);
// - the canonical form keeps the family of the suffix: binary values print in the largest
//   power of 1024 that keeps an integer, unless they are fractional or under 1024 (then decimal
//   SI); decimal values print with the largest power of 1000 that keeps an integer.
// Values are held as whole nano-units in a bigint, so nothing is lost; the scheduler and kubelet
// use `milliValue()` (CPU) and `value()` (bytes), both rounded up as Kubernetes rounds them.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** The regular expression kubectl and the API server quote when a quantity does not parse. */
export const QUANTITY_REGEXP = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
const QUANTITY_PATTERN = new RegExp(QUANTITY_REGEXP);

/** Why a quantity did not parse, in the API server's words (quantity.go ErrFormatWrong / ErrSuffix). */
export class QuantityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityError';
  }
}
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEXP}'`;
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const NANO = 1_000_000_000n;

/** Binary suffixes as powers of 2, decimal ones as powers of 10. */
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([suffix, exp]) => [exp, suffix]));
const BINARY_BY_EXPONENT = new Map(Object.entries(BINARY_SUFFIXES).map(([suffix, exp]) => [exp, suffix]));

export class Quantity {
  /** The value in units of 10^-9, rounded up away from zero. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;

  constructor(nanos: bigint, format: QuantityFormat) {
    this.nanos = nanos;
    this.format = format;
  }

  /** Whole units, rounded up (Kubernetes `Value()`): bytes for memory, cores for CPU. */
  value(): number {
    return Number(ceilDiv(this.nanos, NANO));
  }

  /** Thousandths, rounded up (Kubernetes `MilliValue()`): milli-CPU. */
  milliValue(): number {
    return Number(ceilDiv(this.nanos, 1_000_000n));
  }

  cmp(other: Quantity): -1 | 0 | 1 {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.format);
  }

  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.format);
  }

  /** The canonical text, as `kubectl get -o yaml` shows it: `128Mi`, `500m`, `1`, `1e3`. */
  toString(): string {
    return canonicalize(this.nanos, this.format);
  }

  toJSON(): string {
    return this.toString();
  }
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b === 0n || a < 0n ? q : q + 1n;
}

const parsed = new Map<string, Quantity>();
const PARSE_CACHE_LIMIT = 4096;

/**
 * Parses a quantity as the API server does. JSON numbers are accepted too (YAML `cpu: 0.5`).
 * Throws a QuantityError with the server's message when it does not parse.
 */
export function parseQuantity(input: string | number): Quantity {
  const text = typeof input === 'number' ? numberText(input) : input;
  const cached = parsed.get(text);
  if (cached !== undefined) return cached;
  const quantity = parseUncached(text);
  if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear();
  parsed.set(text, quantity);
  return quantity;
}

/** Like parseQuantity, but undefined instead of an exception. */
export function tryParseQuantity(input: unknown): Quantity | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  try {
    return parseQuantity(input);
  } catch {
    return undefined;
  }
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(ERR_FORMAT_WRONG);
  return String(n).replace('e+', 'e');
}

function parseUncached(text: string): Quantity {
  const match = QUANTITY_PATTERN.exec(text);
  if (match === null) throw new QuantityError(ERR_FORMAT_WRONG);
  let number = match[1]!;
  const suffix = match[2]!;
  let negative = false;
  if (number[0] === '+' || number[0] === '-') {
    negative = number[0] === '-';
    number = number.slice(1);
  }
  const dot = number.indexOf('.');
  if (dot !== number.lastIndexOf('.') || number === '.') throw new QuantityError(ERR_FORMAT_WRONG);
  const whole = dot < 0 ? number : number.slice(0, dot);
  const fraction = dot < 0 ? '' : number.slice(dot + 1);

  let format: QuantityFormat;
  let base2 = 0;
  let base10 = 0;
  if (suffix in BINARY_SUFFIXES) {
    format = 'BinarySI';
    base2 = BINARY_SUFFIXES[suffix]!;
  } else if (suffix in DECIMAL_SUFFIXES) {
    format = 'DecimalSI';
    base10 = DECIMAL_SUFFIXES[suffix]!;
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    base10 = Number.parseInt(suffix.slice(1), 10);
  } else {
    throw new QuantityError(ERR_SUFFIX);
  }
  if (!Number.isSafeInteger(base10) || Math.abs(base10) > 1000) throw new QuantityError(ERR_FORMAT_WRONG);

  // value = digits × 10^(base10 − fraction.length) × 2^base2, kept as nanos rounded up.
  const digits = BigInt((whole + fraction).replace(/^0+(?=.)/, '') || '0');
  const numerator = digits * 2n ** BigInt(base2);
  const exponent = base10 - fraction.length + 9;
  const nanos = exponent >= 0 ? numerator * 10n ** BigInt(exponent) : ceilDiv(numerator, 10n ** BigInt(-exponent));
  return new Quantity(negative ? -nanos : nanos, format);
}

function canonicalize(nanos: bigint, format: QuantityFormat): string {
  if (nanos === 0n) return '0';
  const negative = nanos < 0n;
  const abs = negative ? -nanos : nanos;
  const sign = negative ? '-' : '';
  if (format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n) {
    let value = abs / NANO;
    let exp = 0;
    while (value % 1024n === 0n && BINARY_BY_EXPONENT.has(exp + 10)) {
      value /= 1024n;
      exp += 10;
    }
    return `${sign}${value}${BINARY_BY_EXPONENT.get(exp) ?? ''}`;
  }
  // Decimal: mantissa × 10^exp, exp a multiple of 3 from -9 up, as large as keeps an integer.
  let mantissa = abs;
  let exp = -9;
  while (mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exp += 3;
  }
  if (format === 'DecimalExponent') return `${sign}${mantissa}${exp === 0 ? '' : `e${exp}`}`;
  const suffix = DECIMAL_BY_EXPONENT.get(exp);
  return suffix === undefined ? `${sign}${mantissa}e${exp}` : `${sign}${mantissa}${suffix}`;
}

/** Milli-CPU of a quantity (`250m` → 250, `1` → 1000), rounded up; 0 when absent. */
export function milliCPU(input: string | number | undefined): number {
  return input === undefined ? 0 : parseQuantity(input).milliValue();
}

/** Bytes of a quantity (`128Mi` → 134217728), rounded up; 0 when absent. */
export function bytesOf(input: string | number | undefined): number {
  return input === undefined ? 0 : parseQuantity(input).value();
}

/** The canonical text of a quantity given as text or number (`1024Mi` → `1Gi`, 0.5 → `500m`). */
export function canonicalQuantity(input: string | number): string {
  return parseQuantity(input).toString();
}

/** Compares two quantities exactly. */
export function compareQuantities(a: string | number, b: string | number): -1 | 0 | 1 {
  return parseQuantity(a).cmp(parseQuantity(b));
}
