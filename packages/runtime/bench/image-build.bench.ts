// A 20-step Dockerfile ([1/20] FROM to [20/20] RUN) (the tutorial's app plus the usual setup steps), built cold in a fresh world
// and rebuilt fully cached.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { buildImage, diskContext, EXAMPLES, newWorld } from '../test/support/images.ts';

const context = diskContext(join(EXAMPLES, 'multi-stage'));
const DOCKERFILE = [
  'FROM node:20-alpine',
  'ENV NODE_ENV=production',
  'WORKDIR /app',
  'RUN apk add --no-cache tini curl',
  'RUN addgroup -S app && adduser -S app -G app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci --include=dev',
  'COPY src ./src',
  'RUN npm run build',
  'RUN mkdir -p /app/logs /app/tmp /data',
  'RUN echo "built" > /app/BUILD_INFO',
  'COPY .dockerignore ./',
  'RUN cp -r /app/dist /app/dist-backup',
  'RUN rm -rf /app/dist-backup',
  'RUN chmod 755 /app/logs && chown -R app:app /app/logs /data',
  'WORKDIR /app/runtime',
  'RUN touch ready',
  'RUN ln -s /app/dist /app/current',
  'RUN mkdir -p /etc/profile.d && echo "export PATH=$PATH" > /etc/profile.d/app.sh',
  'WORKDIR /app',
  'RUN ls > /dev/null',
  'EXPOSE 3000',
  'USER app',
  'CMD ["node", "dist/server.js"]',
].join('\n');

const warm = newWorld();
buildImage(warm, DOCKERFILE, context);

describe('docker build, 20 steps', () => {
  bench('cold: every step runs (fresh world, base image from the catalog)', () => {
    const world = newWorld();
    const built = buildImage(world, DOCKERFILE, context);
    if (built.ran.length !== 19) throw new Error(`ran ${built.ran.length} steps: ${built.outcome.error?.message}`);
  }, { iterations: 5, warmupIterations: 1 });

  bench('fully cached: every step CACHED', () => {
    const built = buildImage(warm, DOCKERFILE, context);
    if (built.cached.length !== 19) throw new Error(`cached ${built.cached.length} steps`);
  });
});
