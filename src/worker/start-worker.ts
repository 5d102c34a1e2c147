/**
 * Starts the simulation worker of the served app: a bundled file of the page's own origin, so the
 * page's policy can keep worker-src 'self'. The offline pack swaps this module for
 * start-worker-inline.ts at build time (see build/pack.ts).
 */
export const startWorker = (name: string): Worker =>
  new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name })
