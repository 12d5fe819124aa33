// Kinds without a printer of their own. Built-in kinds that k/k printers.go does not handle
// (Role, ClusterRole, CustomResourceDefinition, ...) get the API server's default table: NAME
// and CREATED AT (the creation time in RFC 3339). Custom resources without
// additionalPrinterColumns get NAME and AGE. [apiserver registry/rest `defaultTableConvertor`;
// apiextensions-apiserver tableconvertor `New`]
import type { GroupKind, KubeObject } from './object.ts';
import { formatAge } from './age.ts';
import type { KindTablePrinter } from './table.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

/** Groups served by the API server itself (so their kinds use the server's default table). */
export function isBuiltInGroup(group: string): boolean {
  return (
    group === '' ||
    group.endsWith('.k8s.io') ||
    ['apps', 'batch', 'autoscaling', 'policy', 'extensions'].includes(group)
  );
}

/** NAME CREATED AT, for a built-in kind with no printer. */
export function createdAtTablePrinter(groupKind: GroupKind, namespaced: boolean): KindTablePrinter {
  return defineTablePrinter<KubeObject>({
    ...groupKind,
    namespaced,
    columns: [NAME_COLUMN, { name: 'Created At' }],
    cells: (object) => [object.metadata?.name, object.metadata?.creationTimestamp ?? ''],
  });
}

/** NAME AGE, for a custom resource. */
export function customResourceTablePrinter(groupKind: GroupKind, namespaced: boolean): KindTablePrinter {
  return defineTablePrinter<KubeObject>({
    ...groupKind,
    namespaced,
    columns: [NAME_COLUMN, AGE_COLUMN],
    cells: (object, now) => [object.metadata?.name, formatAge(object.metadata?.creationTimestamp, now)],
  });
}
