// The cluster area's views, in tab order: the first is shown when the link names none. A new view
// is a ClusterView added to this list.

import { clusterMapView } from './cluster-map-view.tsx';
import type { ClusterView } from './cluster-view.ts';
import { filesView } from './files-view.tsx';
import { imagesView } from './images-view.tsx';
import { requestsView } from './requests-view.tsx';
import { rolloutsView } from './rollouts-view.tsx';
import { scenarioView } from './scenario-view.tsx';
import { worldView } from './world-view.tsx';

export const CLUSTER_VIEWS: readonly ClusterView[] = [clusterMapView, rolloutsView, scenarioView, worldView, filesView, requestsView, imagesView];
