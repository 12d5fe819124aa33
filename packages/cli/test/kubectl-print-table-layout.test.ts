// Properties of kubectl's table layout (Go tabwriter with minwidth 6, padding 3): every cell of
// a column starts where its header starts, a column is as wide as its widest cell plus 3 (at
// least 6), and no line ends in spaces unless its last cell is empty (then kubectl pads, too:
// see kubectl-print-table-decoration.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KindTablePrinter } from '../src/kubectl/printers/table.ts';
import { printTables } from '../src/kubectl/printers/table.ts';

function fixedPrinter(header: string[], rows: string[][]): KindTablePrinter {
  return {
    groupKind: { group: '', kind: 'Thing' },
    namespaced: true,
    toTable: () => ({
      columns: header.map((name) => ({ name })),
      rows: rows.map((cells) => ({ cells, object: { metadata: { name: cells[0] } } })),
    }),
  };
}

const cell = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[\t\n\r\f]/.test(s) && !s.endsWith(' '));
const word = fc.stringMatching(/^[A-Za-z][A-Za-z-]{0,10}$/);

describe('table layout', () => {
  it('aligns every cell under its header and never pads the last column', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((columns) =>
          fc.tuple(fc.array(word, { minLength: columns, maxLength: columns }), fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 8 })),
        ),
        ([header, rows]) => {
          const out = printTables([{ printer: fixedPrinter(header, rows), objects: rows.map(() => ({})) }], {}, 0);
          const lines = out.split('\n');
          expect(lines.pop()).toBe('');
          const table = [header.map((h) => h.toUpperCase()), ...rows];
          const widths = header.map((_, i) => Math.max(6, ...table.map((r) => [...r[i]!].length + 3)));
          lines.forEach((line, row) => {
            expect(line).not.toMatch(/ $/);
            let start = 0;
            const chars = [...line];
            table[row]!.forEach((text, i) => {
              expect(chars.slice(start, start + [...text].length).join('')).toBe(text);
              if (i < header.length - 1) {
                expect(chars.slice(start + [...text].length, start + widths[i]!).join('')).toBe(' '.repeat(widths[i]! - [...text].length));
              }
              start += widths[i]!;
            });
          });
        },
      ),
    );
  });

  it('pads a column of short cells to 6 and separates wider ones by 3 spaces', () => {
    const out = printTables([{ printer: fixedPrinter(['N', 'Name'], [['a', 'web-1']]), objects: [{}] }], {}, 0);
    expect(out).toBe('N     NAME\na     web-1\n');
  });

  it('prints no header and nothing else for an empty table', () => {
    expect(printTables([{ printer: fixedPrinter(['Name'], []), objects: [] }], {}, 0)).toBe('');
  });
});
