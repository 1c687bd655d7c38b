import { defineConfig } from 'tsup';

// ESM + CJS + .d.ts. tfjs stays external (peer dependency): bundling a second copy would split
// the global serialization registry that model save/load relies on.
export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts', 'src/extend.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2020',
  external: [/^@tensorflow\//],
});
