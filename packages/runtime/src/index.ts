// @dockyard/runtime: one host and the kernel under everything. This list is the package's public
// surface; add to it deliberately.

export { contentSize, FileSystem, FsError, materialize } from './fs/file-system.ts';
export { FileTree, fromBase64, toBase64 } from './fs/file-tree.ts';
export { OPAQUE_MARKER, OverlayFs, WHITEOUT_PREFIX } from './fs/overlay-fs.ts';
export { basename, dirname, joinPath, pathParts, resolvePath } from './fs/path.ts';
export { VirtualClock } from './sim/clock.ts';
export {
  DurationError,
  formatDuration,
  formatGoDuration,
  humanDuration,
  parseDuration,
  shortHumanDuration,
} from './sim/duration.ts';
export { Engine } from './sim/engine.ts';
export { EventLog } from './sim/event-log.ts';
export { SeededRandom } from './sim/random.ts';
export { parseSnapshot, SNAPSHOT_VERSION, SnapshotError, validateSnapshot } from './sim/snapshot.ts';
export { TaskQueue } from './sim/task-queue.ts';
export { fromRFC3339, toRFC3339, toRFC3339Nano, VIRTUAL_EPOCH_MS } from './sim/wall-time.ts';

// Compose: files → a typed project model (no engine needed); see README "compose/".
export {
  COMPOSE_LABELS,
  COMPOSE_VERSION,
  composeContainerLabels,
  composeContainerName,
  composeNetworkLabels,
  composeVolumeLabels,
} from './compose/compose-labels.ts';
export { composeConfigOutput } from './compose/config-output.ts';
export { ComposeError } from './compose/errors.ts';
export { InMemoryFileSource } from './compose/file-source.ts';
export { findMissingHostPaths } from './compose/host-paths.ts';
export {
  COMPOSE_FILE_NAMES,
  COMPOSE_OVERRIDE_FILE_NAMES,
  ComposeLoadError,
  loadComposeProject,
  normalizeProjectName,
} from './compose/project-loader.ts';
export { HEALTHCHECK_DEFAULTS } from './compose/service-model.ts';
export { composeStartOrder, composeStopOrder, planComposeUp } from './compose/up-plan.ts';

export type {
  Entry,
  FileContent,
  FileKind,
  FileMeta,
  FileStat,
  FsErrorCode,
  MkdirOptions,
  RemoveOptions,
  SyntheticContent,
  WriteOptions,
} from './fs/file-system.ts';
export type { SavedEntry, SavedTree } from './fs/file-tree.ts';
export type { Image, ImageConfig, ImageHistoryEntry, ImageLayer, ImageResolver } from './image/image.ts';
export type { EngineComponent, EngineOptions, TaskKind } from './sim/engine.ts';
export type { EngineEvents, LogRecord } from './sim/event-log.ts';
export type { EngineSnapshot } from './sim/snapshot.ts';
export type { SavedQueue, SavedTask, Task, TaskId } from './sim/task-queue.ts';
export type { ComposeFileSource } from './compose/file-source.ts';
export type { MissingHostPath } from './compose/host-paths.ts';
export type {
  ComposeBuild,
  ComposeDependency,
  ComposeFileMount,
  ComposeFileObject,
  ComposeHealthcheck,
  ComposeNetwork,
  ComposePort,
  ComposeProject,
  ComposeResources,
  ComposeRestartPolicy,
  ComposeService,
  ComposeServiceNetwork,
  ComposeServiceVolume,
  ComposeVolume,
  DependencyCondition,
} from './compose/model.ts';
export type { ComposeLoadOptions, LoadedComposeProject } from './compose/project-loader.ts';
export type {
  ComposeContainerPlan,
  ComposeResourcePlan,
  ComposeSelection,
  ComposeServicePlan,
  ComposeUpPlan,
} from './compose/up-plan.ts';
