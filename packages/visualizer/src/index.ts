// @dockyard/visualizer: the browser page. What a later view or test builds on is listed here.
export { PageController } from './app/page-controller.ts';
export { ClockDriver, MAX_SPEED, MIN_SPEED, SPEEDS } from './time/clock-driver.ts';
export { DEFAULT_CHECKPOINT_EVERY_MS, emptyScenario, TimeMachine } from './time/time-machine.ts';
export { eventRow, EventRows, lastSeen, matchesFilter } from './events/event-columns.ts';
export { formatUrlState, parseTime, parseUrlState } from './url/url-state.ts';
export { CLUSTER_VIEWS } from './views/registry.ts';
export { RECENT_REQUESTS, recentRequests } from './cluster/request-path.ts';
export { DOCKER_HOST, imageLayers, worldImages } from './cluster/image-layers.ts';

export type { PageEnvironment } from './app/page-controller.ts';
export type { Clocked, FrameSource } from './time/clock-driver.ts';
export type { FeedEntry, TimeMachineOptions, UserInput } from './time/time-machine.ts';
export type { EventFilter, EventRow } from './events/event-columns.ts';
export type { UrlState } from './url/url-state.ts';
export type { ClusterView, ViewProps } from './views/cluster-view.ts';
export type { HopKind, PathHop, RequestPath } from './cluster/request-path.ts';
export type { BuildStep, ImageEntry, ImageLayers, LastBuild, LayerRow } from './cluster/image-layers.ts';
