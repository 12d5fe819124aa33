// Simulated HTTP: what a client sends and what a program answers. Requests travel between network
// namespaces as these records, never as bytes; `curl` and `wget` print them the way the real tools do.

export interface HttpRequest {
  method: string;
  /** Path with query, e.g. `/healthz?x=1`. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  /** Where the connection comes from, as the server sees it. */
  remoteIp: string;
}

export interface HttpResponse {
  status: number;
  /** In the order the server writes them. */
  headers: [string, string][];
  body: string;
}

export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? 'Unknown';
}

/** An HTTP date (RFC 7231), as `Date:` and `Last-Modified:` headers carry it. */
export function httpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}
