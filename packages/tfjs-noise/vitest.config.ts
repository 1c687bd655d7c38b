import { configDefaults, defineConfig } from 'vitest/config';

// Every test file runs twice: once on the cpu backend, once on wasm; the wasm backend's own
// convolution gradients (compared with cpu's inside the file) run on wasm only.
const WASM_ONLY = ['test/wasm_conv_backprop.test.ts'];
export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'cpu',
          setupFiles: ['./test/setup/cpu.ts'],
          exclude: [...configDefaults.exclude, ...WASM_ONLY],
        },
      },
      { extends: true, test: { name: 'wasm', setupFiles: ['./test/setup/wasm.ts'] } },
    ],
  },
});
