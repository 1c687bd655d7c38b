import { defineConfig } from 'vitest/config';

// The playground's run and model logic in Node, on tfjs's cpu backend: no document (the page's
// elements are looked up only when read, src/dom.ts), no browser. The page itself is tested in
// headless Chromium by test/e2e/playground.test.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
