// kubectl get's human-readable tables. A kind's printer turns objects into a Table (column
// definitions plus one row of cells per object, as the API server's Table response carries them);
// this file decorates it the way kubectl does (NAMESPACE first for -A, `kind.group/` before the
// name when several kinds print, -L label columns, LABELS last) and lays it out with the tab
// writer: headers upper case, columns 3 spaces apart and at least 6 wide, no padding after the
// last cell. Each kind gets its own table, a blank line between them (none with --no-headers).
// [cli-runtime printers/tableprinter.go `printTable`, `decorateTable`, `appendLabelCells`;
// kubectl pkg/cmd/get/get.go (separatorWriter, "No resources found")]
import { labelColumnHeader, formatLabels } from './labels.ts';
import type { GroupKind, KubeObject } from './object.ts';
import { groupKindOf, kindPrefix, sameGroupKind } from './object.ts';
import { alignTabs, GET_TABWRITER } from './tabwriter.ts';

export interface ColumnDefinition {
  /** As the server defines it (`Cluster-IP`, `Nominated Node`); printed in upper case. */
  readonly name: string;
  /** 0 prints always; 1 only with `-o wide`. */
  readonly priority?: number;
  /** `name` marks the column that gets the `kind/` prefix. */
  readonly format?: 'name';
}

/** A cell as the server's Table carries it; numbers and booleans print as Go's fmt does. */
export type TableCell = string | number | boolean | null | undefined;

export interface TableRow {
  /** One cell per column definition, wide ones included. */
  readonly cells: readonly TableCell[];
  readonly object: KubeObject;
}

export interface Table {
  readonly columns: readonly ColumnDefinition[];
  readonly rows: readonly TableRow[];
}

/** Turns objects of one kind into a Table. */
export interface KindTablePrinter {
  readonly groupKind: GroupKind;
  /** Cluster-scoped kinds (nodes, namespaces, pv) never get the NAMESPACE column. */
  readonly namespaced: boolean;
  /** The Table of these objects at virtual time `now` (AGE cells depend on it). */
  toTable(objects: readonly KubeObject[], now: number): Table;
}

export interface TableOptions {
  /** `-o wide`. */
  readonly wide?: boolean;
  /** `--no-headers`. */
  readonly noHeaders?: boolean;
  /** `-A` / `--all-namespaces`: NAMESPACE first, for namespaced kinds only. */
  readonly allNamespaces?: boolean;
  /**
   * Prefix names with `kind.group/` (`pod/web`, `deployment.apps/web`) even when only one kind
   * prints: `--show-kind`, or `multipleTypesRequested(args)` (`get all`). When objects of more
   * than one kind print, kubectl prefixes them anyway (cmdutil.MustPrintWithKinds).
   */
  readonly showKind?: boolean;
  /** `--show-labels`. */
  readonly showLabels?: boolean;
  /** `-L key1,key2` (`--label-columns`). */
  readonly labelColumns?: readonly string[];
}

/** One kind's share of a `get`: its printer and its objects, in the order they print. */
export interface TableSection {
  readonly printer: KindTablePrinter;
  readonly objects: readonly KubeObject[];
}

/**
 * The stdout of `kubectl get` in table form for one or more kinds: one aligned table per kind,
 * a blank line between them. Empty when nothing printed (then kubectl writes
 * `noResourcesFound(...)` to stderr).
 */
export function printTables(sections: readonly TableSection[], options: TableOptions, now: number): string {
  const nonEmpty = sections.filter((s) => s.objects.length > 0);
  const mixed = nonEmpty.some((s) => !sameGroupKind(s.printer.groupKind, nonEmpty[0]!.printer.groupKind));
  const withKind = options.showKind === true || mixed;
  let out = '';
  let previous: GroupKind | undefined;
  // kubectl 1.32 quirk: with -A, once a namespaced kind has printed, later cluster-scoped tables
  // keep a NAMESPACE column too (empty cells), as the stock client shows.
  let namespaceColumn = false;
  for (const section of sections) {
    if (options.allNamespaces === true && section.printer.namespaced && section.objects.length > 0) namespaceColumn = true;
    const withNamespace = options.allNamespaces === true && (section.printer.namespaced || namespaceColumn);
    const text = renderSection(section, options, withKind, withNamespace, now);
    if (text === '') continue;
    // get.go sets its separator before the next write when a new kind starts after output.
    if (previous !== undefined && !options.noHeaders && out !== '' && !sameGroupKind(previous, section.printer.groupKind)) {
      out += '\n';
    }
    out += text;
    previous = section.printer.groupKind;
  }
  return out;
}

/**
 * Splits objects into runs of one kind each, keeping their order (kubectl prints a new table
 * whenever the kind changes), each with the printer `printerFor` picks.
 */
