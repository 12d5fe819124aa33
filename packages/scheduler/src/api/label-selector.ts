// Label selectors, equality- and set-based, as k8s.io/apimachinery `pkg/labels/selector.go` parses
// and matches them: the `-l` syntax of kubectl (`app=web,tier!=db`, `env in (a,b)`, `!key`, `key`,
// `replicas>2`) with the parser's own error texts, and metav1.LabelSelector objects
// (matchLabels/matchExpressions) as `LabelSelectorAsSelector` converts them.

import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { isQualifiedName, isValidLabelValue } from './names.ts';

export type SelectorOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  /** Sorted and without duplicates, as the parser's string set holds them. */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | undefined;

/** A parsed selector: requirements sorted by key, all of which must match. */
export class Selector {
  readonly requirements: readonly Requirement[];
  /** A selector that matches nothing (a nil metav1.LabelSelector). */
  readonly matchesNothing: boolean;

  constructor(requirements: readonly Requirement[], matchesNothing = false) {
    this.requirements = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.matchesNothing = matchesNothing;
  }

  isEmpty(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }

  matches(labels: Labels): boolean {
    if (this.matchesNothing) return false;
    for (const requirement of this.requirements) {
      if (!requirementMatches(requirement, labels)) return false;
    }
    return true;
  }

  /** The value `key` must have for a match, when one requirement pins it (what an index can look up). */
  exactValue(key: string): string | undefined {
    for (const r of this.requirements) {
      if (r.key === key && (r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) {
        return r.values[0];
      }
    }
    return undefined;
  }

  /** The selector in kubectl's syntax, as Selector.String() writes it. */
  toString(): string {
    return this.requirements.map(requirementText).join(',');
  }
}

export const EVERYTHING = new Selector([]);
export const NOTHING = new Selector([], true);

function requirementMatches(r: Requirement, labels: Labels): boolean {
  const value = labels?.[r.key];
  const has = value !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^[+-]?\d+$/.test(value)) return false;
      const actual = BigInt(value);
      const bound = BigInt(r.values[0]!);
      return r.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

function requirementText(r: Requirement): string {
  const values = r.values.join(',');
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
      return `${r.key} in (${values})`;
    case 'notin':
      return `${r.key} notin (${values})`;
    case 'gt':
      return `${r.key}>${values}`;
    case 'lt':
      return `${r.key}<${values}`;
    default:
      return `${r.key}${r.operator}${values}`;
  }
}

/** A selector that did not parse; the message is the API machinery's. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

/** Builds a requirement, checking it as NewRequirement does; errors in field.Error form. */
function newRequirement(key: string, operator: SelectorOperator, values: string[], path: string): Requirement {
  const errors: string[] = [];
  const child = (name: string) => (path === '' ? name : `${path}.${name}`);
  const keyErrors = isQualifiedName(key);
  if (keyErrors.length > 0) errors.push(`${child('key')}: Invalid value: ${JSON.stringify(key)}: ${keyErrors.join('; ')}`);
  const valuePath = child('values');
  const goList = `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errors.push(`${valuePath}: Invalid value: ${goList}: for 'in', 'notin' operators, values set can't be empty`);
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errors.push(`${valuePath}: Invalid value: ${goList}: exact-match compatibility requires one single value`);
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errors.push(`${valuePath}: Invalid value: ${goList}: values set must be empty for exists and does not exist`);
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errors.push(`${valuePath}: Invalid value: ${goList}: for 'Gt', 'Lt' operators, exactly one value is required`);
      values.forEach((v, i) => {
        if (!/^[+-]?\d+$/.test(v)) errors.push(`${valuePath}[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
      });
      break;
  }
  values.forEach((v, i) => {
    const valueErrors = isValidLabelValue(v);
    if (valueErrors.length > 0) errors.push(`${valuePath}[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${valueErrors.join('; ')}`);
  });
  if (errors.length === 1) throw new SelectorError(errors[0]!);
  if (errors.length > 1) throw new SelectorError(`[${errors.join(', ')}]`);
  return { key, operator, values };
}

// ---- the `-l` syntax ----

type Token = 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(' | 'error';
const KEYWORDS: Record<string, Token> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};
const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

function lex(text: string): { tok: Token; lit: string }[] {
  const items: { tok: Token; lit: string }[] = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && WHITESPACE.has(text[pos]!)) pos++;
    if (pos >= text.length) {
      items.push({ tok: 'end', lit: '' });
      return items;
    }
    if (SPECIAL.has(text[pos]!)) {
      // The longest run of special characters that is still a keyword.
      let buffer = '';
      let last: { tok: Token; lit: string } | undefined;
      while (pos < text.length && SPECIAL.has(text[pos]!)) {
        buffer += text[pos];
        const tok = KEYWORDS[buffer];
        if (tok !== undefined) {
          last = { tok, lit: buffer };
          pos++;
        } else if (last !== undefined) {
          break;
        } else {
          pos++;
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` });
    } else {
      let buffer = '';
      while (pos < text.length && !SPECIAL.has(text[pos]!) && !WHITESPACE.has(text[pos]!)) buffer += text[pos++];
      const tok = KEYWORDS[buffer];
      items.push({ tok: tok ?? 'id', lit: buffer });
    }
  }
}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

/**
 * Parses kubectl's `-l` syntax. Throws a SelectorError whose message is the API machinery's,
 * e.g. `unable to parse requirement: found '', expected: '('`.
 */
