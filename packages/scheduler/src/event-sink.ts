// Where the networking, storage and autoscaling components write their Kubernetes Events. The
// controllers branch brings client-go's EventRecorder (with its correlator); until it is in main,
// `StoreEventSink` writes one core/v1 Event per call. Both fit `EventSink`, so swapping is a
// one-line change where a component is built.

import type { Engine } from '@dockyard/runtime';
import { toRFC3339, VIRTUAL_EPOCH_MS } from '@dockyard/runtime';
import type { ApiStore } from './api/api-store.ts';
import type { DeepReadonly, KubeObject } from './api/kinds.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventSink {
  event(object: DeepReadonly<KubeObject>, type: EventType, reason: string, message: string): void;
}

export class StoreEventSink implements EventSink {
  readonly #engine: Engine;
  readonly #store: ApiStore;
  readonly #component: string;

  constructor(engine: Engine, store: ApiStore, component: string) {
    this.#engine = engine;
    this.#store = store;
    this.#component = component;
  }

  event(object: DeepReadonly<KubeObject>, type: EventType, reason: string, message: string): void {
    const meta = object.metadata ?? {};
    const namespace = meta.namespace ?? 'default';
    const time = toRFC3339(this.#engine.now);
    // makeEvent names events `<object>.<unix nanoseconds in hex>`; count up past names in use.
    let nanos = BigInt(VIRTUAL_EPOCH_MS + this.#engine.now) * 1_000_000n;
    while (this.#store.tryGet('Event', namespace, `${meta.name}.${nanos.toString(16)}`) !== undefined) nanos += 1n;
    this.#store.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${meta.name}.${nanos.toString(16)}`, namespace },
      involvedObject: {
        kind: object.kind ?? '',
        namespace,
        name: meta.name ?? '',
        uid: meta.uid ?? '',
        apiVersion: object.apiVersion ?? '',
        resourceVersion: meta.resourceVersion ?? '',
      },
      reason,
      message,
      source: { component: this.#component },
      firstTimestamp: time,
      lastTimestamp: time,
      count: 1,
      type,
      reportingComponent: this.#component,
      reportingInstance: '',
    });
    this.#engine.log.append('k8s.event', {
      namespace,
      object: `${object.kind}/${meta.name}`,
      eventType: type,
      reason,
      message,
      source: this.#component,
      count: 1,
    });
  }
}
