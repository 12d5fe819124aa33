// @dockyard/scheduler/helm: helm without a cluster (charts, values, the Go template engine,
// rendering). Its own entry point, so a browser loads it only when helm is used. This list is the
// public surface; add to it deliberately.

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
export { INSTALL_ORDER, sortManifests, splitManifests } from './render/manifest-sorter.ts';
export { releaseNameError, RenderError, renderRelease } from './render/release-renderer.ts';
export { sprigFunctionMap, helmFunctionMap } from './functions/function-map.ts';
export { TemplateSet } from './template/template.ts';
export { TemplateError, TemplateExecError, TemplateLookupError, TemplateParseError, FuncError } from './template/errors.ts';
export { GoInt, GoStruct } from './template/value.ts';
export { parseSemVer, SemVerError } from './functions/semver.ts';
export { marshalGoYaml } from './yaml/go-yaml-emitter.ts';
export { parseGoYaml, YamlError } from './yaml/go-yaml-parse.ts';

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
