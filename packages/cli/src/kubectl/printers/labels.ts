// Labels and selectors as kubectl writes them: `app=web,tier=db` (sorted), `<none>` for
// none, and label selectors with set-based requirements (`app in (a,b),!canary`).
// [apimachinery labels.Set.String / labels.FormatLabels; metav1.FormatLabelSelector;
// labels.Requirement.String; cli-runtime tableprinter.go `formatLabelHeaders`]
import type { LabelSelector } from 'kubernetes-types/meta/v1';

/** `k=v,k2=v2` with keys sorted, or `<none>`: the LABELS column and describe's Selector. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const text = joinLabels(labels);
  return text === '' ? '<none>' : text;
}

/**
 * `k=v,k2=v2`; `` for no labels (labels.Set.String). The `k=v` strings are sorted, not the keys,
 * so `app.kubernetes.io/name=x` comes before `app=web` ('.' < '=').
 */
export function joinLabels(labels: Readonly<Record<string, string>> | undefined): string {
  if (labels === undefined) return '';
  return Object.keys(labels)
    .map((key) => `${key}=${labels[key]}`)
    .sort(compareStrings)
    .join(',');
}

/** A label selector as a string (`labels.Selector.String`): `` when it selects everything. */
export function selectorString(selector: LabelSelector | undefined): string {
  if (selector === undefined) return '';
  const requirements: { key: string; text: string }[] = [];
  for (const key of Object.keys(selector.matchLabels ?? {})) {
    requirements.push({ key, text: `${key}=${selector.matchLabels![key]}` });
  }
  for (const expression of selector.matchExpressions ?? []) {
    const values = [...(expression.values ?? [])].sort(compareStrings).join(',');
    const key = expression.key;
    switch (expression.operator) {
      case 'In':
        requirements.push({ key, text: `${key} in (${values})` });
        break;
      case 'NotIn':
        requirements.push({ key, text: `${key} notin (${values})` });
        break;
      case 'Exists':
        requirements.push({ key, text: key });
        break;
      case 'DoesNotExist':
        requirements.push({ key, text: `!${key}` });
        break;
      default:
        return '<error>';
    }
  }
  // The selector sorts its requirements by key; the sort is stable for repeated keys.
  return requirements
    .sort((a, b) => compareStrings(a.key, b.key))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: the selector, or `<none>` when it is empty. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const text = selectorString(selector);
  return text === '' ? '<none>' : text;
}

/** `-L app.kubernetes.io/name,tier` column headers: the part after the last `/`, upper case. */
export function labelColumnHeader(label: string): string {
  const parts = label.split('/');
  return parts[parts.length - 1]!.toUpperCase();
}

/**
 * Go's byte-wise string order. UTF-8 byte order is code point order, which equals UTF-16 code
 * unit order except where a surrogate pair meets a unit above it: only then compare code points.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if ((x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)) {
      return a.codePointAt(i)! < b.codePointAt(i)! ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}
