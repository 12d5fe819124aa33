// Profiles: a service that lists profiles runs only when one of them is enabled (`--profile`,
// COMPOSE_PROFILES, or `*` for all). Naming a service on the command line enables its profiles,
// as compose does; its dependencies are not enabled with it.

import { ComposeError } from './errors.ts';
import type { ComposeDict } from './yaml-file.ts';

export function serviceProfiles(service: unknown): string[] {
  const profiles = (service as ComposeDict | null)?.profiles;
  return Array.isArray(profiles) ? profiles.map(String) : [];
}

export interface ProfileSelection {
  /** Profiles in effect: the requested ones plus those of services named on the command line. */
  profiles: string[];
  active: string[];
  disabled: string[];
}

export function selectByProfiles(services: ComposeDict, requested: string[], named: string[]): ProfileSelection {
  for (const name of named) {
    if (!(name in services)) throw new ComposeError(`no such service: ${name}`);
  }
  const profiles = [...new Set([...requested, ...named.flatMap((name) => serviceProfiles(services[name]))])];
  const active: string[] = [];
  const disabled: string[] = [];
  for (const name of Object.keys(services).sort()) {
    const own = serviceProfiles(services[name]);
    const on = own.length === 0 || profiles.includes('*') || own.some((profile) => profiles.includes(profile));
    (on ? active : disabled).push(name);
  }
  return { profiles, active, disabled };
}
