// Field selectors (`--field-selector spec.nodeName=node-1,status.phase!=Running`): the syntax of
// k8s.io/apimachinery `pkg/fields/selector.go` (=, ==, != joined by commas, `\` escapes) and the
// fields each resource lets you select on, as its registry strategy's GetAttrs/field label
// conversion allows (metadata.name and metadata.namespace everywhere).

export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

export class FieldSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldSelectorError';
  }
}

export class FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  /** The value `field` must equal for a match, if a requirement pins it. */
  exactValue(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }

  matches(object: unknown): boolean {
    for (const r of this.requirements) {
      const actual = fieldValue(object, r.field);
      if ((actual === r.value) !== (r.operator === '=')) return false;
    }
    return true;
  }

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(',');
  }
}

function escapeValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** Parses `a=b,c!=d`; errors read as the API machinery's. */
export function parseFieldSelector(text: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  for (const term of splitTerms(text)) {
    if (term === '') continue;
    const match = findOperator(term);
    if (match === undefined) throw new FieldSelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    const [index, op] = match;
    const field = term.slice(0, index);
    const rawValue = term.slice(index + op.length);
    let value: string;
    try {
      value = unescapeValue(rawValue);
    } catch (error) {
      throw new FieldSelectorError(`invalid selector: '${text}'; ${(error as Error).message}`);
    }
    requirements.push({ field, operator: op === '!=' ? '!=' : '=', value });
  }
  return new FieldSelector(requirements);
}

function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[++i];
    } else if (c === ',') {
      terms.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  terms.push(current);
  return terms;
}

function findOperator(term: string): [number, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    if (term[i] === '\\') {
      i++;
      continue;
    }
    for (const op of ['!=', '==', '=']) {
      if (term.startsWith(op, i)) return [i, op];
    }
  }
  return undefined;
}

function unescapeValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') {
      const next = value[++i];
      if (next !== '\\' && next !== ',' && next !== '=') throw new Error(`invalid escape sequence: \\${next ?? ''}`);
      out += next;
    } else if (c === ',' || c === '=') {
      throw new Error(`unescaped '${c}' in value`);
    } else {
      out += c;
    }
  }
  return out;
}

/** The selectable fields beyond metadata.name and metadata.namespace, per kind. */
const SELECTABLE: Record<string, readonly string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Secret: ['type'],
  ReplicaSet: ['status.replicas'],
  ReplicationController: ['status.replicas'],
  Job: ['status.successful'],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  PersistentVolumeClaim: [],
};

/** The field label a kind does not support, if any (the server answers `field label not supported: x`). */
export function unsupportedField(kind: string, selector: FieldSelector): string | undefined {
  const allowed = SELECTABLE[kind] ?? [];
  for (const r of selector.requirements) {
    if (r.field !== 'metadata.name' && r.field !== 'metadata.namespace' && !allowed.includes(r.field)) return r.field;
  }
  return undefined;
}

/** Field labels split at their dots, once: every watch event is matched against every watcher's selector. */
const fieldPaths = new Map<string, readonly string[]>();

function fieldPath(field: string): readonly string[] {
  let path = fieldPaths.get(field);
  if (path === undefined) fieldPaths.set(field, (path = field.split('.')));
  return path;
}

/** A field's value as field selectors compare it: a string; booleans and numbers as Go prints them. */
export function fieldValue(object: unknown, field: string): string {
  if (field === 'source') {
    const source = (object as { source?: { component?: string } }).source;
    return source?.component ?? '';
  }
  let value: unknown = object;
  for (const part of fieldPath(field)) {
    if (value === null || typeof value !== 'object') return '';
    value = (value as Record<string, unknown>)[part];
  }
  if (value === undefined || value === null) {
    if (field === 'spec.hostNetwork' || field === 'spec.unschedulable') return 'false';
    if (field === 'status.replicas' || field === 'status.successful') return '0';
    return '';
  }
  return String(value);
}
