/**
 * Hundreds of map markers mounted and restyled a slice per task rather than all in one: a
 * React commit of 200 sites' markers (three world copies each, with tooltips) held the page for
 * up to 49 ms, where a slice's commit takes a few.
 */
import { useEffect, useState } from 'react'

/** Sites whose markers mount in one task: a world of hundreds mounts them a slice per task. */
export const SITES_PER_SLICE = 12

/**
 * How many of `total` items to mount now: a slice more after each task until all are, started
 * over when `key` changes, so hundreds of markers (three copies each, with tooltips) never hold
 * the page in one task.
 */
export function useSlicedCount(total: number, key: unknown): number {
  const [shown, setShown] = useState({ key, count: SITES_PER_SLICE })
  const count = Math.min(total, shown.key === key ? shown.count : SITES_PER_SLICE)
  useEffect(() => {
    if (count >= total) return
    const timer = setTimeout(() => setShown({ key, count: count + SITES_PER_SLICE }), 0)
    return () => clearTimeout(timer)
  }, [key, count, total])
  return count
}

/** Sites whose markers a new step restyles in one task, in a world of more. */
export const SITES_PER_RESTYLE = 40

/**
 * `items` as the markers show them. In a world of more than {@link SITES_PER_RESTYLE} sites a
 * new step's items are taken up {@link SITES_PER_RESTYLE} sites a task, each slice going on from
 * where the last ended, so hundreds of markers are restyled in commits of a few milliseconds (at
 * 200 sites, three copies each with a tooltip, one commit for all of them took up to 49 ms while
 * a run streamed), and every site catches up with the latest step within a few tasks however
 * fast steps come. A new world's items are shown at once: its markers mount in slices anyway.
 */
export function useItemsInSlices<T>(items: readonly T[], world: unknown): readonly T[] {
  const [taken, setTaken] = useState({ world, items, next: 0 })
  const isSliced = items.length > SITES_PER_RESTYLE
  const isSameWorld = taken.world === world && taken.items.length === items.length
  useEffect(() => {
    if (!isSliced || taken.items === items) return
    const timer = setTimeout(() => {
      if (!isSameWorld) {
        setTaken({ world, items, next: 0 })
        return
      }
      const shown = taken.items.slice()
      let at = taken.next
      for (let k = 0; k < SITES_PER_RESTYLE; k++) {
        shown[at] = items[at] as T
        at = (at + 1) % shown.length
      }
      const isCaughtUp = shown.every((item, i) => item === items[i])
      setTaken({ world, items: isCaughtUp ? items : shown, next: at })
    }, 0)
    return () => clearTimeout(timer)
  }, [world, items, taken, isSliced, isSameWorld])
  return isSliced && isSameWorld ? taken.items : items
}
