// π to a number of significant digits, computed (not stored) with Machin's formula
// π = 16·atan(1/5) − 4·atan(1/239) in BigInt fixed point, then rounded half-to-even to the digits
// asked for, as Math::BigFloat's bpi(N) returns it (its default round mode is 'even').

/** atan(1/x) scaled by `unity`, by its Taylor series (each term truncated; the guard digits absorb it). */
function arctanInverse(x: bigint, unity: bigint): bigint {
  const x2 = x * x;
  let power = unity / x;
  let sum = power;
  for (let n = 3n, sign = -1n; power !== 0n; n += 2n, sign = -sign) {
    power /= x2;
    sum += (sign * power) / n;
  }
  return sum;
}

/** π with `digits` significant digits: `3.14` for 3. */
export function piDigits(digits: number): string {
  if (!Number.isInteger(digits) || digits < 1) throw new RangeError(`digits must be a positive integer, got ${digits}`);
  const guard = 10n;
  const decimals = BigInt(digits - 1);
  const unity = 10n ** (decimals + guard);
  const scaled = 16n * arctanInverse(5n, unity) - 4n * arctanInverse(239n, unity);
  // Round the guard digits away, half to even.
  const divisor = 10n ** guard;
  let kept = scaled / divisor;
  const rest = scaled % divisor;
  const half = divisor / 2n;
  if (rest > half || (rest === half && kept % 2n === 1n)) kept += 1n;
  const text = kept.toString();
  return digits === 1 ? text : `${text.slice(0, 1)}.${text.slice(1)}`;
}
