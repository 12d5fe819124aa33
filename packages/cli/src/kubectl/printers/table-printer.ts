// The shape shared by every kind's table printer: the server-side column definitions of k/k
// printers.go and a function from one object to its cells. Like the API server, which always
// generates its Table with Wide set (pkg/printers/storage `ConvertToTable`), every cell is
// computed; kubectl hides the priority-1 columns without -o wide.
import type { GroupKind, KubeObject } from './object.ts';
import type { ColumnDefinition, KindTablePrinter, Table, TableCell } from './table.ts';

export interface TablePrinterSpec<T> {
  readonly group: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly columns: readonly ColumnDefinition[];
  readonly cells: (object: T, now: number) => TableCell[];
}

export function defineTablePrinter<T extends KubeObject>(spec: TablePrinterSpec<T>): KindTablePrinter {
  const groupKind: GroupKind = { group: spec.group, kind: spec.kind };
  return {
    groupKind,
    namespaced: spec.namespaced,
    toTable(objects: readonly KubeObject[], now: number): Table {
      return {
        columns: spec.columns,
        rows: objects.map((object) => ({ object, cells: spec.cells(object as T, now) })),
      };
    },
  };
}

/** The NAME column every kind starts with. */
export const NAME_COLUMN: ColumnDefinition = { name: 'Name', format: 'name' };
/** The AGE column. */
export const AGE_COLUMN: ColumnDefinition = { name: 'Age' };

/** Names and images of a pod template's containers, comma-joined (`layoutContainerCells`). */
export function containerCells(containers: readonly { name: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}
