/** Noise schedules: `tfn.schedules.linear({from: 0.2, to: 0, steps: 1000})`. */
export {
  constant,
  cosine,
  exponential,
  inverseTime,
  linear,
  type Schedule,
  step,
} from './schedules';
