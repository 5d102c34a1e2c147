/**
 * The replication pool as the page's first load holds it: a stand-in that loads the real pool
 * (replication-pool.ts) with the first set and hands it every command and listener, so a page
 * that never replicates or sweeps does not carry the pool's code.
 */
import { poolSize } from './pool-size'
import type { ReplicationCommand, ReplicationMessage } from './protocol'
import type { ReplicationClient, ReplicationPoolOptions } from './replication-pool'

/** A pool that loads on its first command; the same interface as the real one. */
export function createLazyReplicationPool(options: ReplicationPoolOptions = {}): ReplicationClient {
  const listeners = new Set<(message: ReplicationMessage) => void>()
  const emit = (message: ReplicationMessage): void => {
    for (const listener of listeners) listener(message)
  }
  let loading: Promise<ReplicationClient> | null = null
  let isDisposed = false
  const pool = (): Promise<ReplicationClient> =>
    (loading ??= import('./replication-pool').then((m) => {
      const real = m.createReplicationPool(options)
      real.subscribe(emit)
      if (isDisposed) real.dispose()
      return real
    }))
  return {
    size: Math.max(1, options.size ?? poolSize()),
    send(command: ReplicationCommand) {
      // Commands keep their order: each waits for the same load.
      void pool().then((real) => real.send(command))
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispose() {
      isDisposed = true
      listeners.clear()
      if (loading) void loading.then((real) => real.dispose())
    },
  }
}
