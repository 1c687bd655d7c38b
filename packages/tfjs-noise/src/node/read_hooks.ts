/**
 * Points where a test can act between the steps of reading a model file, to make a race happen
 * at a chosen moment. For tests only: not exported from `tfjs-noise/node`, and empty otherwise.
 */

/** Functions loadFromDir calls, if set, with the real path of the file it is reading. */
export const readHooks: {
  /** After `model.json` was read and parsed, before any weight file is looked up. */
  afterModelJson?: (realDir: string) => void;
  /** After the file's real path was found inside the folder, before the file is opened. */
  afterCheck?: (real: string) => void;
  /** After the file was opened, before the opened file is checked. */
  afterOpen?: (real: string) => void;
} = {};
