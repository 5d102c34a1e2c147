/**
 * The names of a world's places in `localeCompare`'s order, as ranks. Lists that order places by
 * name (the map's labels, the key path and city lists) compare two numbers instead of calling the
 * collator: a step of a large world has thousands of places with equal counts, and the collator
 * was called for most of their comparisons in the task that showed the step. Made once per world.
 */
import type { World } from '../sim/model'

/** Names compared as `localeCompare` compares them, with one collator for every comparison. */
export const byName = new Intl.Collator().compare

/**
 * Each place's rank among the names of all the world's places, sites by the city they stand in
 * (`site.city`) and cities by name: a lower rank comes first, and equal names have equal ranks,
 * so `rank[a] - rank[b]` has the sign of `byName(nameOf(a), nameOf(b))`.
 */
export interface NameRanks {
  readonly sites: Uint32Array
  readonly cities: Uint32Array
}

const ranksByWorld = new WeakMap<World, NameRanks>()

export function nameRanksOf(world: World): NameRanks {
  const known = ranksByWorld.get(world)
  if (known) return known
  const names = [...world.sites.map((s) => s.city), ...world.cities.map((c) => c.name)]
  const order = names.map((_, i) => i)
  order.sort((a, b) => byName(names[a] as string, names[b] as string))
  const ranks = new Uint32Array(names.length)
  let rank = 0
  order.forEach((place, i) => {
    const before = order[i - 1]
    if (before !== undefined && byName(names[before] as string, names[place] as string) !== 0)
      rank++
    ranks[place] = rank
  })
  const sites = world.sites.length
  const table = { sites: ranks.subarray(0, sites), cities: ranks.subarray(sites) }
  ranksByWorld.set(world, table)
  return table
}
