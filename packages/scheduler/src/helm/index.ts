// @dockyard/scheduler/helm: helm's charts, values, the Go template engine and rendering, and
// releases on the simulated cluster (install, upgrade, rollback, uninstall, history, hooks). Its own
// entry point, so a browser loads it only when helm is used. This list is the public surface; add
// to it deliberately.

export { archiveChartFiles, loadChart, loadChartArchive, loadChartDir, loadChartFiles, ChartLoadError } from './chart/chart-loader.ts';
export { chartFullPath, crdObjects } from './chart/chart.ts';
export { packageChart } from './chart/chart-package.ts';
export { ChartNameError, createChartFiles } from './chart/chart-scaffold.ts';
export { fileMapSource, filesUnder, goPathMatch, isDirectory } from './chart/file-source.ts';
export { isCompatibleRange } from './chart/dependencies.ts';
export { mergeValueOptions, ValueOptionsError } from './chart/values-options.ts';
export { coalesceValues } from './chart/values.ts';
export {
  capabilitiesValue,
  defaultCapabilities,
  DEFAULT_API_VERSIONS,
  HELM_VERSION,
  KubeVersionError,
  parseKubeVersion,
  SIMULATED_KUBE_VERSION,
} from './render/capabilities.ts';
export { lintChart, lintMessageText } from './render/chart-lint.ts';
export { INSTALL_ORDER, sortManifests, splitManifests, UNINSTALL_ORDER } from './render/manifest-sorter.ts';
export { releaseNameError, RenderError, renderRelease } from './render/release-renderer.ts';
export { sprigFunctionMap, helmFunctionMap } from './functions/function-map.ts';
export { TemplateSet } from './template/template.ts';
export { TemplateError, TemplateExecError, TemplateLookupError, TemplateParseError, FuncError } from './template/errors.ts';
export { GoInt, GoStruct } from './template/value.ts';
export { parseSemVer, SemVerError } from './functions/semver.ts';
export { marshalGoYaml } from './yaml/marshal-go-yaml.ts';
export { parseGoYaml, YamlError } from './yaml/go-yaml-parse.ts';
export { fromUnstructured, marshalJson } from './yaml/go-json.ts';

// release/: releases on the cluster's API store.
export { ActionConfig } from './release/action-config.ts';
export { install, ReleaseActionError } from './release/install.ts';
export { upgrade } from './release/upgrade.ts';
export { rollback } from './release/rollback.ts';
export { uninstall, UninstallError } from './release/uninstall.ts';
export { list, ListError } from './release/list.ts';
export { history } from './release/history.ts';
export { releaseContent, releaseResources } from './release/status.ts';
export { getValues } from './release/get-values.ts';
export { runTests } from './release/release-testing.ts';
export { chartLabel, releaseKey, RELEASE_STATUSES } from './release/release.ts';
export { decodeRelease, encodeRelease, ReleaseDecodeError, releaseJson } from './release/release-codec.ts';
export { NoDeployedReleasesError, RELEASE_SECRET_TYPE, ReleaseNotFoundError, StorageError } from './release/secrets-driver.ts';
export { DEFAULT_MAX_HISTORY } from './release/release-storage.ts';
export { DEFAULT_TIMEOUT_MS, WaitCancelledError, WaitError } from './release/waiter.ts';
export { formatANSIC, formatGoTimeString, formatRFC3339Nano } from './release/go-time.ts';

export type { Chart, ChartDependency, ChartFile, ChartMetadata } from './chart/chart.ts';
export type { FileSource } from './chart/file-source.ts';
export type { ValueOptions } from './chart/values-options.ts';
export type { Capabilities, KubeVersion } from './render/capabilities.ts';
export type { ReleaseOptions } from './render/built-in-objects.ts';
export type { Hook, HookEvent, Manifest, ManifestHead } from './render/manifest-sorter.ts';
export type { LintMessage, LintOptions, LintSeverity } from './render/chart-lint.ts';
export type { RenderedRelease, RenderOptions } from './render/release-renderer.ts';
export type { FunctionEnvironment } from './functions/function-map.ts';
export type { RandomSource } from './functions/random.ts';
export type { LookupFunction } from './functions/helm-functions.ts';
export type { GoMap, GoValue } from './template/value.ts';
export type { ActionConfigOptions } from './release/action-config.ts';
export type { DryRunStrategy, InstallOptions } from './release/install.ts';
export type { UpgradeOptions } from './release/upgrade.ts';
export type { RollbackOptions } from './release/rollback.ts';
export type { UninstallOptions, UninstallResult } from './release/uninstall.ts';
export type { ListOptions } from './release/list.ts';
export type { ResourceGroup } from './release/status.ts';
export type { TestOptions, TestResult } from './release/release-testing.ts';
export type { HookExecution, HookPhase, Release, ReleaseHook, ReleaseInfo, ReleaseStatus } from './release/release.ts';
export type { WaitStrategy } from './release/waiter.ts';
