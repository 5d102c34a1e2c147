/**
 * The engine's version: part of every run's hash, so any change of the engine's output bumps it
 * (and `npm run golden` rewrites the golden digests in the same commit). In a module of its own
 * so that what only names the version (an exported picture's text, a sweep's id) does not carry
 * the engine.
 */
export const ENGINE_VERSION = '1.8.0'
