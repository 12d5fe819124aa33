import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    benchmark: { include: ['packages/*/bench/**/*.bench.ts'] },
    testTimeout: 30_000,
  },
});
