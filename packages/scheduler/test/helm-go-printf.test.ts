// Go's fmt as templates print values (pkg.go.dev/fmt): %v rules for floats, maps and nil, the
// verbs printf takes, and the %!verb(type=value) text of a verb that does not fit its operand.

import { describe, expect, it } from 'vitest';
import { formatValue, sprint, sprintf } from '../src/helm/template/fmt.ts';
import { GoInt, type GoValue } from '../src/helm/template/value.ts';

const i = (n: number): GoInt => new GoInt(n);

describe('Go fmt', () => {
  it.each<[GoValue, string]>([
    [1000000, '1e+06'],
    [123456, '123456'],
    [1234567, '1.234567e+06'],
    [3.14, '3.14'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [80, '80'],
    [-0.5, '-0.5'],
    [1e21, '1e+21'],
    [Infinity, '+Inf'],
    [NaN, 'NaN'],
    [i(42), '42'],
    [true, 'true'],
    ['s', 's'],
    [null, '<nil>'],
    [[i(1), 'a', null, [i(2)]], '[1 a <nil> [2]]'],
    [new Map<string, GoValue>([['b', i(2)], ['a', new Map([['z', 'y']])], ['B', 1.5]]), 'map[B:1.5 a:map[z:y] b:2]'],
    [new Uint8Array([104, 105]), '[104 105]'],
  ])('%v of %o', (value, want) => {
    expect(formatValue(value)).toBe(want);
  });

  it.each<[string, GoValue[], string]>([
    ['%d|%5d|%-5d|%05d|%+d', [i(42), i(42), i(42), i(42), i(42)], '42|   42|42   |00042|+42'],
    ['%x|%X|%o|%b|%c|%q|%U|%#x', [i(255), i(255), i(8), i(5), i(65), i(65), i(65), i(255)], 'ff|FF|10|101|A|\'A\'|U+0041|0xff'],
    ['%s|%q|%v|%T|%x|%10s|%-4s|%.2s', ['hi', 'hi"\n', 'hi', 'hi', 'hi', 'hi', 'hi', 'hello'], 'hi|"hi\\"\\n"|hi|string|6869|        hi|hi  |he'],
    ['%5.2f|%e|%g|%.3g|%f|%.0f|%E', [3.14159, 1234.5678, 0.000012, 1234.5678, 2.5, 7.0, 1e21], ' 3.14|1.234568e+03|1.2e-05|1.23e+03|2.500000|7|1.000000E+21'],
    ['%t %v %T %T %T', [true, false, 1.5, i(1), null], 'true false float64 int <nil>'],
    ['%d', ['x'], '%!d(string=x)'],
    ['%s', [i(5)], '%!s(int=5)'],
    ['%s %d', [1.5, 2.5], '%!s(float64=1.5) %!d(float64=2.5)'],
    ['%d', [], '%!d(MISSING)'],
    ['%d', [i(1), i(2), 'x'], '1%!(EXTRA int=2, string=x)'],
    ['%s|%v|%d', [null, null, null], '%!s(<nil>)|<nil>|%!d(<nil>)'],
    ['%v %s', [[i(1), 'a'], ['a', i(1)]], '[1 a] [a %!s(int=1)]'],
    ['%[2]s %[1]s', ['a', 'b'], 'b a'],
    ['%*d|%%|%', [i(4), i(7)], '   7|%|%!(NOVERB)'],
  ])('printf %s', (format, args, want) => {
    expect(sprintf(format, args)).toBe(want);
  });

  it('puts spaces between operands only when neither is a string (Sprint)', () => {
    expect(sprint([i(1), i(2), 'a', 'b', i(3), 1.5])).toBe('1 2ab3 1.5');
  });
});
