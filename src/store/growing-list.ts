/**
 * How selectors over a run's step list cache. The store appends snapshots to the run's own list,
 * so such a selector takes the list and its length (or a step index) as arguments. A weak-map
 * cache would keep one result per length the list ever had, for as long as the list lives: for a
 * long run that is thousands of chart series or running-total arrays (quadratic memory). A small
 * least-recently-used cache keeps only the latest few, enough for the primary and compared runs,
 * the charts' throttled copy and the timeline's coarser series.
 */
export const GROWING_LIST_CACHE = { maxSize: 8 } as const
