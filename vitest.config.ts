import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // engine tests start Z3 (a few hundred ms) and some decide hundreds of executions
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
