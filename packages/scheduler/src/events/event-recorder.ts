// Kubernetes Events as a component writes them: client-go's EventRecorder (`tools/record/event.go`
// `makeEvent`, `recordToSink`) with its correlator. Every component that reports to users
// (controllers, kube-scheduler, kubelets) owns one, named for its source:
// `{component: 'deployment-controller'}`, `{component: 'kubelet', host: 'node-1'}`.
//
// An event becomes a core/v1 Event in the store, in the involved object's namespace (`default` for
// cluster-scoped objects), named `<object>.<hex of the Unix time in nanoseconds>` as makeEvent
// names it; a repeat (same source, object, type, reason and message) patches that Event's count,
// lastTimestamp and message instead. Each written event also goes to the engine's log as a
// `k8s.event` record, so `dockyard events` and the visualizer see it.
//
// Deviation: virtual time has millisecond resolution, so events for one object at one instant
// would share a name; the nanosecond part counts up past names already taken.

import type { Engine, EngineComponent } from '@dockyard/runtime';
import { toRFC3339, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import type { Event, EventSource, ObjectReference } from 'kubernetes-types/core/v1';
import type { ApiStore } from '../api/api-store.ts';
import { StatusError } from '../api/api-errors.ts';
import type { DeepReadonly, KubeObject } from '../api/kinds.ts';
import { EventCorrelator, type SavedCorrelator } from './event-correlator.ts';

export type EventType = 'Normal' | 'Warning';

/** The object an event is about: a stored object, or a reference written out (a Node by name). */
export type InvolvedObject = DeepReadonly<KubeObject> | DeepReadonly<ObjectReference>;

function isReference(object: InvolvedObject): object is DeepReadonly<ObjectReference> {
  return (object as KubeObject).metadata === undefined && typeof (object as ObjectReference).name === 'string';
}

/** ref.GetReference: kind, namespace, name, uid, apiVersion and resourceVersion of an object. */
export function referenceOf(object: InvolvedObject, fieldPath?: string): ObjectReference {
  if (isReference(object)) return { ...object, ...(fieldPath === undefined ? {} : { fieldPath }) };
  const meta = object.metadata ?? {};
  return {
    kind: object.kind ?? '',
    ...(meta.namespace === undefined ? {} : { namespace: meta.namespace }),
    name: meta.name ?? '',
    ...(meta.uid === undefined ? {} : { uid: meta.uid }),
    apiVersion: object.apiVersion ?? '',
    ...(meta.resourceVersion === undefined ? {} : { resourceVersion: meta.resourceVersion }),
    ...(fieldPath === undefined ? {} : { fieldPath }),
  };
}

/** Where a component writes its Kubernetes Events (an EventRecorder, or a test's recorder). */
export interface EventSink {
  event(object: InvolvedObject, type: EventType, reason: string, message: string, fieldPath?: string): void;
}

export class EventRecorder implements EngineComponent, EventSink {
  readonly name: string;
  readonly source: EventSource;
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #correlator = new EventCorrelator();

  constructor(engine: Engine, store: ApiStore, source: EventSource) {
    this.#engine = engine;
    this.#store = store;
    this.source = source.host === undefined ? { component: source.component } : { component: source.component, host: source.host };
    this.name = `event-recorder/${source.component}${source.host === undefined ? '' : `/${source.host}`}`;
    engine.register(this);
  }

  /** Records an event about `object`; `fieldPath` points into it (`spec.containers{web}`). */
  event(object: InvolvedObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const ref = referenceOf(object, fieldPath);
    const now = this.#engine.now;
    const time = toRFC3339(now);
    const namespace = ref.namespace === undefined || ref.namespace === '' ? 'default' : ref.namespace;
    const nameAt = (objectName: string) => this.#eventName(namespace, objectName, now);
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: nameAt(ref.name ?? ''), namespace },
      involvedObject: ref,
      reason,
      message,
      source: this.source,
      firstTimestamp: time,
      lastTimestamp: time,
      count: 1,
      type,
      eventTime: null as unknown as string,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
    const result = this.#correlator.correlate(event, now, nameAt);
    if (result.skip) return;
    const written = result.update ? this.#patch(result.event) : this.#create(result.event);
    this.#engine.log.append('k8s.event', {
      namespace,
      object: `${ref.kind}/${ref.name}`,
      eventType: type,
      reason: written.reason,
      message: written.message,
      source: this.source.component,
      ...(this.source.host === undefined ? {} : { host: this.source.host }),
      count: written.count,
    });
  }

  /** `<object name>.<Unix nanoseconds in hex>`, counting the nanoseconds up past names in use. */
  #eventName(namespace: string, objectName: string, now: number): string {
    let nanos = BigInt(VIRTUAL_EPOCH_MS + now) * 1_000_000n;
    for (;;) {
      const name = `${objectName}.${nanos.toString(16)}`;
      if (this.#store.tryGet('Event', namespace, name) === undefined) return name;
      nanos += 1n;
    }
  }

  #create(event: Event): Event {
    const created = this.#store.create(event);
    return created as Event;
  }

  /** The repeat of an earlier event: patch it, or create it again if it is gone (event TTL). */
  #patch(event: Event): Event {
    try {
      const patch = { count: event.count, lastTimestamp: event.lastTimestamp, message: event.message };
      return this.#store.patch('Event', event.metadata.namespace, event.metadata.name!, patch, 'merge') as Event;
    } catch (error) {
      if (error instanceof StatusError && error.reason === 'NotFound') return this.#create(event);
      throw error;
    }
  }

  snapshot(): SavedCorrelator {
    return this.#correlator.snapshot();
  }

  restore(state: unknown): void {
    const saved = state as SavedCorrelator;
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.aggregate) || !Array.isArray(saved.observed) || !Array.isArray(saved.spam)) {
      throw new Error(`${this.name} snapshot is not an object with aggregate, observed and spam lists`);
    }
    this.#correlator.restore(saved);
  }
}
