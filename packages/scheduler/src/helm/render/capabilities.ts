// .Capabilities: the Kubernetes version and API group/versions a chart renders against, and
// helm's own version. Without a cluster helm uses a built-in list of group/versions (client-go's
// scheme plus apiextensions.k8s.io); `--kube-version` and `--api-versions` change them.

import { parseSemVer, SemVerError, semverString } from '../functions/semver.ts';
import { fn } from '../functions/convert.ts';
import { GoStruct, type GoValue, sliceOf } from '../template/value.ts';

export interface KubeVersion {
  /** "v1.33.0" */
  version: string;
  major: string;
  minor: string;
}

export interface Capabilities {
  kubeVersion: KubeVersion;
  apiVersions: readonly string[];
  helmVersion: { version: string; gitCommit: string; gitTreeState: string; goVersion: string };
}

/** The Kubernetes version Dockyard simulates, which `helm template` assumes by default. */
export const SIMULATED_KUBE_VERSION = 'v1.33.0';

/** The helm this engine reproduces (helm main at the golden files' commit says v4.2). */
export const HELM_VERSION = { version: 'v4.2', gitCommit: 'e9b85e4de16ad45805843fb121748018cf89094b', gitTreeState: 'clean', goVersion: 'go1.25' };

/** The group/versions of client-go's scheme for Kubernetes 1.33, then apiextensions.k8s.io. */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1',
  'apps/v1',
  'apps/v1beta2',
  'apps/v1beta1',
  'events.k8s.io/v1',
  'events.k8s.io/v1beta1',
  'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1',
  'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1',
  'authorization.k8s.io/v1beta1',
  'autoscaling/v2',
  'autoscaling/v1',
  'autoscaling/v2beta2',
  'autoscaling/v2beta1',
  'batch/v1',
  'batch/v1beta1',
  'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1',
  'certificates.k8s.io/v1alpha1',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1alpha1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1beta1',
  'storage.k8s.io/v1alpha1',
  'coordination.k8s.io/v1',
  'coordination.k8s.io/v1beta1',
  'coordination.k8s.io/v1alpha2',
  'node.k8s.io/v1',
  'node.k8s.io/v1beta1',
  'node.k8s.io/v1alpha1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'scheduling.k8s.io/v1',
  'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1alpha1',
  'resource.k8s.io/v1beta2',
  'resource.k8s.io/v1beta1',
  'resource.k8s.io/v1alpha3',
  'storagemigration.k8s.io/v1alpha1',
  'apiextensions.k8s.io/v1',
  'apiextensions.k8s.io/v1beta1',
];

export class KubeVersionError extends Error {
  override name = 'KubeVersionError';
}

/** chartutil.ParseKubeVersion: "1.20" → { version: "v1.20.0", major: "1", minor: "20" }. */
export function parseKubeVersion(text: string): KubeVersion {
  try {
    const v = parseSemVer(text.startsWith('v') ? text : 'v' + text);
    return { version: 'v' + semverString(v), major: String(v.major), minor: String(v.minor) };
  } catch (err) {
    if (err instanceof SemVerError) throw new KubeVersionError(err.message);
    throw err;
  }
}

/** The capabilities of `helm template`: a kube version, helm's API list plus `extraApiVersions`. */
export function defaultCapabilities(kubeVersion = SIMULATED_KUBE_VERSION, extraApiVersions: readonly string[] = []): Capabilities {
  return {
    kubeVersion: parseKubeVersion(kubeVersion),
    apiVersions: [...DEFAULT_API_VERSIONS, ...extraApiVersions],
    helmVersion: HELM_VERSION,
  };
}

/** *common.Capabilities as templates see it. */
export function capabilitiesValue(caps: Capabilities): GoStruct {
  const kv = caps.kubeVersion;
  const kubeVersion = new GoStruct(
    'common.KubeVersion',
    new Map<string, GoValue>([
      ['Version', kv.version],
      ['Major', kv.major],
      ['Minor', kv.minor],
    ]),
    { String: fn([], () => kv.version), GitVersion: fn([], () => kv.version) },
    () => kv.version,
    () => new Map([['version', kv.version], ['major', kv.major], ['minor', kv.minor]]),
  );
  const apiVersions = sliceOf([...caps.apiVersions], 'string', 'common.VersionSet', {
    Has: fn(['string'], (v) => caps.apiVersions.includes(v as string)),
  });
  const hv = caps.helmVersion;
  const helmVersion = new GoStruct(
    'version.BuildInfo',
    new Map<string, GoValue>([
      ['Version', hv.version],
      ['GitCommit', hv.gitCommit],
      ['GitTreeState', hv.gitTreeState],
      ['GoVersion', hv.goVersion],
    ]),
    {},
    undefined,
    () => new Map([['version', hv.version], ['git_commit', hv.gitCommit], ['git_tree_state', hv.gitTreeState], ['go_version', hv.goVersion]]),
  );
  return new GoStruct(
    '*common.Capabilities',
    new Map<string, GoValue>([
      ['KubeVersion', kubeVersion],
      ['APIVersions', apiVersions],
      ['HelmVersion', helmVersion],
    ]),
  );
}
