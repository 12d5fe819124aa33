// Content negotiation as the API server does it: the Accept header picks the response's shape
// (the object itself, a meta.k8s.io Table that `kubectl get` prints, or PartialObjectMetadata),
// and the Content-Type of a body says how to read it (JSON or YAML; for PATCH, which patch).
// Protobuf is read (protobuf.ts: client-go's typed clients send nothing else) but never written:
// every client that accepts protobuf accepts JSON too, and one that accepts only protobuf gets 406.
// [apiserver pkg/endpoints/handlers/negotiation; apimachinery pkg/types/patch.go]

import { failure } from './status.ts';

export interface MediaType {
  type: string;
  params: Record<string, string>;
}

/** `a/b;k=v, c/d` → the media types in order of appearance (q values are not weighed). */
export function parseMediaTypes(header: string | undefined): MediaType[] {
  if (header === undefined || header.trim() === '') return [];
  return header.split(',').flatMap((part) => {
    const [type, ...params] = part.split(';').map((p) => p.trim());
    if (type === undefined || type === '') return [];
    const record: Record<string, string> = {};
    for (const param of params) {
      const eq = param.indexOf('=');
      if (eq > 0) record[param.slice(0, eq).trim().toLowerCase()] = param.slice(eq + 1).trim();
    }
    return [{ type: type.toLowerCase(), params: record }];
  });
}

/** What a response is sent as. */
export type ResponseShape =
  | { as: 'object'; yaml: boolean }
  | { as: 'Table'; version: 'v1' | 'v1beta1' }
  | { as: 'PartialObjectMetadata' | 'PartialObjectMetadataList'; version: 'v1' | 'v1beta1' };

const JSON_TYPES = new Set(['application/json', 'application/*', '*/*']);

/** The first acceptable shape of the Accept header; none given means JSON. */
export function negotiate(accept: string | undefined): ResponseShape {
  const types = parseMediaTypes(accept);
  if (types.length === 0) return { as: 'object', yaml: false };
  for (const { type, params } of types) {
    const as = params['as'];
    if (as === undefined) {
      if (JSON_TYPES.has(type)) return { as: 'object', yaml: false };
      if (type === 'application/yaml') return { as: 'object', yaml: true };
      continue;
    }
    if (!JSON_TYPES.has(type) || params['g'] !== 'meta.k8s.io') continue;
    const version = params['v'];
    if (version !== 'v1' && version !== 'v1beta1') continue;
    if (as === 'Table' || as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { as, version };
  }
  throw failure(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml');
}

export type BodyFormat = 'json' | 'yaml' | 'protobuf';
export type PatchFormat = 'json' | 'merge' | 'strategic' | 'apply';

/** How a POST or PUT body is read: JSON unless it says YAML. */
export function bodyFormat(contentType: string | undefined): BodyFormat {
  const [media] = parseMediaTypes(contentType);
  if (media === undefined || media.type === 'application/json' || media.type === '*/*') return 'json';
  if (media.type === 'application/yaml' || media.type === 'application/x-yaml' || media.type === 'text/yaml') return 'yaml';
  if (media.type === 'application/vnd.kubernetes.protobuf') return 'protobuf';
  throw failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
}

const PATCH_TYPES: Record<string, PatchFormat> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** The patch a PATCH body is, by its Content-Type; custom resources take no strategic merge patch. */
export function patchFormat(contentType: string | undefined, custom: boolean): PatchFormat {
  const [media] = parseMediaTypes(contentType);
  const format = media === undefined ? undefined : PATCH_TYPES[media.type];
  if (format === undefined || (format === 'strategic' && custom)) {
    const accepted = custom
      ? 'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml'
      : 'application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml';
    throw failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted}`);
  }
  return format;
}
