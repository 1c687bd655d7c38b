import { defineConfig } from 'vitest/config';

// End-to-end tests use the built package (packages/tfjs-noise/dist), as a user would; docs tests
// typecheck the JSDoc examples against it.
export default defineConfig({
  test: { include: ['e2e/**/*.test.ts', 'docs/**/*.test.ts'], testTimeout: 120_000 },
});
