// What every handler of the API server works with: the simulated cluster, the clock, one request.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiStore, Cluster, ResourceType } from '@dockyard/scheduler';
import type { ResponseShape } from './media-types.ts';
import type { WallCalendar } from './wall-calendar.ts';

export type { ResourceType };

export interface ApiContext {
  readonly store: ApiStore;
  readonly cluster: Cluster;
  /** Virtual time, ms. */
  now(): number;
  /**
   * Catches virtual time up with the wall clock and runs what falls due: before a request, so it
   * sees the present, and after a write, so the controllers answer it before the next request.
   */
  settle(): void;
  /** How object times are shown to clients and read back from them. */
  readonly calendar: WallCalendar;
  /** Closers of the streams still open (watches, followed logs), ended when the server stops. */
  readonly streams: Set<() => void>;
}

export interface ApiRequest {
  readonly method: string;
  readonly url: URL;
  readonly incoming: IncomingMessage;
  readonly response: ServerResponse;
  /** What the Accept header asked for. */
  readonly shape: ResponseShape;
}

/** The kind name the API store takes for a type: `Pod`, `Deployment`, `Event.events.k8s.io`. */
export function storeKind(type: ResourceType): string {
  return type.group === '' ? type.kind : `${type.kind}.${type.group}`;
}

/** `apps/v1`, `v1`: the version objects of a type are served in. */
export function apiVersionOf(type: ResourceType): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

/** A query parameter that is a whole number, or undefined. */
export function intParam(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}

export function boolParam(url: URL, name: string): boolean {
  const value = url.searchParams.get(name);
  return value === 'true' || value === '1';
}
