import { defineConfig } from 'tsup';

// ESM + CJS + .d.ts for the library (`index`, `mlp`); the worker script and the CLI are entries
// too, so that they exist as files next to the library: searchNoise starts `dist/worker.js` on
// worker threads, and the `tfjs-noise-tune` bin is `dist/cli.js` (the shebang is kept). tfjs and
// tfjs-noise stay external (peer/dependencies): a bundled copy would split tfjs's global
// registries. `shims` gives the CJS build `import.meta.url`, used to find the worker script.
export default defineConfig({
  entry: ['src/index.ts', 'src/mlp.ts', 'src/worker.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: ['src/index.ts', 'src/mlp.ts'] },
  sourcemap: true,
  clean: true,
  shims: true,
  target: 'es2022',
  external: [/^@tensorflow\//, /^tfjs-noise(\/|$)/],
});
