// Bad Dockerfiles fail the way BuildKit fails: the message, and the line docker's excerpt points at.
import { describe, expect, it } from 'vitest';
import { buildImage, memoryContext, newWorld } from './support/images.ts';

function failure(dockerfile: string, files: Record<string, string> = {}) {
  const world = newWorld();
  const built = buildImage(world, dockerfile, memoryContext(files), { tags: ['broken:1'] });
  expect(world.host.store.resolve('broken:1')).toBeUndefined();
  return built.outcome.error!;
}

describe('Dockerfile errors', () => {
  it.each([
    ['FROM alpine:3.19\nRUN echo ok\nRUNN echo typo\n', 3, 'dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)'],
    ['RUN echo before from\nFROM alpine:3.19\n', 1, 'dockerfile parse error on line 1: no build stage in current context'],
    ['FROM alpine:3.19\nCOPY onlyone\n', 2, 'dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined.'],
    ['FROM alpine:3.19 AS a b\n', 1, 'dockerfile parse error on line 1: FROM requires either one or three arguments'],
    ['FROM alpine:3.19\nENV ONLYNAME\n', 2, 'dockerfile parse error on line 2: ENV must have two arguments'],
    ['FROM alpine:3.19\nCOPY --chmod=999 a b\n', 2, 'dockerfile parse error on line 2: invalid chmod parameter: 999'],
    ['FROM alpine:3.19\nCOPY --frm=x a b\n', 2, 'dockerfile parse error on line 2: unknown flag: --frm'],
  ])('%j fails on line %i', (dockerfile, line, message) => {
    const error = failure(dockerfile, { a: 'a' });
    expect(error.message).toBe(message);
    expect(error.line).toBe(line);
  });

  it('a byte-order mark before the first instruction is skipped', () => {
    const world = newWorld();
    expect(buildImage(world, '\uFEFFFROM alpine:3.19\nRUN echo ok\n', memoryContext({})).outcome.error).toBeUndefined();
  });

  it('an empty Dockerfile', () => {
    expect(failure('# only a comment\n').message).toBe('the Dockerfile cannot be empty');
  });

  it('a COPY source missing from the context', () => {
    const error = failure('FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\n', { 'package.json': '{}' });
    expect(error.message).toMatch(/^failed to compute cache key: failed to calculate checksum of ref moby::[a-z0-9]{25}: "\/package-lock.json": not found$/);
    expect(error.line).toBe(3);
  });

  it('a file .dockerignore leaves out is as missing as one that is not there', () => {
    const error = failure('FROM alpine:3.19\nCOPY .env /app/\n', { '.env': 'SECRET=1', '.dockerignore': '.env\n' });
    expect(error.message).toMatch(/"\/.env": not found$/);
  });

  it('a RUN that fails, with its exit code and output', () => {
    const world = newWorld();
    const built = buildImage(world, 'FROM alpine:3.19\nRUN echo starting && false\n', memoryContext({}));
    expect(built.outcome.error!.message).toBe('process "/bin/sh -c echo starting && false" did not complete successfully: exit code: 1');
    expect(built.outcome.error!.line).toBe(2);
    expect(built.outcome.failedVertex!.name).toBe('[2/2] RUN echo starting && false');
    expect(built.outcome.failedVertex!.logs.map((l) => l.text)).toEqual(['starting']);
  });

  it('unsupported features name themselves and their line', () => {
    expect(failure('FROM alpine:3.19\nRUN --mount=type=secret,id=x cat /run/secrets/x\n')).toMatchObject({
      message: "Dockerfile line 2: RUN --mount=type=secret is not supported by Dockyard's builder (only type=cache and type=tmpfs)",
      line: 2,
    });
    expect(failure('FROM alpine:3.19\nONBUILD RUN echo\n').message).toBe("Dockerfile line 2: ONBUILD is not supported by Dockyard's builder");
    expect(failure('FROM alpine:3.19\nADD https://example.com/x.tar.gz /x\n').message).toBe(
      "ADD https://example.com/x.tar.gz: Dockyard's builder is offline and cannot download remote sources; put the file in the build context and use COPY",
    );
  });

  it('base images that do not exist', () => {
    expect(failure('FROM node:99\n').message).toBe('node:99: failed to resolve source metadata for docker.io/library/node:99: docker.io/library/node:99: not found');
    expect(failure('FROM nosuchuser/app\n').message).toBe(
      'nosuchuser/app: failed to resolve source metadata for docker.io/nosuchuser/app:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
  });

  it('COPY --from a stage name with a typo is taken for an image, as BuildKit does', () => {
    const error = failure('FROM alpine:3.19 AS builder\nRUN touch /x\nFROM alpine:3.19\nCOPY --from=buildr /x /x\n');
    expect(error.message).toBe(
      'buildr: failed to resolve source metadata for docker.io/library/buildr:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(error.line).toBe(4);
  });

  it('a USER that does not exist fails the next RUN', () => {
    expect(failure('FROM alpine:3.19\nUSER appuser\nRUN echo hi\n').message).toBe('unable to find user appuser: no matching entries in passwd file');
  });
});
