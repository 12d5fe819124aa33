// compose's InDependencyOrder and InReverseDependencyOrder (pkg/compose/dependencies.go): each
// service's work starts once the work of every service it depends on (or, in reverse, every
// service depending on it) is done, and independent services go side by side.

import type { VirtualTasks } from './virtual-tasks.ts';

/** What the order needs of a service (a ComposeService, or just a name for a project known only by its containers). */
export interface DependencyNode {
  name: string;
  dependsOn: readonly { service: string }[];
}

export async function inDependencyOrder<S extends DependencyNode>(
  tasks: VirtualTasks,
  services: readonly S[],
  work: (service: S) => Promise<void>,
  options: { reverse?: boolean } = {},
): Promise<void> {
  const names = new Set(services.map((s) => s.name));
  const done = new Set<string>();
  const waitsFor = (service: S): string[] =>
    options.reverse
      ? services.filter((other) => other.dependsOn.some((d) => d.service === service.name)).map((other) => other.name)
      : service.dependsOn.map((d) => d.service).filter((name) => names.has(name));
  const ordered = options.reverse ? [...services].reverse() : services;
  for (const service of ordered) {
    tasks.go(async () => {
      await tasks.until(() => waitsFor(service).every((name) => done.has(name)));
      await work(service);
      done.add(service.name);
    });
  }
  await tasks.wait();
}

/** Runs jobs side by side inside a job (compose's errgroups), returning once all are done. */
export async function all(tasks: VirtualTasks, jobs: (() => Promise<void>)[]): Promise<void> {
  let remaining = jobs.length;
  for (const job of jobs) {
    tasks.go(async () => {
      try {
        await job();
      } finally {
        remaining--;
      }
    });
  }
  await tasks.until(() => remaining === 0);
}
