/**
 * The size limit of a search grid (a module of its own, without imports: the CLI checks its
 * flags against it before tfjs is loaded).
 */

/**
 * The largest number of settings a grid may have (kinds x amounts, or the length of a list):
 * `expandGrid`, `searchNoise` and the CLI refuse larger grids before any job runs. Each setting
 * costs `folds x repeats` trainings; split a larger search into several.
 *
 * @example
 * ```ts
 * import { MAX_GRID_SETTINGS } from '@tfjs-noise/tune';
 *
 * console.log(MAX_GRID_SETTINGS); // prints: 1000
 * ```
 */
export const MAX_GRID_SETTINGS = 1000;
