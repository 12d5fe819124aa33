// What `kubectl get all` lists: the resources in the `all` category, in the order discovery
// serves them (the core group first, then apps, autoscaling, batch; resources by name within a
// group), each kind a table of its own. ReplicationControllers belong too but Dockyard has none.
// [API server discovery `categories: ["all"]`; kubectl's category expansion]
import type { GroupKind } from './object.ts';

export const GET_ALL_KINDS: readonly GroupKind[] = [
  { group: '', kind: 'Pod' },
  { group: '', kind: 'Service' },
  { group: 'apps', kind: 'DaemonSet' },
  { group: 'apps', kind: 'Deployment' },
  { group: 'apps', kind: 'ReplicaSet' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' },
  { group: 'batch', kind: 'CronJob' },
  { group: 'batch', kind: 'Job' },
];
