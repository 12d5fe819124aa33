// Memory sizes as compose reads them (docker/go-units RAMInBytes): a number with an optional
// binary unit, `512m`, `1.5G`, `2gb`, `1024`, `100KiB`. Units are powers of 1024.

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

export class ByteUnitsError extends Error {}

/** Bytes in `size` (a string with unit or a plain number of bytes). */
export function parseRamBytes(size: string | number): number {
  if (typeof size === 'number') return Math.trunc(size);
  const match = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(size);
  if (!match) throw new ByteUnitsError(`invalid size: '${size}'`);
  const value = Number.parseFloat(match[1]!);
  return Math.trunc(value * UNITS[(match[2] ?? '').toLowerCase()]!);
}
