/**
 * The owner named by the errors of a search: `searchNoise`'s option checks, its jobs (in the
 * process or on worker threads) and its own failures all begin their messages with it.
 */
export const SEARCH_OWNER = 'searchNoise';
