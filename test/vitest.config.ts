import { defineConfig } from 'vitest/config';

// End-to-end tests (test/e2e: test files only; the code they share is in test/support) use the
// built package (packages/tfjs-noise/dist), as a user would; docs tests typecheck the JSDoc
// examples against it and run those that print; the consumer test (test/consumer) packs and
// installs both published packages in a temporary folder; structure tests (test/structure) read
// the packages' sources (no import cycle, imports only downward between workspace packages, no
// scratch file in bench/ or examples/) and the shape of this test tree.
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
