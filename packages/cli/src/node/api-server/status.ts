// Failures as the API server sends them: a metav1.Status body with the HTTP code in `code`. The
// API store's StatusErrors already carry one; this adds the transport-level failures the store
// never sees (unknown paths, methods, media types, oversized bodies) and turns anything else into
// an InternalError instead of a crashed server.
// [k8s.io/apimachinery pkg/api/errors; apiserver pkg/endpoints/handlers/responsewriters/status.go]

import { NoKindMatchError, NoResourceMatchError, StatusError } from '@dockyard/scheduler';

export interface ApiStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: unknown[]; retryAfterSeconds?: number };
  code: number;
}

/** An HTTP failure with its Status; thrown by handlers, answered by the server. */
export class HttpFailure extends Error {
  constructor(readonly status: ApiStatus) {
    super(status.message);
    this.name = 'HttpFailure';
  }
}

export function failure(code: number, reason: string, message: string, details: ApiStatus['details'] = {}): HttpFailure {
  return new HttpFailure({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code });
}

/** A path no handler serves (errors.NewNotFound with an empty resource: the server's generic 404). */
export function pathNotFound(): HttpFailure {
  return failure(404, 'NotFound', 'the server could not find the requested resource');
}

export function methodNotAllowed(): HttpFailure {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function badRequest(message: string): HttpFailure {
  return new HttpFailure({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 });
}

/** A Status of success, as DELETE of a collection member without a body and evictions answer. */
export function success(details: ApiStatus['details'] = {}): ApiStatus {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}

/** The Status any error is answered with; the second value says whether it was unexpected (a bug). */
export function statusOf(error: unknown): { status: ApiStatus; unexpected: boolean } {
  if (error instanceof HttpFailure) return { status: error.status, unexpected: false };
  if (error instanceof StatusError) return { status: error.status() as ApiStatus, unexpected: false };
  // A kind or resource gone between routing and the store call (a CRD deleted meanwhile).
  if (error instanceof NoResourceMatchError || error instanceof NoKindMatchError) return { status: pathNotFound().status, unexpected: false };
  const message = error instanceof Error ? error.message : String(error);
  return { status: failure(500, 'InternalError', `Internal error occurred: ${message}`).status, unexpected: true };
}
