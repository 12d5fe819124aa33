// The services a subcommand works on: those named (with what they depend on, unless --no-deps),
// else all the active ones, in compose's start order; and the project's orphan containers.

import { COMPOSE_LABELS, type ComposeProject, type ComposeService, composeStartOrder, type DockerContainer } from '@dockyard/runtime';
import { CommandError } from '../../../session.ts';
import type { ComposeContext } from './compose-context.ts';

export function selectServices(project: ComposeProject, named: string[], options: { withDependencies?: boolean } = {}): ComposeService[] {
  for (const name of named) if (project.services[name] === undefined) throw new CommandError(`no such service: ${name}`, 1);
  const order = composeStartOrder(project, named.length > 0 && options.withDependencies !== false ? named : []);
  const picked = named.length > 0 && options.withDependencies === false ? order.filter((name) => named.includes(name)) : order;
  return picked.map((name) => project.services[name]!);
}

/** Containers of the project whose service is no longer in its files (compose's orphans). */
export function orphanContainers(ctx: ComposeContext, project: ComposeProject): DockerContainer[] {
  const known = new Set([...Object.keys(project.services), ...Object.keys(project.disabledServices)]);
  return ctx.containers(project.name).filter((c) => !known.has(c.config.Labels[COMPOSE_LABELS.service] ?? ''));
}

/** `--scale web=3` options, checked as compose checks them. */
export function parseScale(project: ComposeProject, values: string[]): Record<string, number> {
  const scale: Record<string, number> = {};
  for (const value of values) {
    const parts = value.split('=');
    if (parts.length !== 2) throw new CommandError(`invalid --scale option ${JSON.stringify(value)}. Should be SERVICE=NUM`, 1);
    const [name, count] = parts as [string, string];
    if (!/^-?\d+$/.test(count)) throw new CommandError(`strconv.Atoi: parsing ${JSON.stringify(count)}: invalid syntax`, 1);
    if (project.services[name] === undefined) throw new CommandError(`no such service: ${name}`, 1);
    scale[name] = Number(count);
  }
  return scale;
}
