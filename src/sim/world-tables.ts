/**
 * The tables a run derives from its world alone: the routing tables of each policy and the
 * delivery classification. They are the same for every seed, so they are built once per world
 * (and per paid opt-in regions and jurisdictions of concern) and shared by every run of that
 * world in this thread: the replications of one scenario, or the policies of a comparison.
 * Nothing a run does writes to them. The cache holds a world only as long as something else
 * does (a WeakMap), so it never keeps a scenario alive.
 *
 * The building itself took about 2.5 ms per run of citizenlab-2020, and the optimising compiler
 * compiled that once-per-run code anew in every thread; `npm run bench:replications` measured 20
 * replications on 2 threads about 2% faster with the tables shared.
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
