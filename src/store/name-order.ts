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
// Rankings begun in slices and not yet finished.
const pending = new WeakMap<World, Generator<void, NameRanks, void>>()

// Names sorted at once, in one step of the ranking (about 4,600 comparisons).
const RUN = 512
// Work per slice at most, as for the map's slices.
const SLICE_MS = 8

/** Merges the sorted runs `from[lo..mid)` and `from[mid..hi)` of places into `to[lo..hi)`. */
function merge(
  names: readonly string[],
  from: Uint32Array,
  to: Uint32Array,
  lo: number,
  mid: number,
  hi: number,
): void {
  let i = lo
  let j = mid
  let k = lo
  while (i < mid && j < hi) {
    const a = from[i] as number
    const b = from[j] as number
    if (byName(names[b] as string, names[a] as string) < 0) {
      to[k++] = b
      j++
    } else {
      to[k++] = a
      i++
    }
  }
  while (i < mid) to[k++] = from[i++] as number
  while (j < hi) to[k++] = from[j++] as number
}

/*
 * The ranking, as steps: runs of RUN names sorted by the engine's sort, merged pairwise (a
 * bottom-up merge sort), then the ranks; it yields after each run and each merge. The collator is
 * slow (5,200 names of the 200 x 5,000 world took 28 to 35 ms in one task when profiled), and a
 * step makes at most about 1.5 comparisons per name.
 */
function* ranking(world: World): Generator<void, NameRanks, void> {
  const names = [...world.sites.map((s) => s.city), ...world.cities.map((c) => c.name)]
  const n = names.length
  let from = Uint32Array.from(names, (_, i) => i)
  let to = new Uint32Array(n)
  for (let lo = 0; lo < n; lo += RUN) {
    from.subarray(lo, lo + RUN).sort((a, b) => byName(names[a] as string, names[b] as string))
    yield
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      merge(names, from, to, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n))
      yield
    }
    ;[from, to] = [to, from]
  }
  const ranks = new Uint32Array(n)
  let rank = 0
  for (let i = 1; i < n; i++) {
    const before = names[from[i - 1] as number] as string
    if (byName(before, names[from[i] as number] as string) !== 0) rank++
    ranks[from[i] as number] = rank
  }
  const sites = world.sites.length
  return { sites: ranks.subarray(0, sites), cities: ranks.subarray(sites) }
}

/** Each place's rank ({@link NameRanks}), made once per world (finishing one begun in slices). */
export function nameRanksOf(world: World): NameRanks {
  const known = ranksByWorld.get(world)
  if (known) return known
  const steps = pending.get(world) ?? ranking(world)
  let step = steps.next()
  while (!step.done) step = steps.next()
  pending.delete(world)
  ranksByWorld.set(world, step.value)
  return step.value
}

/**
 * Ranks a world's names in tasks of a few milliseconds each, so that the lists and labels that
 * order places by name find them made when its steps come; one that needs them sooner finishes
 * the ranking at once ({@link nameRanksOf}).
 */
export function rankNamesInSlices(world: World): void {
  if (ranksByWorld.has(world) || pending.has(world)) return
  const steps = ranking(world)
  pending.set(world, steps)
  const slice = (): void => {
    // Finished meanwhile by a list that needed the ranks.
    if (pending.get(world) !== steps) return
    const began = performance.now()
    for (;;) {
      const step = steps.next()
      if (step.done) {
        pending.delete(world)
        ranksByWorld.set(world, step.value)
        return
      }
      if (performance.now() - began >= SLICE_MS) break
    }
    setTimeout(slice, 0)
  }
  setTimeout(slice, 0)
}
