// The cluster area's views, in tab order: the first is shown when the link names none. A new view
// (the cluster map, rollouts, "why" panels) is a ClusterView added to this list.

import type { ClusterView } from './cluster-view.ts';
import { filesView } from './files-view.tsx';
import { scenarioView } from './scenario-view.tsx';
import { worldView } from './world-view.tsx';

export const CLUSTER_VIEWS: readonly ClusterView[] = [worldView, scenarioView, filesView];
