// The API server's errors: a typed StatusError carrying what a metav1.Status carries (HTTP code,
// reason, details with kind, name and field causes), built the way k8s.io/apimachinery
// `pkg/api/errors` builds them, and the formatter kubectl uses to print them
// (`staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go` checkErr / StandardErrorMessage /
// AddSourceToErr).

import { NoKindMatchError } from './resource-registry.ts';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'Expired'
  | 'Gone'
  | 'InternalError';

/** A field error's type, spelled as field.ErrorType prints it. */
export type FieldErrorType =
  | 'Not found'
  | 'Required value'
  | 'Duplicate value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Forbidden'
  | 'Too long'
  | 'Too many';

const CAUSE_TYPES: Record<FieldErrorType, string> = {
  'Not found': 'FieldValueNotFound',
  'Required value': 'FieldValueRequired',
  'Duplicate value': 'FieldValueDuplicate',
  'Invalid value': 'FieldValueInvalid',
  'Unsupported value': 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  'Too long': 'FieldValueTooLong',
  'Too many': 'FieldValueTooMany',
};

/** A value already written the way Go's `%#v` prints it (a map, a struct). */
export class GoValue {
  constructor(readonly text: string) {}
}

/** One invalid field (field.Error): `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The offending value; omitted for Required / Forbidden / Too long, as field.Error omits it. */
  value?: unknown;
  detail?: string;
}

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

/** The metav1.Status an error would be sent as. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: StatusDetails;
  code: number;
}

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  MethodNotAllowed: 405,
  Expired: 410,
  Gone: 410,
  InternalError: 500,
};

/** An error the API store answers with; `status()` is what the API server would send. */
export class StatusError extends Error {
  readonly code: number;
  readonly reason: StatusReason;
  readonly details: StatusDetails | undefined;

  constructor(reason: StatusReason, message: string, details?: StatusDetails) {
    super(message);
    this.name = 'StatusError';
    this.reason = reason;
    this.code = CODES[reason];
    this.details = details;
  }

  status(): Status {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details === undefined ? {} : { details: this.details }),
      code: this.code,
    };
  }

  /** The same error with kubectl's `error when <verb> "<source>": ` in front of its message. */
  withSource(verb: string, source: string): StatusError {
    return new StatusError(this.reason, `error when ${verb} ${goQuote(source)}: ${this.message}`, this.details);
  }
}

/** A group-qualified resource or kind as Go's GroupResource/GroupKind String() prints it. */
function qualified(name: string, group: string): string {
  return group === '' ? name : `${name}.${group}`;
}

export interface GroupResource {
  group: string;
  resource: string;
}

export interface GroupKind {
  group: string;
  kind: string;
}