export function sectionsOf(
  objects: readonly KubeObject[],
  printerFor: (groupKind: GroupKind) => KindTablePrinter,
): TableSection[] {
  const sections: { printer: KindTablePrinter; objects: KubeObject[] }[] = [];
  for (const object of objects) {
    const groupKind = groupKindOf(object);
    const last = sections[sections.length - 1];
    if (last !== undefined && sameGroupKind(last.printer.groupKind, groupKind)) {
      last.objects.push(object);
    } else {
      sections.push({ printer: printerFor(groupKind), objects: [object] });
    }
  }
  return sections;
}

/** kubectl's stderr text when a get printed nothing. */
export function noResourcesFound(namespace: string | undefined): string {
  return namespace === undefined ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`;
}

/**
 * Whether the `get` arguments alone ask for several types (resource.MultipleTypesRequested):
 * `all`, a comma list of more than one type (`pods,svc`, even when only one of them has
 * objects), or `type/name` arguments of different types (`pods,svc web` counts as `pods/web
 * svc/web`). `TYPE NAME...` asks for one. (Checked against the stock client: `get deploy,svc`
 * prefixes `deployment.apps/` with no service in the namespace; `get deploy web` does not.)
 */
export function multipleTypesRequested(args: readonly string[]): boolean {
  if (args.length === 1 && args[0] === 'all') return true;
  let normalized = args;
  if (args.length >= 2) {
    const types = [...new Set(args[0]!.split(','))];
    if (types.length > 1) normalized = types.flatMap((type) => args.slice(1).map((name) => `${type}/${name}`));
  }
  const kinds = new Set<string>();
  for (const arg of normalized) {
    const slash = arg.indexOf('/');
    if (slash >= 0) kinds.add(arg.slice(0, slash));
    else if (new Set(arg.split(',')).size > 1) return true;
  }
  return kinds.size > 1;
}

function renderSection(
  section: TableSection,
  options: TableOptions,
  withKind: boolean,
  withNamespace: boolean,
  now: number,
): string {
  const table = section.printer.toTable(section.objects, now);
  if (table.rows.length === 0) return '';
  const layout: TableLayout = { groupKind: section.printer.groupKind, options, withKind, withNamespace };
  return alignTabs(tableLines(table, layout, !options.noHeaders).join('\n') + '\n', GET_TABWRITER);
}

/** How a kind's Table is decorated: which extra columns it gets and whether names get `kind/`. */
export interface TableLayout {
  readonly groupKind: GroupKind;
  readonly options: TableOptions;
  readonly withKind: boolean;
  readonly withNamespace: boolean;
  /** `--output-watch-events`: an EVENT column first, one event type per row. */
  readonly eventTypes?: readonly string[];
}

/** The decorated header (when `header`) and rows of `table`, cells joined by tabs, unaligned. */
export function tableLines(table: Table, layout: TableLayout, header: boolean): string[] {
  const { options, withKind, withNamespace, eventTypes } = layout;
  const visible: number[] = [];
  table.columns.forEach((column, index) => {
    if (options.wide === true || (column.priority ?? 0) === 0) visible.push(index);
  });
  const nameColumn = withKind ? table.columns.findIndex((c) => c.format === 'name') : -1;
  const prefix = kindPrefix(layout.groupKind);
  const labelColumns = options.labelColumns ?? [];

  const lines: string[] = [];
  if (header) {
    const cells: string[] = [];
    if (eventTypes !== undefined) cells.push('EVENT');
    if (withNamespace) cells.push('NAMESPACE');
    for (const index of visible) cells.push(table.columns[index]!.name.toUpperCase());
    for (const label of labelColumns) cells.push(labelColumnHeader(label));
    if (options.showLabels) cells.push('LABELS');
    lines.push(cells.join('\t'));
  }
  table.rows.forEach((row, rowIndex) => {
    const cells: string[] = [];
    // kubectl's EVENT column is never narrower than `MODIFIED` (as if each cell were padded to 8).
    if (eventTypes !== undefined) cells.push((eventTypes[rowIndex] ?? '').padEnd(8));
    if (withNamespace) cells.push(cellText(row.object.metadata?.namespace ?? ''));
    for (const index of visible) {
      const cell = row.cells[index];
      cells.push(index === nameColumn ? cellText(`${prefix}/${cellString(cell)}`) : cellText(cell));
    }
    const labels = row.object.metadata?.labels;
    for (const label of labelColumns) cells.push(cellText(labels?.[label] ?? ''));
    if (options.showLabels) cells.push(cellText(formatLabels(labels)));
    lines.push(cells.join('\t'));
  });
  return lines;
}

/** A cell as fmt.Sprint prints it (booleans `true`/`false`, nil as nothing). */
function cellString(cell: TableCell): string {
  if (cell === null || cell === undefined) return '';
  return String(cell);
}

/** A cell stops at its first line break, marked `...` (a tab splits it, as in kubectl). */
function cellText(cell: TableCell): string {
  const text = cellString(cell);
  const lineBreak = text.search(/[\f\n\r]/);
  return lineBreak < 0 ? text : `${text.slice(0, lineBreak)}...`;
}
