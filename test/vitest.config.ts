import { defineConfig } from 'vitest/config';

// End-to-end tests use the built package (packages/tfjs-noise/dist), as a user would.
export default defineConfig({
  test: { include: ['e2e/**/*.test.ts'], testTimeout: 120_000 },
});
