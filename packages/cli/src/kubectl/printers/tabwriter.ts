// Go's text/tabwriter, which kubectl lays every table and every describe page out with. Cells
// are tab-terminated; the text after a line's last tab is not a cell and is never padded, so a
// line never ends in padding unless its last cell is empty. A column is aligned over a *block*:
// the run of consecutive lines that have a cell in that column (a line with fewer cells ends the
// block). That is why describe's `Name:` section and its `Volumes:` section align separately.
// [golang/go src/text/tabwriter/tabwriter.go `format`, `writeLines`; kubectl's writers:
// cli-runtime printers.GetNewTabWriter (minwidth 6, tabwidth 4, padding 3, ' '), describe's
// `tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)`]

export interface TabWriterOptions {
  readonly minWidth: number;
  readonly padding: number;
}

/** kubectl get's table writer: `GetNewTabWriter`. */
export const GET_TABWRITER: TabWriterOptions = { minWidth: 6, padding: 3 };
/** kubectl describe's writer. */
export const DESCRIBE_TABWRITER: TabWriterOptions = { minWidth: 0, padding: 2 };

interface Cell {
  readonly text: string;
  readonly width: number;
}

/**
 * Aligns `text` (lines of tab-separated cells) as Go's tabwriter does with a space pad char.
 * With `remembered` (kubectl's writer has liggitt/tabwriter's RememberWidths flag, which only
 * matters when one writer flushes several times, as `kubectl get -w` does), a column is never
 * narrower than the same column was in an earlier flush, and the array records the widths used.
 */
export function alignTabs(text: string, options: TabWriterOptions, remembered?: number[]): string {
  const lines: Cell[][] = text.split('\n').map((line) =>
    line.split('\t').map((cell) => ({ text: cell, width: runeCount(cell) })),
  );
  const widths: number[] = [];
  const out: string[] = [];
  format(lines, 0, lines.length, widths, { ...options, remembered }, out);
  return out.join('\n');
}

interface FormatOptions extends TabWriterOptions {
  readonly remembered: number[] | undefined;
}

function format(
  lines: Cell[][],
  line0: number,
  line1: number,
  widths: number[],
  options: FormatOptions,
  out: string[],
): void {
  const column = widths.length;
  let start = line0;
  for (let current = line0; current < line1; current++) {
    // The last cell of a line is not tab-terminated, so it never takes part in a column.
    if (column >= lines[current]!.length - 1) continue;
    writeLines(lines, start, current, widths, out);
    start = current;
    let width = options.minWidth;
    for (; current < line1; current++) {
      const line = lines[current]!;
      if (column >= line.length - 1) break;
      const w = line[column]!.width + options.padding;
      if (w > width) width = w;
    }
    const remembered = options.remembered;
    if (remembered !== undefined) {
      // liggitt/tabwriter `format`: maxwidths is indexed by column depth.
      if (remembered.length < widths.length) remembered.push(...widths.slice(remembered.length));
      if (remembered.length === widths.length) remembered.push(width);
      else if (remembered[column]! > width) width = remembered[column]!;
      else remembered[column] = width;
    }
    widths.push(width);
    format(lines, start, current, widths, options, out);
    widths.pop();
    // The line that ended the block has no cell here: the loop's increment may skip it.
    start = current;
  }
  writeLines(lines, start, line1, widths, out);
}

function writeLines(lines: Cell[][], line0: number, line1: number, widths: number[], out: string[]): void {
  for (let i = line0; i < line1; i++) {
    const line = lines[i]!;
    let text = '';
    for (let j = 0; j < line.length; j++) {
      const cell = line[j]!;
      text += cell.text;
      if (j < widths.length) text += ' '.repeat(widths[j]! - cell.width);
    }
    out.push(text);
  }
}

/** Go counts a cell's width in runes (code points). */
function runeCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // low half of a surrogate pair
    count++;
  }
  return count;
}
