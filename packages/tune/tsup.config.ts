import { defineConfig } from 'tsup';

// ESM + CJS + .d.ts for the library (`index`, `mlp`, `convnet`, `blocks`, and `kinds`: the registry of
// noise kinds, dependency-free so that a browser page can import it); the worker script and the CLI are entries
// too, so that they exist as files next to the library: searchNoise starts `dist/worker.js` on
// worker threads, and the `tfjs-noise-tune` bin (`bin/tfjs-noise-tune.js`, committed) imports
// `dist/cli.js` (the shebang is kept). tfjs and tfjs-noise stay external (peer/dependencies): a
// bundled copy would split tfjs's global registries. `shims` gives the CJS build `import.meta.url`, used to find the worker script.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    mlp: 'src/mlp.ts',
    convnet: 'src/convnet.ts',
    blocks: 'src/blocks.ts',
    kinds: 'src/model/kinds.ts',
    worker: 'src/run/worker.ts',
    cli: 'src/cli/bin.ts',
  },
  format: ['esm', 'cjs'],
  dts: {
    entry: {
      index: 'src/index.ts',
      mlp: 'src/mlp.ts',
      convnet: 'src/convnet.ts',
      blocks: 'src/blocks.ts',
      kinds: 'src/model/kinds.ts',
    },
  },
  sourcemap: true,
  clean: true,
  shims: true,
  target: 'es2022',
  external: [/^@tensorflow\//, /^tfjs-noise(\/|$)/],
});
