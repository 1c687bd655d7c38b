/** The version of @tfjs-noise/tune (kept equal to package.json's). */
export const version = '0.1.0';
