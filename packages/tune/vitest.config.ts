import { defineConfig } from 'vitest/config';

// In-process tests run on the cpu backend (test/setup.ts); searches on worker threads choose
// their backend per call. Test files run one at a time: the machine has 2 cores, and the worker
// tests start 2 threads of their own.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    setupFiles: ['./test/setup.ts'],
    fileParallelism: false,
  },
});
