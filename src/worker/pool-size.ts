/** How many workers a replication pool runs: one per core but one, at least one. */
export function poolSize(
  cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency,
): number {
  return Math.max(1, (Number.isFinite(cores) ? Math.floor(cores) : 1) - 1)
}
