// Docker's tables: Go's text/tabwriter with docker's settings (cells padded by 3 spaces, a
// minimum column width, the last column left as is).

export function formatTable(rows: readonly (readonly string[])[], options: { minWidth?: number; padding?: number } = {}): string {
  const minWidth = options.minWidth ?? 10;
  const padding = options.padding ?? 3;
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let col = 0; col < columns - 1; col++) {
    widths[col] = Math.max(minWidth, ...rows.map((r) => (r[col] ?? '').length + padding));
  }
  return rows
    .map((row) => row.map((cell, col) => (col < row.length - 1 ? cell.padEnd(widths[col]!) : cell)).join(''))
    .map((line) => line + '\n')
    .join('');
}
