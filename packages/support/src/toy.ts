/**
 * The shapes of the toy data sets (circles, moons, spirals): where the noise-free point of a
 * class lies at a position drawn in [0, 1). Each user draws its own positions and noise (its own
 * seeds and streams, so its data stays as it was) and sets its own radii, offsets and turns:
 * examples/data/circles.ts, the playground's data.ts and bench/small_data/tasks.ts.
 */

/** A point of a circle of radius `r` centred at the origin, at `angle` radians. */
export function circlePoint(angle: number, r: number): [number, number] {
  return [r * Math.cos(angle), r * Math.sin(angle)];
}

/**
 * A point of scikit-learn's `make_moons` at `t` in [0, 1): class 0 on the upper half circle
 * centred at (0, 0), class 1 on the lower one centred at (1, 0.5).
 */
export function moonPoint(label: number, t: number): [number, number] {
  const a = Math.PI * t;
  return label === 0 ? [Math.cos(a), Math.sin(a)] : [1 - Math.cos(a), 0.5 - Math.sin(a)];
}

/** The two interleaved spirals of {@link spiralPoint}. */
export interface SpiralShape {
  /** Turns of each arm over t in [0, 1). */
  turns: number;
  /** Radius at t = 0. */
  r0: number;
  /** Growth of the radius from t = 0 to t = 1. Default 1. */
  growth?: number;
}

/**
 * A point of two interleaved spirals at `t` in [0, 1): radius `r0 + growth * t`, angle
 * `2 * turns * pi * t`, class 1 turned by half a turn.
 */
export function spiralPoint(
  label: number,
  t: number,
  { turns, r0, growth = 1 }: SpiralShape,
): [number, number] {
  const angle = 2 * turns * Math.PI * t + label * Math.PI;
  return circlePoint(angle, r0 + growth * t);
}
