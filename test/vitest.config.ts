import { defineConfig } from 'vitest/config';
import { TIERS } from './support/tiers';

// End-to-end tests (test/e2e: test files only; the code they share is in test/support) use the
// built package (packages/tfjs-noise/dist), as a user would; docs tests typecheck the JSDoc
// examples against it and run those that print; the consumer test (test/consumer) packs and
// installs both published packages in a temporary folder; structure tests (test/structure) read
// the packages' sources (no import cycle, imports only downward between workspace packages, no
// scratch file in bench/ or examples/) and the shape of this test tree.
//
// One vitest project per tier (support/tiers.ts): `vitest run` runs them all, `vitest run
// --project unit` one of them.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    projects: Object.entries(TIERS).map(([name, include]) => ({
      extends: true,
      test: { name, include: [...include] },
    })),
  },
});
