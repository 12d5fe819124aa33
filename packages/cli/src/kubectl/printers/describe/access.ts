// `kubectl describe serviceaccount` and `describe rolebinding` / `clusterrolebinding`.
// [kubectl pkg/describe/describe.go `describeServiceAccount`, RoleBindingDescriber,
// ClusterRoleBindingDescriber]
import type { ClusterRoleBinding, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { Event, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { describeEvents } from './events.ts';
import { LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

/** `secrets`: the Secrets of its namespace (token secrets are listed; missing ones marked). */
export function describeServiceAccount(sa: ServiceAccount, secrets: readonly Secret[], events: readonly Event[] | undefined, now: number): string {
  const existing = new Set(secrets.map((s) => s.metadata?.name));
  const tokens = secrets.filter(
    (s) =>
      s.type === 'kubernetes.io/service-account-token' &&
      s.metadata?.annotations?.['kubernetes.io/service-account.name'] === sa.metadata?.name &&
      s.metadata?.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata?.uid,
  );
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sa.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${sa.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata?.annotations);
    // The three headers sort as strings, so image pull secrets come first.
    const sections: [string, string[]][] = [
      ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
      ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
      ['Tokens:            ', tokens.map((s) => s.metadata?.name ?? '')],
    ];
    for (const [header, names] of sections) {
      if (names.length === 0) {
        w.write(LEVEL_0, `${header}\t<none>\n`);
        continue;
      }
      names.forEach((name, i) => {
        const prefix = i === 0 ? header : '                   ';
        w.write(LEVEL_0, `${prefix}\t${name}${existing.has(name) ? '' : ' (not found)'}\n`);
      });
    }
    if (events !== undefined) describeEvents(events, w, now);
  });
}

export function describeRoleBinding(binding: RoleBinding | ClusterRoleBinding): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${binding.metadata?.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', binding.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', binding.metadata?.annotations);
    w.write(LEVEL_0, 'Role:\n');
    w.write(LEVEL_1, `Kind:\t${binding.roleRef?.kind ?? ''}\n`);
    w.write(LEVEL_1, `Name:\t${binding.roleRef?.name ?? ''}\n`);
    w.write(LEVEL_0, 'Subjects:\n');
    w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
    w.write(LEVEL_1, '----\t----\t---------\n');
    for (const s of binding.subjects ?? []) w.write(LEVEL_1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
  });
}
