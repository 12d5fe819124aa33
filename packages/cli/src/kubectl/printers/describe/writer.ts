// The page kubectl describe builds: lines written at indentation levels of 2 spaces, cells
// separated by tabs, the whole laid out by a tab writer (minwidth 0, padding 2), so each run
// of consecutive `Key:\tvalue` lines aligns on its own. Plus the helpers every describer shares:
// multi-line labels/annotations/taints/tolerations and RFC 1123 times.
// [kubectl pkg/describe/describe.go `PrefixWriter`, `tabbedString`, `printLabelsMultiline`,
// `printAnnotationsMultiline`, `printTolerationsMultilineWithIndent`, `printTaintsMultiline`]
import { goSort } from '../go-sort.ts';
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { fromRFC3339 } from '@dockyard/runtime';
import { compareStrings } from '../labels.ts';
import { alignTabs, DESCRIBE_TABWRITER } from '../tabwriter.ts';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/** kubectl hides this annotation in describe. */
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LENGTH = 140;

export class DescribeWriter {
  private text = '';

  /** Writes `text` after `level` × 2 spaces (the text carries its own tabs and newline). */
  write(level: number, text: string): void {
    this.text += '  '.repeat(level) + text;
  }

  /** Ends the current line (Go's Sprintln: the parts joined by spaces, then a newline). */
  writeLine(...parts: string[]): void {
    this.text += `${parts.join(' ')}\n`;
  }

  /** The text as written, tabs and all (what a PrefixWriter over a plain buffer produces). */
  raw(): string {
    return this.text;
  }

  /** The aligned page. */
  toString(): string {
    return alignTabs(this.text, DESCRIBE_TABWRITER);
  }
}

/** Builds a describe page. */
export function tabbedString(build: (w: DescribeWriter) => void): string {
  const w = new DescribeWriter();
  build(w);
  return w.toString();
}

/** `Labels:  app=web` then one `key=value` per line below, or `<none>`. */
export function printLabelsMultiline(
  w: DescribeWriter,
  title: string,
  labels: Readonly<Record<string, string>> | undefined,
  initialIndent = '',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort(compareStrings);
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

/** `Annotations:  key: value`; long or multi-line values go below their key, cut at 140. */
export function printAnnotationsMultiline(
  w: DescribeWriter,
  title: string,
  annotations: Readonly<Record<string, string>> | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((key) => !SKIPPED_ANNOTATIONS.has(key))
    .sort(compareStrings);
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    const value = annotations![key]!.replace(/\n$/, '');
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LENGTH || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const line of value.split('\n')) w.write(LEVEL_0, `\t  ${shorten(line, MAX_ANNOTATION_LENGTH - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** `Tolerations:  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`, sorted by key. */
export function printTolerationsMultiline(
  w: DescribeWriter,
  title: string,
  tolerations: readonly Toleration[] | undefined,
  initialIndent = '',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  if (tolerations === undefined || tolerations.length === 0) return w.writeLine('<none>');
  const sorted = goSort([...tolerations], (a, b) => compareStrings(a.key ?? '', b.key ?? '') < 0);
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) text += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${text}\n`);
  });
}

/** `Taints:  node.kubernetes.io/unreachable:NoExecute`, sorted by effect then key. */
export function printTaintsMultiline(w: DescribeWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (taints === undefined || taints.length === 0) return w.writeLine('<none>');
  const sorted = goSort([...taints], (a, b) => compareStrings(`${a.effect},${a.key}`, `${b.effect},${b.key}`) < 0);
  sorted.forEach((taint, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintString(taint)}\n`);
  });
}

/** Taint.ToString: `key=value:effect`, `key:effect`. */
export function taintString(taint: Taint): string {
  const value = taint.value ? `${taint.key}=${taint.value}` : taint.key;
  return taint.effect ? `${value}:${taint.effect}` : value;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Go's time.RFC1123Z in UTC (`Wed, 01 Jan 2025 00:05:00 +0000`); a missing time is Go's zero
 * time, as kubectl prints it.
 */
export function formatRFC1123Z(timestamp: string | undefined | null): string {
  const at = timestamp ? fromRFC3339(timestamp) : NaN;
  if (Number.isNaN(at)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const date = new Date(Date.parse(timestamp!));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** `True` / `False`, as describe prints booleans it formats itself. */
export function printBool(value: boolean | undefined): string {
  return value ? 'True' : 'False';
}

function shorten(text: string, max: number): string {
  return byteLength(text) > max ? `${text.slice(0, max)}...` : text;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
