// The tables of `helm list` and `helm history` (github.com/gosuri/uitable, as helm's
// output.EncodeTable prints them): every cell, the last column's too, padded with spaces to its
// column's widest cell, cells joined by a tab, a newline after the last row.

const width = (s: string): number => [...s].length;

export function uitable(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '\n';
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows.map((row) => row.map((cell, i) => cell + ' '.repeat(widths[i]! - width(cell))).join('\t')).join('\n') + '\n';
}
