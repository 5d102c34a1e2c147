/**
 * Starts the simulation worker of the offline pack: the worker's code travels inside the one HTML
 * file and starts from a Blob URL, because a page opened from file:// has no origin to load a
 * worker file from. Used only by the pack build, in place of start-worker.ts.
 */
import SimulationWorker from './sim.worker.ts?worker&inline'

export const startWorker = (name: string): Worker => new SimulationWorker({ name })
