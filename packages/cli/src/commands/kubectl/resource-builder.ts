// kubectl's resource builder: turns what the user named -- `-f` files, `TYPE`, `TYPE NAME...`,
// `TYPE/NAME...`, `TYPE1,TYPE2`, `all`, with `-l`, `--field-selector`, `--all`, `-A` -- into the
// objects a command works on, with the builder's own errors for shapes it refuses. Types resolve
// through the API's registry (plural, singular, short name, kind, `deployments.apps`).
// [cli-runtime pkg/resource/builder.go ResourceTypeOrNameArgs, visitBySelector, visitByResource,
// visitByName, visitByPaths; selector.go (the "Unable to find ..." wording)]

import {
  type ApiStore,
  apiVersionOf,
  type ManifestObject,
  NoKindMatchError,
  parseSelector,
  type ResourceType,
  type Selector,
  StatusError,
} from '@dockyard/scheduler';
import type { KubeObject } from '../../kubectl/printers/index.ts';
import { CommandError } from '../../session.ts';
import type { Client } from './client.ts';
import { readManifests } from './manifests.ts';

/** One object a command acts on. */
export interface ResourceInfo {
  readonly type: ResourceType;
  /** Undefined for cluster-scoped types. */
  readonly namespace: string | undefined;
  readonly name: string;
  /** The object: live from the store, or as written in a file (`fromFile`). */
  readonly object: KubeObject;
  /** The file (or `STDIN`) a manifest came from. */
  readonly source?: string;
}

/** An object that could not be visited (a StatusError, or an error with kubectl's text). */
export interface VisitError {
  readonly error: unknown;
  /** A NotFound from the server (`--ignore-not-found` drops those). */
  readonly notFound: boolean;
}

export interface BuilderRequest {
  /** Positional arguments: `pods`, `pods web`, `pod/web svc/web`, `pods,svc`, `all`. */
  readonly args: readonly string[];
  /** `-f` values and `-R`. */
  readonly filenames?: readonly string[];
  readonly recursive?: boolean;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** `--all`: every object of the types. */
  readonly selectAll?: boolean;
  readonly allNamespaces?: boolean;
  /** A bare type lists everything (`get pods`); otherwise a type needs names or a selector. */
  readonly allowEmptySelector?: boolean;
  /** Refuse more than one type (`you may only specify a single resource type`). */
  readonly singleResourceType?: boolean;
  /** For -f: fetch the live objects the manifests name instead of using the manifests. */
  readonly latest?: boolean;
}

export interface BuilderResult {
  readonly infos: ResourceInfo[];
  /** Errors met while visiting (NotFound...), in order. */
  readonly errors: VisitError[];
  /** kubectl's singleItemImplied: one object was named, so it prints as itself rather than a List. */
  readonly singleItemImplied: boolean;
  /** How the objects were asked for: by name (errors if missing) or by listing. */
  readonly byName: boolean;
  /** The types asked for, in order (for `No resources found` and per-type printing). */
  readonly types: ResourceType[];
}

/** The store's name for a type: `Deployment.apps`, or `Pod` in the core group. */
export function storeKind(type: ResourceType): string {
  return type.group === '' ? type.kind : `${type.kind}.${type.group}`;
}

/** `pods`, `deployments.apps`: the resource as errors name it. */
export function resourceName(type: Pick<ResourceType, 'resource' | 'group'>): string {
  return type.group === '' ? type.resource : `${type.resource}.${type.group}`;
}

/** Resolves a type argument (`deploy`, `deployments.apps`) or fails with kubectl's text. */
export function resolveType(store: ApiStore, argument: string): ResourceType {
  try {
    return store.registry.resolve(argument);
  } catch {
    const resource = argument.split('.')[0]!;
    throw new CommandError(`error: the server doesn't have a resource type ${JSON.stringify(argument.includes('.') ? resource : argument)}`);
  }
}

/** The types a comma list names, `all` expanded to its category, duplicates dropped. */
export function resolveTypes(store: ApiStore, argument: string): ResourceType[] {
  const out: ResourceType[] = [];
  for (const word of argument.split(',')) {
    const types = word === 'all' ? allCategory(store) : [resolveType(store, word)];
    for (const type of types) if (!out.some((t) => t.group === type.group && t.resource === type.resource)) out.push(type);
  }
  return out;
}

