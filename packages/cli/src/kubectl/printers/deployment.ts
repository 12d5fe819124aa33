// `kubectl get deployments`: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES
// SELECTOR. READY is ready/desired (ready, not available). [k/k printers.go `printDeployment`]
import type { Deployment } from 'kubernetes-types/apps/v1';
import { formatAge } from './age.ts';
import { selectorString } from './labels.ts';
import { AGE_COLUMN, containerCells, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

export const deploymentTablePrinter = defineTablePrinter<Deployment>({
  group: 'apps',
  kind: 'Deployment',
  namespaced: true,
  columns: [
    NAME_COLUMN,
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    AGE_COLUMN,
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  cells(deployment, now) {
    const status = deployment.status ?? {};
    const [names, images] = containerCells(deployment.spec?.template?.spec?.containers);
    return [
      deployment.metadata?.name,
      // spec.replicas is defaulted to 1 by the API server.
      `${status.readyReplicas ?? 0}/${deployment.spec?.replicas ?? 1}`,
      status.updatedReplicas ?? 0,
      status.availableReplicas ?? 0,
      formatAge(deployment.metadata?.creationTimestamp, now),
      names,
      images,
      selectorString(deployment.spec?.selector),
    ];
  },
});