export function parseSelector(text: string): Selector {
  const items = lex(text);
  let position = 0;
  // In value context `in` and `notin` are plain identifiers.
  const peek = (values: boolean) => {
    const item = items[position]!;
    return values && (item.tok === 'in' || item.tok === 'notin') ? { tok: 'id' as Token, lit: item.lit } : item;
  };
  const next = (values: boolean) => {
    const item = peek(values);
    position++;
    return item;
  };

  const parseRequirement = (): Requirement => {
    let operator: SelectorOperator | undefined;
    let item = next(true);
    if (item.tok === '!') {
      operator = '!';
      item = next(true);
    }
    if (item.tok !== 'id') throw new SelectorError(`found '${item.lit}', expected: identifier`);
    const key = item.lit;
    const keyErrors = isQualifiedName(key);
    if (keyErrors.length > 0) throw new SelectorError(`Invalid value: ${JSON.stringify(key)}: ${keyErrors.join('; ')}`);
    const after = peek(true).tok;
    if (after === 'end' || after === ',') return newRequirement(key, operator ?? 'exists', [], '');
    if (operator === '!') throw new SelectorError(`found '${peek(false).lit}', expected: ${BINARY_OPERATORS}`);
    const op = next(false);
    const operators: Partial<Record<Token, SelectorOperator>> = {
      in: 'in',
      '=': '=',
      '==': '==',
      '>': 'gt',
      '<': 'lt',
      notin: 'notin',
      '!=': '!=',
    };
    operator = operators[op.tok];
    if (operator === undefined) throw new SelectorError(`found '${op.lit}', expected: ${BINARY_OPERATORS}`);
    const values = new Set<string>();
    if (operator === 'in' || operator === 'notin') {
      const open = next(true);
      if (open.tok !== '(') throw new SelectorError(`found '${open.lit}' expected: '('`);
      const first = peek(true);
      if (first.tok === ')') {
        next(true);
        values.add('');
      } else if (first.tok === 'id' || first.tok === ',') {
        for (;;) {
          const item = next(true);
          if (item.tok === 'id') {
            values.add(item.lit);
            const following = peek(true);
            if (following.tok === ',') continue;
            if (following.tok === ')') break;
            throw new SelectorError(`found '${following.lit}', expected: ',' or ')'`);
          } else if (item.tok === ',') {
            if (values.size === 0) values.add('');
            const following = peek(true).tok;
            if (following === ')') {
              values.add('');
              break;
            }
            if (following === ',') values.add('');
          } else {
            throw new SelectorError(`found '${item.lit}', expected: ',', or identifier`);
          }
        }
        if (next(true).tok !== ')') throw new SelectorError(`found '${first.lit}', expected: ')'`);
      } else {
        throw new SelectorError(`found '${first.lit}', expected: ',', ')' or identifier`);
      }
    } else {
      const value = peek(true);
      if (value.tok === 'end' || value.tok === ',') values.add('');
      else if (next(true).tok === 'id') values.add(value.lit);
      else throw new SelectorError(`found '${value.lit}', expected: identifier`);
    }
    return newRequirement(key, operator, [...values].sort(), '');
  };

  const requirements: Requirement[] = [];
  for (;;) {
    const item = peek(true);
    if (item.tok === 'end') return new Selector(requirements);
    if (item.tok !== 'id' && item.tok !== '!') {
      throw new SelectorError(`found '${item.lit}', expected: !, identifier, or 'end of string'`);
    }
    try {
      requirements.push(parseRequirement());
    } catch (error) {
      throw new SelectorError(`unable to parse requirement: ${(error as Error).message}`);
    }
    const after = next(true);
    if (after.tok === 'end') return new Selector(requirements);
    if (after.tok !== ',') throw new SelectorError(`found '${after.lit}', expected: ',' or 'end of string'`);
    const following = peek(true);
    if (following.tok !== 'id' && following.tok !== '!') {
      throw new SelectorError(`found '${following.lit}', expected: identifier after ','`);
    }
  }
}

/** A selector matching exactly these labels (SelectorFromSet); empty matches everything. */
export function selectorFromSet(labels: Readonly<Record<string, string>> | undefined): Selector {
  if (labels === undefined) return EVERYTHING;
  return new Selector(Object.keys(labels).map((key) => ({ key, operator: '=' as const, values: [labels[key]!] })));
}

/**
 * A metav1.LabelSelector as a Selector (LabelSelectorAsSelector): undefined matches nothing, `{}`
 * matches everything. Operators are In, NotIn, Exists, DoesNotExist.
 */
export function selectorFromLabelSelector(selector: Readonly<LabelSelector> | undefined): Selector {
  if (selector === undefined || selector === null) return NOTHING;
  const requirements: Requirement[] = [];
  const matchLabels = selector.matchLabels ?? {};
  for (const key of Object.keys(matchLabels)) {
    requirements.push(newRequirement(key, '=', [matchLabels[key]!], ''));
  }
  for (const expression of selector.matchExpressions ?? []) {
    const operators: Record<string, SelectorOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };
    const operator = operators[expression.operator];
    if (operator === undefined) throw new SelectorError(`${JSON.stringify(expression.operator)} is not a valid label selector operator`);
    requirements.push(newRequirement(expression.key, operator, [...new Set(expression.values ?? [])].sort(), ''));
  }
  return new Selector(requirements);
}

/** The selector as kubectl prints it in `-o wide` SELECTOR columns (FormatLabelSelector). */
export function formatLabelSelector(selector: Readonly<LabelSelector> | undefined): string {
  if (selector === undefined) return '<none>';
  let text: string;
  try {
    text = selectorFromLabelSelector(selector).toString();
  } catch {
    return '<error>';
  }
  return text === '' ? '<none>' : text;
}
