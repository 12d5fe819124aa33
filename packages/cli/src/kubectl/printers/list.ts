// How kubectl wraps several objects for -o yaml|json|jsonpath: a `v1` `List` with the items and
// an empty resourceVersion. A get of one named object prints the object itself; a get of a
// type (even with one result) prints the List. [kubectl pkg/cmd/get/get.go (`list` built for
// non-table output), cli-runtime printers; checked against the stock kubectl client]
import type { KubeObject } from './object.ts';

export interface KubeList {
  apiVersion: 'v1';
  kind: 'List';
  items: KubeObject[];
  metadata: { resourceVersion: string };
}

export function asList(items: readonly KubeObject[]): KubeList {
  return { apiVersion: 'v1', items: [...items], kind: 'List', metadata: { resourceVersion: '' } };
}