/** `pods "x" not found` */
export function notFound(gr: GroupResource, name: string): StatusError {
  return new StatusError('NotFound', `${qualified(gr.resource, gr.group)} ${goQuote(name)} not found`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

/** `pods "x" already exists` */
export function alreadyExists(gr: GroupResource, name: string): StatusError {
  return new StatusError('AlreadyExists', `${qualified(gr.resource, gr.group)} ${goQuote(name)} already exists`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

/** The message of a stale update. */
export const OPTIMISTIC_LOCK_MESSAGE =
  'the object has been modified; please apply your changes to the latest version and try again';

/** `Operation cannot be fulfilled on deployments.apps "x": <detail>` */
export function conflict(gr: GroupResource, name: string, detail: string): StatusError {
  return new StatusError(
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(gr.resource, gr.group)} ${goQuote(name)}: ${detail}`,
    { name, group: gr.group, kind: gr.resource },
  );
}

/** `pods "x" is forbidden: <detail>` */
export function forbidden(gr: GroupResource, name: string, detail: string): StatusError {
  const what = name === '' ? qualified(gr.resource, gr.group) : `${qualified(gr.resource, gr.group)} ${goQuote(name)}`;
  return new StatusError('Forbidden', `${what} is forbidden: ${detail}`, { name, group: gr.group, kind: gr.resource });
}

export function badRequest(message: string): StatusError {
  return new StatusError('BadRequest', message);
}

export function methodNotAllowed(message: string): StatusError {
  return new StatusError('MethodNotAllowed', message);
}

/** A watch from a resourceVersion older than the kept history. */
export function resourceExpired(message: string): StatusError {
  return new StatusError('Expired', message);
}

/**
 * errors.NewGenericServerResponse(422) as the API server answers a JSON patch whose operations
 * cannot apply (a failed `test`, a missing path): the generic message, empty details, and the
 * patch library's words are not sent. [apiserver endpoints/handlers/patch.go applyJSPatch]
 */
export function unprocessable(): StatusError {
  return new StatusError('Invalid', 'the server rejected our request due to an error in our request', {});
}

/** `Deployment.apps "x" is invalid: <causes>`; kubectl prints it as `The Deployment "x" is invalid: ...`. */
export function invalid(gk: GroupKind, name: string, errors: readonly FieldError[]): StatusError {
  const causes = errors.map((error) => ({
    reason: CAUSE_TYPES[error.type],
    message: fieldErrorBody(error),
    field: error.field,
  }));
  const messages = errors.map(fieldErrorText);
  const aggregate = messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`;
  return new StatusError('Invalid', `${qualified(gk.kind, gk.group)} ${goQuote(name)} is invalid: ${aggregate}`, {
    name,
    group: gk.group,
    kind: gk.kind,
    causes,
  });
}

/** field.Error.Error(): `<field>: <body>` */
export function fieldErrorText(error: FieldError): string {
  return `${error.field}: ${fieldErrorBody(error)}`;
}

/** field.Error.ErrorBody(): the type, the value as Go prints it (for value-carrying types), the detail. */
export function fieldErrorBody(error: FieldError): string {
  let body: string = error.type;
  const carriesValue = !['Required value', 'Forbidden', 'Too long'].includes(error.type);
  if (carriesValue && 'value' in error) body += `: ${goValue(error.value)}`;
  if (error.detail !== undefined && error.detail !== '') body += `: ${error.detail}`;
  return body;
}

/** A value as field.Error prints it: strings quoted, numbers and booleans bare, maps as Go's %#v. */
export function goValue(value: unknown): string {
  if (value instanceof GoValue) return value.text;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return `[]string{${value.map((v) => goQuote(v)).join(', ')}}`;
    return `[]interface {}{${value.map(goValue).join(', ')}}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.every(([, v]) => typeof v === 'string')) {
      return `map[string]string{${entries.map(([k, v]) => `${goQuote(k)}:${goQuote(v as string)}`).join(', ')}}`;
    }
    return `map[string]interface {}{${entries.map(([k, v]) => `${goQuote(k)}:${goValue(v)}`).join(', ')}}`;
  }
  return String(value);
}

/** Go's %q for the ASCII text names and values are made of. */
export function goQuote(text: string): string {
  return JSON.stringify(text);
}

export interface KubectlErrorContext {
  /** The verb of kubectl's `error when <verb> "<file>"`: creating, patching, replacing, deleting... */
  verb?: string;
  /** The file (or `STDIN`) the object came from. */
  source?: string;
  /** The manifest's name and namespace (as written; `""` when absent), for REST mapping errors. */
  name?: string;
  namespace?: string;
}

/**
 * The text kubectl prints for an error, with its newline: `Error from server (NotFound): pods "x"
 * not found`, `The Deployment "x" is invalid: ...` (one cause inline, several as `* ` lines), or
 * `error: ...` for anything that is not a server status.
 */
export function formatKubectlError(error: unknown, context: KubectlErrorContext = {}): string {
  if (error instanceof NoKindMatchError) {
    // kubectl's resource builder: the mapping failure, then its hint on a line of its own.
    const where = `name: ${goQuote(context.name ?? '')} namespace: ${goQuote(context.namespace ?? '')} from ${goQuote(context.source ?? '')}`;
    return `error: resource mapping not found for ${where}: ${error.message}\nensure CRDs are installed first\n`;
  }
  if (!(error instanceof StatusError)) {
    const message = error instanceof Error ? error.message : String(error);
    return `${message.startsWith('error: ') ? message : `error: ${message}`}\n`;
  }
  if (error.reason === 'Invalid') {
    const details = error.details;
    if (details === undefined) return 'The request is invalid\n';
    const named = (details.kind ?? '') !== '' || (details.name ?? '') !== '';
    // Without a kind or name, and without causes that would repeat it, the message is added.
    const head = named
      ? `The ${details.kind ?? ''} ${goQuote(details.name ?? '')} is invalid`
      : (details.causes ?? []).length === 0 && error.message !== ''
        ? `The request is invalid: ${error.message}`
        : 'The request is invalid';
    const seen = new Set<string>();
    const lines: string[] = [];
    for (const cause of details.causes ?? []) {
      const line = `${cause.field}: ${cause.message}`;
      if (!seen.has(line)) lines.push(line);
      seen.add(line);
    }
    if (lines.length === 0) return `${head}\n`;
    if (lines.length === 1) return `${head}: ${lines[0]}\n`;
    return `${head}: \n${lines.map((line) => `* ${line}\n`).join('')}`;
  }
  const sourced = context.source !== undefined ? error.withSource(context.verb ?? 'creating', context.source) : error;
  return `Error from server (${sourced.reason}): ${sourced.message}\n`;
}
