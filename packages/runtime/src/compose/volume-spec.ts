// Service volumes in compose files. The short syntax `[SOURCE:]TARGET[:MODE]` becomes compose's
// long syntax: a bind mount when SOURCE is a path (starts with `.`, `/` or `~`), a named volume
// otherwise, an anonymous volume when there is no SOURCE. Short-syntax binds create a missing host
// path, as `docker run -v` always did. From compose-go's format/volume.go.

export interface VolumeMountConfig {
  type: string;
  source?: string;
  target?: string;
  read_only?: boolean;
  consistency?: string;
  bind?: { propagation?: string; create_host_path?: boolean; selinux?: string };
  volume?: { nocopy?: boolean; subpath?: string };
  tmpfs?: { size?: number | string; mode?: number };
  [extra: string]: unknown;
}

export class VolumeSpecError extends Error {}

const PROPAGATIONS = ['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'];

export function isFilePath(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
}

export function parseVolumeSpec(spec: string): VolumeMountConfig {
  const parts = spec.split(':');
  if (parts.length > 3) throw new VolumeSpecError(`invalid spec: ${spec}: too many colons`);
  if (parts.some((part) => part === '')) throw new VolumeSpecError(`invalid spec: ${spec}: empty section between colons`);
  if (parts.length === 1) return { type: 'volume', target: parts[0]!, volume: {} };
  const [source, target, mode] = parts as [string, string, string | undefined];
  const mount: VolumeMountConfig = isFilePath(source)
    ? { type: 'bind', source, target, bind: { create_host_path: true } }
    : { type: 'volume', source, target, volume: {} };
  for (const option of mode?.split(',') ?? []) {
    if (option === 'ro') mount.read_only = true;
    else if (option === 'rw') continue;
    else if (option === 'nocopy' && mount.volume) mount.volume.nocopy = true;
    else if ((option === 'z' || option === 'Z') && mount.bind) mount.bind.selinux = option;
    else if (PROPAGATIONS.includes(option) && mount.bind) mount.bind.propagation = option;
    else if (['cached', 'delegated', 'consistent'].includes(option)) mount.consistency = option;
  }
  return mount;
}
