// What kubectl describe prints for kinds without a describer of their own (Events, custom
// resources): name, namespace, labels and annotations, then every other field in sorted order
// with a readable label (`creationTimestamp` → `Creation Timestamp`, `apiVersion` → `API
// Version`). [kubectl pkg/describe/describe.go `genericDescriber`, `printUnstructuredContent`,
// `smartLabelFor`; github.com/fatih/camelcase `Split`]
import type { Event } from 'kubernetes-types/core/v1';
import { goPrint } from '../go-format.ts';
import { compareStrings } from '../labels.ts';
import type { KubeObject } from '../object.ts';
import { describeEvents } from './events.ts';
import type { DescribeWriter } from './writer.ts';
import { LEVEL_0, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

const SKIPPED = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];
const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

export function describeGeneric(object: KubeObject, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${object.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${object.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', object.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', object.metadata?.annotations);
    printContent(w, LEVEL_0, JSON.parse(JSON.stringify(object)) as Record<string, unknown>, '');
    if (events !== undefined) describeEvents(events, w, now);
  });
}

function printContent(w: DescribeWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort(compareStrings)) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIPPED.includes(path)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, path);
        else w.write(level + 1, `${goPrint(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabel(field)}:\t${goPrint(value)}\n`);
    }
  }
}

/** `creationTimestamp` → `Creation Timestamp`; fields with characters other than letters and `-` stay as they are. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelCaseSplit(field)
    .filter((part) => part !== '_')
    .map((part) => (ACRONYMS.includes(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join(' ');
}

/** fatih/camelcase Split: runs of lower case, upper case, digits and others; `HTTPServer` → `HTTP`, `Server`. */
function camelCaseSplit(text: string): string[] {
  const classOf = (ch: string): number => (/\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : /\p{Nd}/u.test(ch) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const ch of text) {
    const c = classOf(ch);
    if (c === last && runs.length > 0) runs[runs.length - 1]!.push(ch);
    else runs.push([ch]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (classOf(runs[i]![0]!) === 2 && classOf(runs[i + 1]![0]!) === 1) {
      runs[i + 1]!.unshift(runs[i]!.pop()!);
    }
  }
  return runs.filter((run) => run.length > 0).map((run) => run.join(''));
}
