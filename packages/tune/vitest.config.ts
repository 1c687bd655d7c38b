import { configDefaults, defineConfig } from 'vitest/config';

// In-process tests run on the cpu backend (test/setup.ts); searches on worker threads choose
// their backend per call. Most test files run two at a time (the machine has 2 cores). The files
// that assert how long something takes (a signal answered within a second, an abort within
// 1.3 s, a load within 5 s) run after them, each group alone, so that no other file's work
// shares their cores: the groups run in `groupOrder`, one after the other.
const TIMED = [
  ['test/interrupt.test.ts'],
  ['test/grid.test.ts'],
  ['test/search.test.ts', 'test/save_predict.test.ts'],
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    setupFiles: ['./test/setup.ts'],
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        extends: true,
        test: {
          name: 'tune',
          exclude: [...configDefaults.exclude, ...TIMED.flat()],
          sequence: { groupOrder: 0 },
        },
      },
      ...TIMED.map((files, i) => ({
        extends: true as const,
        test: {
          name: `tune timed ${i + 1}`,
          include: files,
          fileParallelism: false,
          sequence: { groupOrder: i + 1 },
        },
      })),
    ],
  },
});
