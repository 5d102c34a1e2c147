/**
 * The tables a run derives from its world alone: the routing tables of each policy and the
 * delivery classification. They are the same for every seed, so they are built once per world
 * (and per paid opt-in regions and jurisdictions of concern) and shared by every run of that
 * world in this thread: the replications of one scenario, or the policies of a comparison.
 * Nothing a run does writes to them. The cache holds a world only as long as something else
 * does (a WeakMap), so it never keeps a scenario alive.
 *
 * Besides the building itself (about 2.5 ms per run of citizenlab-2020), sharing them spares
 * each replication thread the optimising compiler's work on code that ran once per run: built
 * anew for every replication, that code turned hot and was compiled on the thread's first
 * replications, at the time the engine's own step loop needed the compiler.
 */
import { DeliveryClassifier } from './keys'
import type { RegionId, World } from './model'
import { PolicyTables } from './routing'

/** A world's shared tables. */
export interface WorldTables {
  readonly policyTables: PolicyTables
  readonly keys: DeliveryClassifier
}

const cache = new WeakMap<World, Map<string, WorldTables>>()

/** The tables of `world` for these opt-in regions and jurisdictions of concern, built once. */
export function worldTables(
  world: World,
  paidOptInRegions: readonly RegionId[],
  concernJurisdictions: readonly string[],
): WorldTables {
  let byChoices = cache.get(world)
  if (byChoices === undefined) cache.set(world, (byChoices = new Map<string, WorldTables>()))
  const key = JSON.stringify([paidOptInRegions, concernJurisdictions])
  let tables = byChoices.get(key)
  if (tables === undefined) {
    tables = {
      policyTables: new PolicyTables(world, paidOptInRegions),
      keys: new DeliveryClassifier(world, paidOptInRegions, concernJurisdictions),
    }
    byChoices.set(key, tables)
  }
  return tables
}
