// What every release action works with (helm's action.Configuration): the cluster's API store
// behind a kube client, release storage in the namespace, the cluster's capabilities, `lookup`
// answered from the store, time and randomness from the simulation, and a way to let virtual time
// pass while waiting.

import type { ApiStore } from '../../api/api-store.ts';
import { apiVersionOf, NoKindMatchError } from '../../api/resource-registry.ts';
import type { Chart } from '../chart/chart.ts';
import type { LookupFunction } from '../functions/helm-functions.ts';
import type { RandomSource } from '../functions/random.ts';
import type { ReleaseOptions } from '../render/built-in-objects.ts';
import { type Capabilities, HELM_VERSION, parseKubeVersion, SIMULATED_KUBE_VERSION } from '../render/capabilities.ts';
import { type RenderedRelease, renderRelease } from '../render/release-renderer.ts';
import type { GoMap } from '../template/value.ts';
import { fromUnstructured } from '../yaml/go-json.ts';
import { KubeClient } from './kube-client.ts';
import type { Release } from './release.ts';
import { ReleaseStorage } from './release-storage.ts';
import { SecretsDriver } from './secrets-driver.ts';
import { type Sleep, Waiter, type WaitStrategy } from './waiter.ts';

export interface ActionConfigOptions {
  store: ApiStore;
  /** The namespace of the command (-n); releases live there. */
  namespace: string;
  /** The virtual wall clock, Unix milliseconds. */
  now: () => number;
  random: RandomSource;
  /** Lets virtual time pass while an action waits; resolves false when interrupted. */
  sleep: Sleep;
  /** The cluster's version (default: the one Dockyard simulates). */
  kubeVersion?: string;
  /** helm 4's log/slog lines at warning level and above (what it prints on stderr). */
  log?: (level: 'WARN' | 'ERROR', message: string, attrs: Record<string, string>) => void;
}

export class ActionConfig {
  readonly store: ApiStore;
  readonly namespace: string;
  readonly kube: KubeClient;
  readonly releases: ReleaseStorage;
  readonly now: () => number;
  readonly random: RandomSource;
  readonly sleep: Sleep;
  readonly log: (level: 'WARN' | 'ERROR', message: string, attrs: Record<string, string>) => void;
  readonly #kubeVersion: string;

  constructor(options: ActionConfigOptions) {
    this.store = options.store;
    this.namespace = options.namespace;
    this.now = options.now;
    this.random = options.random;
    this.sleep = options.sleep;
    this.log = options.log ?? (() => undefined);
    this.#kubeVersion = options.kubeVersion ?? SIMULATED_KUBE_VERSION;
    this.kube = new KubeClient(options.store);
    this.releases = this.releasesIn(options.namespace);
  }

  /** Release storage in another namespace ('' reads all of them). */
  releasesIn(namespace: string): ReleaseStorage {
    return new ReleaseStorage(new SecretsDriver(this.store, namespace, this.now));
  }

  /** The cluster's capabilities, from discovery: every group/version served, and group/version/Kind. */
  capabilities(): Capabilities {
    const versions: string[] = [];
    const seen = new Set<string>();
    const add = (v: string) => {
      if (!seen.has(v)) {
        seen.add(v);
        versions.push(v);
      }
    };
    for (const type of this.store.registry.list()) {
      for (const version of type.servedVersions) {
        const gv = apiVersionOf({ group: type.group, version });
        add(gv);
        add(`${gv}/${type.kind}`);
      }
    }
    return { kubeVersion: parseKubeVersion(this.#kubeVersion), apiVersions: versions, helmVersion: HELM_VERSION };
  }

  /** `lookup` against the store: one object, or a list when the name is empty; {} when absent. */
  readonly lookup: LookupFunction = (apiVersion, kind, namespace, name) => {
    let kindName: string;
    let namespaced: boolean;
    try {
      const type = this.store.registry.forKind(apiVersion, kind);
      kindName = type.group === '' ? type.kind : `${type.kind}.${type.group}`;
      namespaced = type.namespaced;
    } catch (err) {
      if (err instanceof NoKindMatchError) return new Map();
      throw err;
    }
    const ns = namespaced ? namespace : undefined;
    if (name !== '') {
      const found = this.store.tryGet(kindName, ns, name);
      return found === undefined ? new Map() : (fromUnstructured(found) as GoMap);
    }
    const list = this.store.list(kindName, { namespace: ns === '' ? undefined : ns });
    return fromUnstructured({ apiVersion, kind: `${kind}List`, metadata: { resourceVersion: list.resourceVersion }, items: list.items }) as GoMap;
  };

  waiter(strategy: WaitStrategy): Waiter {
    return new Waiter(strategy, this.kube, this.now, this.sleep);
  }

  /** renderResources: the chart rendered for a release, `lookup` answering from the cluster unless told not to. */
  render(chart: Chart, values: GoMap, release: ReleaseOptions, options: { subNotes?: boolean; skipSchemaValidation?: boolean; interactWithServer?: boolean }): RenderedRelease {
    return renderRelease(chart, values, {
      release,
      capabilities: this.capabilities(),
      subNotes: options.subNotes ?? false,
      skipSchemaValidation: options.skipSchemaValidation ?? false,
      now: this.now,
      random: this.random,
      ...(options.interactWithServer === false ? {} : { lookup: this.lookup }),
    });
  }

  /** recordRelease: writes the release back; helm only logs a failure here, and so do we. */
  record(release: Release): void {
    try {
      this.releases.update(release);
    } catch {
      // helm: "failed to record the release" at debug level
    }
  }
}
