// Validation against the Compose Specification's JSON schema (compose-spec.json, copied unchanged
// from compose-spec/compose-spec), with errors worded as docker compose v2 words them. Compose
// validated with gojsonschema and reported only the most specific error, as `<field> <what>`:
//   services.web Additional property buidl is not allowed
//   services.app.ports.0 must be a number
//   (root) Additional property foo is not allowed
// ajv finds the errors; this module picks and words the one compose would print.

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import spec from './compose-spec.json' with { type: 'json' };

let validator: ValidateFunction | undefined;

/** Compiled on first use: the schema is large and `config` is the only path that needs it early. */
function compiled(): ValidateFunction {
  if (!validator) {
    // Inlining the $refs keeps every error's schemaPath under the oneOf branch it came from,
    // which is how a failed oneOf is matched to its best branch below. The schema has no cycles.
    const schema = inlineRefs(spec, spec.definitions as Record<string, unknown>) as Record<string, unknown>;
    delete schema.$schema;
    delete schema.$id;
    delete schema.definitions;
    validator = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(schema);
  }
  return validator;
}

function inlineRefs(node: unknown, definitions: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineRefs(item, definitions));
  if (node === null || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') return inlineRefs(definitions[ref.replace('#/definitions/', '')], definitions);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = inlineRefs(value, definitions);
  return out;
}

/** Validates a compose model; returns compose's message for its most specific error, or undefined. */
export function validateComposeSchema(model: unknown): string | undefined {
  const validate = compiled();
  if (validate(model)) return undefined;
  const errors = flatten(validate.errors ?? []);
  return describe(errors);
}

interface FlatError {
  error: ErrorObject;
  field: string;
  composite: boolean;
}

function fieldOf(error: ErrorObject): string {
  if (error.instancePath === '') return '(root)';
  return error.instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function isComposite(error: ErrorObject): boolean {
  return error.keyword === 'oneOf' || error.keyword === 'anyOf';
}

function within(error: ErrorObject, composite: ErrorObject): boolean {
  return error !== composite && error.schemaPath.startsWith(`${composite.schemaPath}/`);
}

/**
 * Orders errors as gojsonschema listed them: a failed oneOf/anyOf is followed by the errors of its
 * best branch only (the first branch whose type fits the value, else the first branch).
 */
function flatten(errors: ErrorObject[]): FlatError[] {
  const composites = errors.filter((e) => isComposite(e) && !errors.some((outer) => isComposite(outer) && within(e, outer)));
  const out: FlatError[] = [];
  for (const error of errors) {
    if (composites.some((composite) => within(error, composite))) continue;
    if (!composites.includes(error)) {
      out.push({ error, field: fieldOf(error), composite: false });
      continue;
    }
    out.push({ error, field: fieldOf(error), composite: true });
    const passing = (error.params as { passingSchemas?: unknown }).passingSchemas;
    if (Array.isArray(passing)) continue; // matched several branches: nothing more to say
    const branchCount = countBranches(error.schemaPath, errors);
    const branchErrors = (i: number) => errors.filter((e) => e.schemaPath.startsWith(`${error.schemaPath}/${i}/`));
    let best = 0;
    for (let i = 0; i < branchCount; i++) {
      const typeMiss = branchErrors(i).some((e) => e.keyword === 'type' && e.instancePath === error.instancePath);
      if (!typeMiss) {
        best = i;
        break;
      }
    }
    out.push(...flatten(branchErrors(best)));
  }
  return out;
}

function countBranches(schemaPath: string, errors: ErrorObject[]): number {
  let max = -1;
  for (const e of errors) {
    const match = e.schemaPath.startsWith(`${schemaPath}/`) ? /^(\d+)\//.exec(e.schemaPath.slice(schemaPath.length + 1)) : null;
    if (match) max = Math.max(max, Number(match[1]));
  }
  return max + 1;
}

function specificity(error: FlatError): number {
  return error.field.split('.').length;
}

/** compose-go's getMostSpecificError: the deepest field wins; a type error wins a tie. */
function describe(errors: FlatError[]): string | undefined {
  if (errors.length === 0) return undefined;
  let chosen = 0;
  errors.forEach((error, i) => {
    const best = errors[chosen]!;
    if (specificity(error) > specificity(best)) chosen = i;
    else if (specificity(error) === specificity(best) && error.error.keyword === 'type' && best.error.keyword !== 'type') chosen = i;
  });
  const parent = errors[chosen]!;
  const child = parent.composite ? errors[chosen + 1] : undefined;
  return `${parent.field} ${wording(child ?? parent)}`;
}

function humanType(types: string[]): string {
  const names = types.map((t) => (t === 'object' ? 'mapping' : t === 'array' ? 'list' : t));
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

// gojsonschema's English messages.
function wording({ error, field }: FlatError): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      const types = Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(',');
      return `must be a ${humanType(types)}`;
    }
    case 'additionalProperties':
      return `Additional property ${String(params.additionalProperty)} is not allowed`;
    case 'required':
      return `${String(params.missingProperty)} is required`;
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      // gojsonschema's enum message starts with the field itself, so compose prints it twice.
      return `${field} must be one of the following: ${allowed}`;
    }
    case 'oneOf':
      return 'Must validate one and only one schema (oneOf)';
    case 'anyOf':
      return 'Must validate at least one schema (anyOf)';
    case 'not':
      return 'Must not validate the schema (not)';
    case 'minimum':
      return `Must be greater than or equal to ${String(params.limit)}`;
    case 'exclusiveMinimum':
      return `Must be greater than ${String(params.limit)}`;
    case 'maximum':
      return `Must be less than or equal to ${String(params.limit)}`;
    case 'exclusiveMaximum':
      return `Must be less than ${String(params.limit)}`;
    case 'minLength':
      return `String length must be greater than or equal to ${String(params.limit)}`;
    case 'maxLength':
      return `String length must be less than or equal to ${String(params.limit)}`;
    case 'pattern':
      return `Does not match pattern '${String(params.pattern)}'`;
    case 'minItems':
      return `Array must have at least ${String(params.limit)} items`;
    case 'maxItems':
      return `Array must have at most ${String(params.limit)} items`;
    case 'uniqueItems':
      return `array items[${String(params.j)},${String(params.i)}] must be unique`;
    case 'minProperties':
      return `Must have at least ${String(params.limit)} properties`;
    case 'maxProperties':
      return `Must have at most ${String(params.limit)} properties`;
    case 'dependencies':
    case 'dependentRequired':
      return `Has a dependency on ${String(params.deps)}`;
    default:
      return error.message ?? 'is invalid';
  }
}
