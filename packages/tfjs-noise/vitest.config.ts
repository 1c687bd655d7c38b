import { defineConfig } from 'vitest/config';

// Every test file runs twice: once on the cpu backend, once on wasm.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'cpu', setupFiles: ['./test/setup/cpu.ts'] } },
      { extends: true, test: { name: 'wasm', setupFiles: ['./test/setup/wasm.ts'] } },
    ],
  },
});
