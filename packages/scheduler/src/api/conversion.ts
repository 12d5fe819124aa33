// Objects sent in a served version other than the storage version are converted in, as the API
// server converts to its storage version: autoscaling/v1 HorizontalPodAutoscalers become v2
// (targetCPUUtilizationPercentage → a cpu Utilization metric), and events.k8s.io/v1 Events become
// core Events (the two are views of one stored kind; k/k `pkg/apis/events` conversion). The
// reverse, for readers of the events.k8s.io view, is `toEventsV1`.

import type { Event as CoreEvent } from 'kubernetes-types/core/v1';
import type { Event as EventsV1Event } from 'kubernetes-types/events/v1';
import type { JsonObject } from './kinds.ts';

function hpaV1ToV2(o: JsonObject): JsonObject {
  const { targetCPUUtilizationPercentage, ...spec } = (o.spec ?? {}) as JsonObject;
  const out: JsonObject = { ...o, apiVersion: 'autoscaling/v2', spec };
  if (typeof targetCPUUtilizationPercentage === 'number') {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: targetCPUUtilizationPercentage } } }];
  }
  return out;
}

function eventsV1ToCore(o: JsonObject): JsonObject {
  const e = o as EventsV1Event;
  const core: CoreEvent = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: e.metadata ?? {},
    involvedObject: e.regarding ?? {},
    ...(e.related === undefined ? {} : { related: e.related }),
    ...(e.reason === undefined ? {} : { reason: e.reason }),
    ...(e.note === undefined ? {} : { message: e.note }),
    ...(e.type === undefined ? {} : { type: e.type }),
    ...(e.action === undefined ? {} : { action: e.action }),
    ...(e.eventTime === undefined ? {} : { eventTime: e.eventTime }),
    ...(e.reportingController === undefined ? {} : { reportingComponent: e.reportingController }),
    ...(e.reportingInstance === undefined ? {} : { reportingInstance: e.reportingInstance }),
    ...(e.deprecatedSource === undefined ? {} : { source: e.deprecatedSource }),
    ...(e.deprecatedFirstTimestamp === undefined ? {} : { firstTimestamp: e.deprecatedFirstTimestamp }),
    ...(e.deprecatedLastTimestamp === undefined ? {} : { lastTimestamp: e.deprecatedLastTimestamp }),
    ...(e.deprecatedCount === undefined ? {} : { count: e.deprecatedCount }),
    ...(e.series === undefined ? {} : { series: e.series }),
  };
  return core as JsonObject;
}

/** A core Event as the events.k8s.io/v1 API shows it. */
export function toEventsV1(e: CoreEvent): EventsV1Event {
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: e.metadata,
    eventTime: e.eventTime ?? (null as unknown as string),
    regarding: e.involvedObject,
    ...(e.related === undefined ? {} : { related: e.related }),
    ...(e.reason === undefined ? {} : { reason: e.reason }),
    ...(e.message === undefined ? {} : { note: e.message }),
    ...(e.type === undefined ? {} : { type: e.type }),
    ...(e.action === undefined ? {} : { action: e.action }),
    ...(e.reportingComponent === undefined ? {} : { reportingController: e.reportingComponent }),
    ...(e.reportingInstance === undefined ? {} : { reportingInstance: e.reportingInstance }),
    ...(e.source === undefined ? {} : { deprecatedSource: e.source }),
    ...(e.firstTimestamp === undefined ? {} : { deprecatedFirstTimestamp: e.firstTimestamp }),
    ...(e.lastTimestamp === undefined ? {} : { deprecatedLastTimestamp: e.lastTimestamp }),
    ...(e.count === undefined ? {} : { deprecatedCount: e.count }),
    ...(e.series === undefined ? {} : { series: e.series as EventsV1Event['series'] }),
  };
}

/** Converts an object sent as `apiVersion` into the storage version `storageApiVersion`. */
export function convertToStorage(o: JsonObject, storageApiVersion: string): JsonObject {
  if (o.apiVersion === storageApiVersion) return o;
  if (o.kind === 'HorizontalPodAutoscaler' && o.apiVersion === 'autoscaling/v1') return hpaV1ToV2(o);
  if (o.kind === 'Event' && o.apiVersion === 'events.k8s.io/v1') return eventsV1ToCore(o);
  return { ...o, apiVersion: storageApiVersion };
}
