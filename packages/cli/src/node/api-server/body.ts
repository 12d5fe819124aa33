// Request bodies: read with the API server's size limit, decoded from JSON or YAML, and checked
// against the endpoint before the API store sees them (a Pod sent to the deployments endpoint, a
// name that differs from the URL's). Whatever a client sends, the answer is a 4xx Status.
// [apiserver pkg/endpoints/handlers/rest.go `limitedReadBody`, create.go, update.go
// `transformDecodeError`]

import type { IncomingMessage } from 'node:http';
import { GoJsonSyntaxError, parseGoJson } from '@dockyard/scheduler';
import { parseAllDocuments } from 'yaml';
import type { BodyFormat } from './media-types.ts';
import { decodeProtobufObject } from './protobuf.ts';
import { badRequest, failure } from './status.ts';

/** The API server's request body limit (3 MiB, apiserver `MaxRequestBodyBytes`). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export type JsonObject = Record<string, any>;

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      request.resume();
      throw failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY_BYTES}`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A body as JSON data (any value), or a BadRequest saying why it is not. */
export function decodeData(body: Buffer, format: BodyFormat, expectedKind: string): unknown {
  if (format === 'protobuf') return decodeProtobufObject(body);
  const text = body.toString('utf8');
  const unrecognized = (reason: string) =>
    badRequest(`the object provided is unrecognized (must be of type ${expectedKind}): ${reason} (${summarize(text)})`);
  if (format === 'json') {
    if (text.trim() === '') throw unrecognized("couldn't get version/kind; json parse error: unexpected end of JSON input");
    try {
      return parseGoJson(text);
    } catch (error) {
      if (!(error instanceof GoJsonSyntaxError)) throw error;
      throw unrecognized(`couldn't get version/kind; json parse error: ${error.message}`);
    }
  }
  const documents = parseAllDocuments(text);
  const all = Array.isArray(documents) ? documents : [documents];
  const first = all[0];
  const problem = first?.errors[0];
  if (problem !== undefined) {
    const line = problem.linePos?.[0]?.line;
    throw unrecognized(`error converting YAML to JSON: yaml: ${line === undefined ? '' : `line ${line}: `}${problem.message.split('\n')[0]}`);
  }
  if (first === undefined) throw unrecognized("couldn't get version/kind; json parse error: unexpected end of JSON input");
  return first.toJS();
}

/**
 * An object for `endpoint` (its kind in `apiVersion`): type meta missing from the body is filled
 * in from the endpoint, as the decoder defaults it; a different one is refused.
 */
export function decodeObject(body: Buffer, format: BodyFormat, endpoint: { apiVersion: string; kind: string }): JsonObject {
  const data = decodeData(body, format, endpoint.kind);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const what = Array.isArray(data) ? 'array' : data === null ? 'null' : typeof data;
    throw badRequest(
      `the object provided is unrecognized (must be of type ${endpoint.kind}): couldn't get version/kind; json parse error: json: cannot unmarshal ${what} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (${summarize(body.toString('utf8'))})`,
    );
  }
  const object = data as JsonObject;
  if (object.apiVersion !== undefined && typeof object.apiVersion !== 'string') {
    throw badRequest(`${endpoint.kind} in version "${versionOf(endpoint.apiVersion)}" cannot be handled as a ${endpoint.kind}: apiVersion is not a string`);
  }
  if (object.kind !== undefined && typeof object.kind !== 'string') {
    throw badRequest(`${endpoint.kind} in version "${versionOf(endpoint.apiVersion)}" cannot be handled as a ${endpoint.kind}: kind is not a string`);
  }
  object.apiVersion = object.apiVersion === undefined || object.apiVersion === '' ? endpoint.apiVersion : object.apiVersion;
  object.kind = object.kind === undefined || object.kind === '' ? endpoint.kind : object.kind;
  if (object.apiVersion !== endpoint.apiVersion) {
    throw badRequest(`the API version in the data (${object.apiVersion}) does not match the expected API version (${endpoint.apiVersion})`);
  }
  if (object.kind !== endpoint.kind) {
    throw badRequest(`${object.kind} in version "${versionOf(endpoint.apiVersion)}" cannot be handled as a ${endpoint.kind}: the kind in the data does not match the endpoint`);
  }
  if (object.metadata !== undefined && (object.metadata === null || typeof object.metadata !== 'object' || Array.isArray(object.metadata))) {
    throw badRequest(`${endpoint.kind} in version "${versionOf(endpoint.apiVersion)}" cannot be handled as a ${endpoint.kind}: json: cannot unmarshal ${Array.isArray(object.metadata) ? 'array' : typeof object.metadata} into Go struct field ${endpoint.kind}.metadata of type v1.ObjectMeta`);
  }
  return object;
}

/** PUT and apply: the object's name must be the URL's (rest.go `checkName`). */
export function checkName(object: JsonObject, name: string, namespace: string | undefined): void {
  const metadata = (object.metadata ??= {}) as JsonObject;
  if (metadata.name === undefined || metadata.name === '') metadata.name = name;
  else if (metadata.name !== name) throw badRequest(`the name of the object (${metadata.name}) does not match the name on the URL (${name})`);
  if (namespace !== undefined && metadata.namespace !== undefined && metadata.namespace !== '' && metadata.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}

function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
}

/** The first 30 characters of a body, as the server quotes it in decode errors. */
function summarize(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}...` : text;
}
