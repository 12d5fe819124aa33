// Bad input gets a clean failure, never a crash: any Dockerfile text, any bytes as a tar archive or
// a `docker load`, any RUN line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BuildError, ImageArchiveError, importArchive, parseDockerfile, readTar, TarError } from '../src/index.ts';
import { buildImage, memoryContext, newWorld } from './support/images.ts';

const dockerfileish = fc.array(
  fc.oneof(
    fc.constantFrom('FROM alpine:3.19', 'FROM scratch AS x', 'RUN echo hi', 'COPY a b', 'ENV A=1', 'ARG X', 'WORKDIR /w', 'CMD ["sh"]', 'USER 1000', '\\', '#', 'FROM', 'COPY --from=x / /', 'RUN <<EOF', 'EOF'),
    fc.string({ maxLength: 30 }),
  ),
  { maxLength: 12 },
);

describe('bad input never crashes', () => {
  it('parsing any Dockerfile text returns or throws BuildError', () => {
    fc.assert(
      fc.property(dockerfileish, (lines) => {
        try {
          parseDockerfile(lines.join('\n'));
        } catch (error) {
          expect(error).toBeInstanceOf(BuildError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('building any Dockerfile text ends in an image or a BuildError, never an exception', () => {
    fc.assert(
      fc.property(dockerfileish, (lines) => {
        const built = buildImage(newWorld(), `FROM alpine:3.19\n${lines.join('\n')}`, memoryContext({ a: 'a' }));
        expect(built.image !== undefined || built.outcome.error instanceof BuildError).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('any RUN line runs or fails with an exit code', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (line) => {
        const command = line.replace(/\n/g, ' ').trim() || 'true';
        const built = buildImage(newWorld(), `FROM busybox:1.36\nRUN ${command}\n`, memoryContext({}));
        if (built.outcome.error) expect(built.outcome.error.message).toMatch(/did not complete successfully|dockerfile parse error|not supported/);
      }),
      { numRuns: 150 },
    );
  });

  it('any bytes as a tar archive or a docker load are refused cleanly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        try {
          readTar(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(TarError);
        }
        const world = newWorld();
        try {
          importArchive(world.host.store, bytes);
        } catch (error) {
          expect(error instanceof TarError || error instanceof ImageArchiveError).toBe(true);
        }
        expect(world.host.store.images()).toHaveLength(0);
      }),
      { numRuns: 300 },
    );
  });
});
