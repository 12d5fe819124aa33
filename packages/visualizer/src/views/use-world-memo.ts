// Memoizes what a view derives from the world on what can change it: the API store's
// resourceVersion (every write) and the event log (every record; a rewind hands over a new log
// array). The page re-renders on every frame while playing; most frames change neither.
import type { World } from '@dockyard/cli';
import { useMemo } from 'preact/hooks';

export function useWorldMemo<T>(world: World, derive: () => T, extra: readonly unknown[] = []): T {
  const records = world.engine.log.records();
  return useMemo(derive, [world, records, records.length, world.cluster.store.resourceVersion, ...extra]);
}
