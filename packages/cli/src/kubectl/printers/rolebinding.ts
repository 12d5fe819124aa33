// `kubectl get rolebindings` / `clusterrolebindings`: NAME ROLE AGE, wide USERS GROUPS
// SERVICEACCOUNTS. [k/k printers.go `printRoleBinding`; rbac `SubjectsStrings`]
import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import { formatAge } from './age.ts';
import type { KindTablePrinter } from './table.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

function subjectsOfKind(subjects: readonly Subject[] | undefined, kind: string): string {
  return (subjects ?? [])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
    .join(', ');
}

function bindingPrinter(kind: 'RoleBinding' | 'ClusterRoleBinding', namespaced: boolean): KindTablePrinter {
  return defineTablePrinter<RoleBinding | ClusterRoleBinding>({
    group: 'rbac.authorization.k8s.io',
    kind,
    namespaced,
    columns: [
      NAME_COLUMN,
      { name: 'Role' },
      AGE_COLUMN,
      { name: 'Users', priority: 1 },
      { name: 'Groups', priority: 1 },
      { name: 'ServiceAccounts', priority: 1 },
    ],
    cells: (binding, now) => [
      binding.metadata?.name,
      `${binding.roleRef?.kind ?? ''}/${binding.roleRef?.name ?? ''}`,
      formatAge(binding.metadata?.creationTimestamp, now),
      subjectsOfKind(binding.subjects, 'User'),
      subjectsOfKind(binding.subjects, 'Group'),
      subjectsOfKind(binding.subjects, 'ServiceAccount'),
    ],
  });
}

export const roleBindingTablePrinter = bindingPrinter('RoleBinding', true);
export const clusterRoleBindingTablePrinter = bindingPrinter('ClusterRoleBinding', false);
