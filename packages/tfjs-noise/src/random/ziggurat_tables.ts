/**
 * Tables of the 256-layer ziggurat for the standard normal density (Marsaglia and Tsang, "The
 * Ziggurat Method for Generating Random Variables", J. Stat. Software 5(8), 2000), computed once
 * at module load for 23-bit magnitudes (the sampler uses the other 9 bits of a 32-bit word for the
 * layer index and the sign, so index, sign and magnitude never share bits). 256 layers (rather
 * than the paper's 128) halve the share of draws that need the slow path.
 */

/** Number of layers. */
export const LAYERS = 256;
/** Start of the tail: the right edge of the base layer. */
export const TAIL_START = 3.6541528853610088;
/** Area of each layer (rectangle or base strip plus tail) under exp(-x^2 / 2). */
const LAYER_AREA = 4.92867323399e-3;
/** Magnitudes are 23-bit integers: m in [0, 2^23). */
export const MAGNITUDE_SCALE = 8388608;

/** Acceptance thresholds: magnitude m in layer i lies inside the next layer when m < K[i]. */
export const K = new Uint32Array(LAYERS);
/** Widths: sample x = m * W[i]. */
export const W = new Float64Array(LAYERS);
/**
 * K and W indexed by 9 bits, layer (bits 0-7) and sign (bit 8), with the sign folded into W:
 * the sampler's fast path is one lookup and one multiply, with no branch on the sign.
 * SIGNED_K is an Int32Array (its values are below 2^23): comparing a small integer with an
 * int32 load is about twice as fast in V8 as with a Uint32Array load.
 */
export const SIGNED_K = new Int32Array(2 * LAYERS);
export const SIGNED_W = new Float64Array(2 * LAYERS);
/** Density at each layer's right edge: F[i] = exp(-x_i^2 / 2). */
export const F = new Float64Array(LAYERS);

(function buildTables() {
  let dn = TAIL_START;
  let tn = dn;
  const q = LAYER_AREA / Math.exp(-0.5 * dn * dn);
  K[0] = Math.floor((dn / q) * MAGNITUDE_SCALE);
  K[1] = 0;
  W[0] = q / MAGNITUDE_SCALE;
  W[LAYERS - 1] = dn / MAGNITUDE_SCALE;
  F[0] = 1;
  F[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(LAYER_AREA / dn + Math.exp(-0.5 * dn * dn)));
    K[i + 1] = Math.floor((dn / tn) * MAGNITUDE_SCALE);
    tn = dn;
    F[i] = Math.exp(-0.5 * dn * dn);
    W[i] = dn / MAGNITUDE_SCALE;
  }
  for (let j = 0; j < 2 * LAYERS; j++) {
    SIGNED_K[j] = K[j % LAYERS] as number;
    SIGNED_W[j] = (j < LAYERS ? 1 : -1) * (W[j % LAYERS] as number);
  }
})();
