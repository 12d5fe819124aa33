// A minimal OpenAPI v3: enough for kubectl to see that the server validates fields itself.
// Before `kubectl apply` / `create -f` / `replace` send anything, kubectl's validation asks
// /openapi/v3 whether each kind's PATCH operation takes the `fieldValidation` parameter; if it
// does, kubectl sends `fieldValidation=Strict` and leaves the checking to the server (the API
// store's schema checks, with the API server's errors), and otherwise it wants the whole schema
// to validate client-side. So each group version's document lists the item paths of its
// resources with that parameter, and no schemas: `kubectl explain` (which needs them) is not
// served. /openapi/v2 stays a 404, which kubectl tolerates once v3 answers.
// [cli-runtime pkg/resource/query_param_verifier_v3.go; client-go openapi/client.go]

import { createHash } from 'node:crypto';
import type { ResourceRegistry } from '@dockyard/scheduler';

const QUERY_PARAMETERS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'];

/** `api/v1`, `apis/apps/v1`: the key of a group version in the root document. */
function key(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

function groupVersions(registry: ResourceRegistry): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const type of registry.list()) for (const version of type.servedVersions) seen.set(key(type.group, version), { group: type.group, version });
  return [...seen.values()];
}

/** `GET /openapi/v3`: each group version and where its document is. */
export function openApiRoot(registry: ResourceRegistry): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const { group, version } of groupVersions(registry)) {
    const path = key(group, version);
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hashOf(groupVersionDocument(registry, group, version))}` };
  }
  return { paths };
}

/** `GET /openapi/v3/<api/v1 | apis/group/version>`, or undefined for one that is not served. */
export function openApiDocument(registry: ResourceRegistry, path: string): unknown {
  const found = groupVersions(registry).find((gv) => key(gv.group, gv.version) === path);
  return found === undefined ? undefined : groupVersionDocument(registry, found.group, found.version);
}

function groupVersionDocument(registry: ResourceRegistry, group: string, version: string): unknown {
  const paths: Record<string, unknown> = {};
  for (const type of registry.list()) {
    if (type.group !== group || !type.servedVersions.includes(version)) continue;
    const base = `/${key(group, version)}${type.namespaced ? '/namespaces/{namespace}' : ''}/${type.resource}/{name}`;
    paths[base] = {
      patch: {
        operationId: `patch${type.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group, version, kind: type.kind },
        parameters: QUERY_PARAMETERS.map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true } })),
        responses: {},
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.33.1' }, paths, components: { schemas: {} } };
}

function hashOf(document: unknown): string {
  return createHash('sha512').update(JSON.stringify(document)).digest('hex').slice(0, 128).toUpperCase();
}