/** The `all` category in discovery order: the core group first, then groups and resources by name. */
function allCategory(store: ApiStore): ResourceType[] {
  return store.registry.list().filter((t) => t.categories.includes('all'));
}

/** Builds and visits the request; shape errors throw, per-object errors are collected. */
export function buildResources(client: Client, request: BuilderRequest): BuilderResult {
  const args = normalizeArgs(request.args);
  const slashes = args.filter((a) => a.includes('/')).length;
  if (slashes > 0 && slashes !== args.length) {
    throw client.error(
      "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
    );
  }
  const filenames = request.filenames ?? [];
  const label = (request.labelSelector ?? '').trim();
  const field = (request.fieldSelector ?? '').trim();
  if (request.selectAll && (label !== '' || field !== '')) {
    throw client.error(label !== '' ? `found non-empty label selector ${JSON.stringify(label)} with previously set 'all' parameter. ` : `found non-empty field selector ${JSON.stringify(field)} with previously set 'all' parameter. `);
  }

  if (filenames.length > 0) {
    if (args.length > 0) {
      throw client.error(slashes > 0 ? 'resource/name arguments cannot be provided when a path is specified' : 'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    }
    return visitManifests(client, request, filenames);
  }

  if (slashes > 0) {
    const tuples = args.map((arg) => {
      const parts = arg.split('/');
      if (parts.length !== 2) throw client.error('arguments in resource/name form may not have more than one slash');
      const [resource, name] = parts as [string, string];
      if (resource === '' || name === '' || resource.includes(',')) throw client.error('arguments in resource/name form must have a single resource and name');
      return { resource, name };
    });
    if (label !== '' || field !== '' || request.selectAll) throw client.error('selectors and the all flag cannot be used when passing resource/name arguments');
    const types = new Map<string, ResourceType>();
    for (const { resource } of tuples) if (!types.has(resource)) types.set(resource, resolveType(client.store, resource));
    const distinct = new Set([...types.values()].map((t) => `${t.group}/${t.resource}`));
    if (request.singleResourceType && distinct.size > 1) throw client.error('you may only specify a single resource type');
    return visitNames(client, request, tuples.map(({ resource, name }) => ({ type: types.get(resource)!, name })), tuples.length === 1);
  }

  const [typeArg, ...names] = args;
  if (typeArg === undefined) {
    throw client.error(
      "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  const types = resolveTypes(client.store, typeArg);
  if (request.singleResourceType && types.length > 1) throw client.error('you may only specify a single resource type');
  if (names.length > 0) {
    if (label !== '' || field !== '' || request.selectAll) throw client.error('name cannot be provided when a selector is specified');
    if (types.length > 1) throw client.error('you must specify only one resource');
    return visitNames(client, request, names.map((name) => ({ type: types[0]!, name })), names.length === 1);
  }
  if (label === '' && field === '' && !request.selectAll && !request.allowEmptySelector) {
    throw client.error('resource(s) were provided, but no name was specified');
  }
  return visitSelector(client, request, types, label, field);
}

/** `pods,svc web` means `pods/web svc/web`. */
function normalizeArgs(args: readonly string[]): string[] {
  if (args.length < 2) return [...args];
  const types = [...new Set(args[0]!.split(','))];
  if (types.length < 2) return [...args];
  return types.flatMap((type) => args.slice(1).map((name) => `${type}/${name}`));
}

function visitSelector(client: Client, request: BuilderRequest, types: ResourceType[], label: string, field: string): BuilderResult {
  const infos: ResourceInfo[] = [];
  const errors: VisitError[] = [];
  for (const type of types) {
    const namespace = !type.namespaced || request.allNamespaces ? undefined : client.namespace;
    try {
      const list = client.store.list(storeKind(type), { namespace, labelSelector: label, fieldSelector: field });
      for (const object of list.items as KubeObject[]) infos.push(infoOf(type, object));
    } catch (error) {
      if (error instanceof StatusError && (error.reason === 'BadRequest' || error.reason === 'NotFound')) {
        const what = `${apiVersionOf(type).includes('/') ? apiVersionOf(type) : `/${apiVersionOf(type)}`}, Resource=${type.resource}`;
        const message =
          label === '' && field === ''
            ? `Unable to list ${JSON.stringify(what)}: ${error.message}`
            : `Unable to find ${JSON.stringify(what)} that match label selector ${JSON.stringify(label)}, field selector ${JSON.stringify(field)}: ${error.message}`;
        errors.push({ error: new StatusError(error.reason, message, error.details), notFound: error.reason === 'NotFound' });
        continue;
      }
      errors.push(visitError(error));
    }
  }
  return { infos, errors, singleItemImplied: false, byName: false, types };
}

function visitNames(client: Client, request: BuilderRequest, wanted: { type: ResourceType; name: string }[], single: boolean): BuilderResult {
  if (request.allNamespaces && wanted.some((w) => w.type.namespaced)) throw client.error('a resource cannot be retrieved by name across all namespaces');
  const infos: ResourceInfo[] = [];
  const errors: VisitError[] = [];
  for (const { type, name } of wanted) {
    const namespace = type.namespaced ? client.namespace : undefined;
    try {
      infos.push(infoOf(type, client.store.get(storeKind(type), namespace, name) as KubeObject));
    } catch (error) {
      errors.push(visitError(error));
    }
  }
  const types: ResourceType[] = [];
  for (const { type } of wanted) if (!types.includes(type)) types.push(type);
  return { infos, errors, singleItemImplied: single, byName: true, types };
}

function visitManifests(client: Client, request: BuilderRequest, filenames: readonly string[]): BuilderResult {
  const { manifests, errors: unreadable, singleSource } = readManifests(client.session, filenames, request.recursive ?? false);
  const infos: ResourceInfo[] = [];
  const errors: VisitError[] = unreadable.map((message) => ({ error: new Error(message), notFound: false }));
  const types: ResourceType[] = [];
  for (const manifest of manifests) {
    let info: ResourceInfo;
    try {
      info = manifestInfo(client, manifest);
    } catch (error) {
      errors.push(visitError(error));
      continue;
    }
    if (!types.includes(info.type)) types.push(info.type);
    if (!request.latest) {
      infos.push(info);
      continue;
    }
    try {
      infos.push({ ...infoOf(info.type, client.store.get(storeKind(info.type), info.namespace, info.name) as KubeObject), source: info.source });
    } catch (error) {
      errors.push(visitError(error));
    }
  }
  const label = (request.labelSelector ?? '').trim();
  const filtered = label === '' ? infos : infos.filter((info) => matchesLabels(client, info.object, label));
  return { infos: filtered, errors, singleItemImplied: singleSource && manifests.length === 1, byName: true, types };
}

/** The type, namespace and name of a manifest, its namespace defaulted and checked against `-n`. */
export function manifestInfo(client: Client, manifest: ManifestObject): ResourceInfo {
  const object = manifest.object as KubeObject;
  let type: ResourceType;
  try {
    type = client.store.registry.forKind(String(object.apiVersion), String(object.kind));
  } catch (error) {
    if (error instanceof NoKindMatchError) {
      throw client.failure(error, { source: manifest.source, name: object.metadata?.name ?? '', namespace: object.metadata?.namespace ?? '' });
    }
    throw error;
  }
  const written = object.metadata?.namespace ?? '';
  let namespace: string | undefined;
  if (type.namespaced) {
    if (client.explicitNamespace && written !== '' && written !== client.namespace) {
      throw client.error(
        `the namespace from the provided object ${JSON.stringify(written)} does not match the namespace ${JSON.stringify(client.namespace)}. You must pass '--namespace=${written}' to perform this operation.`,
      );
    }
    namespace = written === '' ? client.namespace : written;
  }
  return { type, namespace, name: object.metadata?.name ?? '', object, source: manifest.source };
}

function visitError(error: unknown): VisitError {
  return { error, notFound: error instanceof StatusError && error.reason === 'NotFound' };
}

function infoOf(type: ResourceType, object: KubeObject): ResourceInfo {
  return { type, namespace: type.namespaced ? object.metadata?.namespace : undefined, name: object.metadata?.name ?? '', object };
}

/** -l applied to objects from files (kubectl filters them on the client). */
function matchesLabels(client: Client, object: KubeObject, selector: string): boolean {
  let parsed: Selector;
  try {
    parsed = parseSelector(selector);
  } catch (error) {
    throw client.error(`the provided selector ${JSON.stringify(selector)} is not valid: ${(error as Error).message}`);
  }
  return parsed.matches(object.metadata?.labels ?? {});
}
