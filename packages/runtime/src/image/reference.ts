// Image references as docker parses them (distribution/reference): `nginx` is
// `docker.io/library/nginx:latest`; a first component with a dot or a colon, or `localhost`, is a
// registry host; `@sha256:…` pins a digest.

export const DOCKER_HUB = 'docker.io';

export interface ImageReference {
  /** Registry host: `docker.io`, `registry.example.com`, `localhost:5000`. */
  readonly domain: string;
  /** Repository path inside the registry: `library/nginx`, `my-app`. */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

export class ReferenceError extends Error {
  override name = 'ReferenceError';
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const DOMAIN = /^(?:localhost|[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+|\[[0-9a-fA-F:]+\]|[a-zA-Z0-9-]+)(?::\d+)?$/;

/** Parses a reference; `defaultTag` (latest) is added when neither tag nor digest is given. */
export function parseReference(text: string, options: { defaultTag?: boolean } = {}): ImageReference {
  const defaultTag = options.defaultTag ?? true;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new ReferenceError('invalid reference format');
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new ReferenceError('invalid reference format');
  }
  if (rest === '') throw new ReferenceError('invalid reference format');
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  let domain = DOCKER_HUB;
  let path = rest;
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!DOMAIN.test(first)) throw new ReferenceError('invalid reference format');
    domain = first;
    path = rest.slice(slash + 1);
  }
  if (domain === 'index.docker.io') domain = DOCKER_HUB;
  if (domain === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  for (const component of path.split('/')) {
    if (!COMPONENT.test(component)) {
      if (COMPONENT.test(component.toLowerCase())) throw new ReferenceError(`invalid reference format: repository name (${path}) must be lowercase`);
      throw new ReferenceError('invalid reference format');
    }
  }
  if (tag === undefined && digest === undefined && defaultTag) tag = 'latest';
  return { domain, path, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** `docker.io/library/nginx` */
export function repositoryName(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The short name docker prints: `nginx`, `user/app`, `registry.example.com/my-app`. */
export function familiarRepository(ref: ImageReference): string {
  if (ref.domain !== DOCKER_HUB) return `${ref.domain}/${ref.path}`;
  return ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path;
}

/** `nginx:1.25`, `registry.example.com/my-app:1.0`, `nginx@sha256:…` */
export function familiarString(ref: ImageReference): string {
  return familiarRepository(ref) + (ref.tag !== undefined ? `:${ref.tag}` : '') + (ref.digest !== undefined ? `@${ref.digest}` : '');
}

/** `docker.io/library/nginx:1.25`, as BuildKit and `docker pull` print it. */
export function fullString(ref: ImageReference): string {
  return repositoryName(ref) + (ref.tag !== undefined ? `:${ref.tag}` : '') + (ref.digest !== undefined ? `@${ref.digest}` : '');
}
