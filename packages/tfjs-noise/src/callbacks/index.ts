/** Callbacks for `model.fit`: `tfn.callbacks.noiseSchedule({...})`. */
export { noiseSchedule } from './noise_schedule';
