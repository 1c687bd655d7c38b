import { defineConfig } from 'vitest/config';

// End-to-end tests use the built package (packages/tfjs-noise/dist), as a user would; docs tests
// typecheck the JSDoc examples against it; the consumer test (test/consumer) packs and installs
// both published packages in a temporary folder; structure tests (test/structure) read the
// packages' sources (no import cycle).
export default defineConfig({
  test: {
    include: [
      'e2e/**/*.test.ts',
      'structure/**/*.test.ts',
      'docs/**/*.test.ts',
      'consumer/**/*.test.ts',
    ],
    testTimeout: 120_000,
  },
});
