import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesOf, canonicalQuantity, compareQuantities, milliCPU, parseQuantity } from '../src/index.ts';

describe('Kubernetes quantities', () => {
  it('reads CPU as milli-CPU and memory as bytes, rounding up', () => {
    expect(milliCPU('250m')).toBe(250);
    expect(milliCPU('0.5')).toBe(500);
    expect(milliCPU(2)).toBe(2000);
    expect(milliCPU('1e3')).toBe(1_000_000);
    expect(milliCPU('100u')).toBe(1); // 0.1m rounds up
    expect(bytesOf('128Mi')).toBe(134_217_728);
    expect(bytesOf('1G')).toBe(1_000_000_000);
    expect(bytesOf('1.5Gi')).toBe(1_610_612_736);
    expect(bytesOf(undefined)).toBe(0);
  });

  it('prints the canonical form the API server stores', () => {
    expect(canonicalQuantity('128Mi')).toBe('128Mi');
    expect(canonicalQuantity('1024Mi')).toBe('1Gi');
    expect(canonicalQuantity(0.5)).toBe('500m');
    expect(canonicalQuantity('0.5')).toBe('500m');
    expect(canonicalQuantity('1')).toBe('1');
    expect(canonicalQuantity('1000m')).toBe('1');
    expect(canonicalQuantity('1500m')).toBe('1500m');
    expect(canonicalQuantity('1e3')).toBe('1e3');
    expect(canonicalQuantity('1000')).toBe('1k');
    expect(canonicalQuantity('0.5Gi')).toBe('512Mi');
    expect(canonicalQuantity('0.5Ki')).toBe('512');
    expect(canonicalQuantity('1.1Ki')).toBe('1126400m');
    expect(canonicalQuantity('0')).toBe('0');
    expect(canonicalQuantity('-1Mi')).toBe('-1Mi');
  });

  it('compares exactly across suffixes', () => {
    expect(compareQuantities('1Gi', '1024Mi')).toBe(0);
    expect(compareQuantities('1G', '1Gi')).toBe(-1);
    expect(compareQuantities('0.1', '100m')).toBe(0);
    expect(compareQuantities('2', '1999m')).toBe(1);
  });

  it("refuses what the API server refuses, with its message", () => {
    expect(() => parseQuantity('12xyz')).toThrow(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(() => parseQuantity('1K')).toThrow("unable to parse quantity's suffix");
    expect(() => parseQuantity('1.2.3')).toThrow('quantities must match');
    expect(() => parseQuantity('')).toThrow('quantities must match');
  });

  it('round-trips: the canonical form parses to the same value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.constantFrom('', 'm', 'k', 'Mi', 'Gi', 'Ki', 'n', 'e3'), (n, suffix) => {
        const q = parseQuantity(`${n}${suffix}`);
        expect(parseQuantity(q.toString()).nanos).toBe(q.nanos);
      }),
    );
  });
});
