// `-o name`: `pod/web`, `deployment.apps/web`, one per line. [cli-runtime printers/name.go]
import type { KubeObject } from './object.ts';
import { groupKindOf, kindPrefix } from './object.ts';

export function printNames(objects: readonly KubeObject[]): string {
  return objects.map((o) => `${kindPrefix(groupKindOf(o))}/${o.metadata?.name ?? ''}\n`).join('');
}
