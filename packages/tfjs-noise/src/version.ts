/** Version of the tfjs-noise package. */
export const version = '0.1.0';
