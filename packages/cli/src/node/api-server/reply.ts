// Writing answers: JSON (or YAML when asked) with the status code, and the API server's warning
// headers (`Warning: 299 - "unknown field ..."`, which kubectl prints as `Warning: ...`).
// [apiserver pkg/endpoints/handlers/responsewriters; pkg/warning]

import type { ServerResponse } from 'node:http';
import { stringify } from 'yaml';
import type { ApiStatus } from './status.ts';

export interface ReplyOptions {
  warnings?: readonly string[];
  yaml?: boolean;
  contentType?: string;
}

export function sendObject(response: ServerResponse, code: number, body: unknown, options: ReplyOptions = {}): void {
  if (response.headersSent || response.destroyed) return;
  for (const warning of options.warnings ?? []) response.appendHeader('warning', warningHeader(warning));
  const text = options.yaml === true ? stringify(body) : JSON.stringify(body);
  response.writeHead(code, {
    'content-type': options.contentType ?? (options.yaml === true ? 'application/yaml' : 'application/json'),
    'cache-control': 'no-cache, private',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

export function sendStatus(response: ServerResponse, status: ApiStatus): void {
  sendObject(response, status.code, status);
}

/** RFC 7234 warn-code 299 with the agent `-` and the text quoted, as k8s.io/apiserver writes it. */
export function warningHeader(text: string): string {
  return `299 - ${JSON.stringify(text.replace(/[\r\n]+/g, ' '))}`;
}
