/**
 * The tiers of this test tree, by what a tier needs. `vitest run` (and so `pnpm test`) runs every
 * tier; `vitest run --project <tier>` one of them (`pnpm test:unit`, `pnpm test:browser`, ...).
 * `test/structure/test_tiers.test.ts` checks that every test file is in exactly one tier.
 *
 * - `unit`: reads sources and runs code in this process: no browser, no child process running
 *   an example or a benchmark, no package registry.
 * - `browser`: headless Chromium (Debian's `chromium`): webgl, webgpu, the playground.
 * - `scripts`: runs the examples, the CLI and the benchmarks as child processes (`--quick`).
 * - `consumer`: packs the packages and installs them in a temporary folder, as a user would.
 */
export const TIERS = {
  unit: [
    'structure/no_cycles.test.ts',
    'structure/no_scratch.test.ts',
    'structure/package_layers.test.ts',
    'structure/root_scripts.test.ts',
    'structure/test_tree.test.ts',
    'structure/test_tiers.test.ts',
    'structure/tune_kinds_browser.test.ts',
    'docs/jsdoc_examples.test.ts',
    'docs/api_names.test.ts',
    'e2e/circles_notes.test.ts',
    'e2e/bench_choice_robustness.test.ts',
    'consumer/helpers.test.ts',
  ],
  browser: [
    'e2e/backends.test.ts',
    'e2e/gpu_sampler.test.ts',
    'e2e/playground.test.ts',
    'e2e/bench_gpu.test.ts',
    'e2e/structured_jitter_gpu.test.ts',
  ],
  scripts: [
    'docs/jsdoc_prints.test.ts',
    'e2e/bench_choice.test.ts',
    'e2e/bench_claims.test.ts',
    'e2e/circles_search.test.ts',
    'e2e/circles_search_flags.test.ts',
    'e2e/resume.test.ts',
    'e2e/script_flags.test.ts',
    'e2e/scripts.test.ts',
    'e2e/tune_cli.test.ts',
    'e2e/tune_images.test.ts',
    'e2e/tune_penguins.test.ts',
  ],
  consumer: ['consumer/consumer.test.ts', 'docs/readme_install.test.ts', 'e2e/package.test.ts'],
} as const;

/** A tier's name. */
export type Tier = keyof typeof TIERS;
