// `kubectl get -w`: the initial list, then one line per watch event, all through one tab writer.
// kubectl's writer remembers column widths across flushes (liggitt/tabwriter RememberWidths), so
// an event's row lines up under the table printed before it, and a longer cell widens its column
// for every later row without moving the rows already printed. The header prints once, with the
// first rows printed (an empty initial list prints nothing, then the header comes with the first
// event). `--output-watch-events` adds an EVENT column first (`ADDED` for the initial list).
// Other formats print each object as they would alone; YAML documents are separated by `---`.
// [kubectl pkg/cmd/get/get.go `watch`; cli-runtime printers/tableprinter.go (lastColumns,
// isWatchEvent), printers/yaml.go (printCount); github.com/liggitt/tabwriter]
import type { KubeObject } from './object.ts';
import type { KindTablePrinter, TableOptions } from './table.ts';
import { tableLines } from './table.ts';
import { alignTabs, GET_TABWRITER } from './tabwriter.ts';
import { toCompactJson, toJson } from './json.ts';
import { toYaml } from './yaml.ts';
import { printNames } from './name.ts';

/**
 * stderr (exit 1, nothing on stdout) for `get -w` over several types (`pods,svc`, `all`).
 * `get -w pods a b` prints the two objects' table, then exits 1 with
 * `error: you may only watch a single resource or type of resource at a time`.
 */
export const WATCH_SINGLE_TYPE_ERROR = 'error: you may only specify a single resource type\n';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchTableOptions extends TableOptions {
  /** `--output-watch-events`. */
  readonly outputWatchEvents?: boolean;
}

/** The table side of `kubectl get -w` for one kind; each method returns the stdout text it adds. */
export class TableWatchPrinter {
  private readonly widths: number[] = [];
  private headerPrinted = false;

  constructor(
    private readonly printer: KindTablePrinter,
    private readonly options: WatchTableOptions,
  ) {}

  /**
   * The initial list (kubectl prints it unless `--watch-only`). An empty list prints nothing
   * (kubectl then writes no "No resources found" and keeps watching).
   */
  list(objects: readonly KubeObject[], now: number): string {
    return this.print(objects, objects.map(() => 'ADDED'), now);
  }

  /** The row of one watch event (for DELETED, the object's last state). */
  event(type: WatchEventType, object: KubeObject, now: number): string {
    return this.print([object], [type], now);
  }

  private print(objects: readonly KubeObject[], types: readonly string[], now: number): string {
    if (objects.length === 0) return '';
    const table = this.printer.toTable(objects, now);
    const options = this.options;
    const lines = tableLines(
      table,
      {
        groupKind: this.printer.groupKind,
        options,
        withKind: options.showKind === true,
        withNamespace: options.allNamespaces === true && this.printer.namespaced,
        ...(options.outputWatchEvents === true ? { eventTypes: types } : {}),
      },
      !this.headerPrinted && options.noHeaders !== true,
    );
    this.headerPrinted = true;
    return alignTabs(lines.join('\n') + '\n', GET_TABWRITER, this.widths);
  }
}

export type WatchFormat = 'json' | 'yaml' | 'name';

/**
 * `kubectl get -w -o json|yaml|name`: what one object (initial or from an event) adds to stdout.
 * `index` counts the objects printed so far, from 0 (YAML puts `---` before all but the first).
 * With `--output-watch-events` (`event` given) YAML prints the WatchEvent `{object, type}`, keys
 * sorted as always; JSON prints it on one line, `{"type":…,"object":…}` (metav1.WatchEvent's field
 * order, the object compact); `-o name` ignores the event type.
 */
export function printWatchObject(
  format: WatchFormat,
  object: KubeObject,
  index: number,
  event?: WatchEventType,
): string {
  if (format === 'name') return printNames([object]);
  if (format === 'json') {
    return event === undefined ? toJson(object) : `{"type":${JSON.stringify(event)},"object":${toCompactJson(object)}}\n`;
  }
  return (index > 0 ? '---\n' : '') + toYaml(event === undefined ? object : { type: event, object });
}
