// `kubectl get ingressclass`: NAME CONTROLLER PARAMETERS AGE. [k/k printers.go `printIngressClass`]
import type { IngressClass } from 'kubernetes-types/networking/v1';
import { formatAge } from './age.ts';
import { AGE_COLUMN, defineTablePrinter, NAME_COLUMN } from './table-printer.ts';

export const ingressClassTablePrinter = defineTablePrinter<IngressClass>({
  group: 'networking.k8s.io',
  kind: 'IngressClass',
  namespaced: false,
  columns: [NAME_COLUMN, { name: 'Controller' }, { name: 'Parameters' }, AGE_COLUMN],
  cells(ic, now) {
    const parameters = ic.spec?.parameters;
    let text = '<none>';
    if (parameters !== undefined) {
      text = parameters.kind + (parameters.apiGroup !== undefined ? `.${parameters.apiGroup}` : '') + `/${parameters.name}`;
    }
    return [ic.metadata?.name, ic.spec?.controller ?? '', text, formatAge(ic.metadata?.creationTimestamp, now)];
  },
});
