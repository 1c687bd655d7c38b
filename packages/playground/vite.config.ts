/**
 * Vite config of the playground. It is built against the published ESM build of tfjs-noise
 * (packages/tfjs-noise/dist, through the workspace dependency's `exports`), never its sources:
 * the `publishedTfjsNoise` plugin fails the build if the bundle lacks dist/index.js, contains a
 * file of packages/tfjs-noise/src, or holds two copies of tfjs-core (that would split the layer
 * registry that `tf.loadLayersModel` needs).
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const publishedEntry = realpathSync(join(here, '..', 'tfjs-noise', 'dist', 'index.js'));
const tfjsNoiseSources = realpathSync(join(here, '..', 'tfjs-noise', 'src')) + sep;

function publishedTfjsNoise(): Plugin {
  return {
    name: 'published-tfjs-noise',
    apply: 'build',
    generateBundle() {
      const ids = [...this.getModuleIds()].map((id) => id.split('?')[0] as string);
      const real = ids.filter((id) => existsSync(id)).map((id) => realpathSync(id));
      if (!real.includes(publishedEntry)) {
        this.error(`the bundle does not contain tfjs-noise's built ESM (${publishedEntry})`);
      }
      const fromSources = real.filter((id) => id.startsWith(tfjsNoiseSources));
      if (fromSources.length > 0) {
        this.error(`the bundle contains tfjs-noise sources, not its build: ${fromSources[0]}`);
      }
      const cores = new Set<string>();
      for (const id of real) {
        const m = /^(.*[\\/]@tensorflow[\\/]tfjs-core)[\\/]/.exec(id);
        if (m?.[1]) cores.add(m[1]);
      }
      if (cores.size > 1) {
        this.error(`two copies of @tensorflow/tfjs-core in the bundle: ${[...cores].join(', ')}`);
      }
    },
  };
}

export default defineConfig({
  // Relative asset URLs: dist/ can be served from any path.
  base: './',
  plugins: [publishedTfjsNoise()],
  resolve: { dedupe: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
