/**
 * Heap the chart selectors keep while a long run streams: 2,880 hourly steps (a 120-day run, the
 * longest a scenario allows) appended one at a time to one list, with the charts' series and the
 * running totals asked for after each, as the page does. Prints the heap growth after a full GC.
 * Run: npm run bench:selectors
 */
import { chartSeries, totalsUpTo } from '../../src/store/chart-selectors'
import type { StepRecord } from '../../src/sim/model'
import { realRun } from '../store/run-fixture'

const STEPS = 2880
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc (npm run bench:selectors does)')

const base = realRun('citizenlab-2020')
const steps: StepRecord[] = []
const run = { ...base, steps }
gc()
const before = process.memoryUsage().heapUsed
for (let i = 0; i < STEPS; i++) {
  steps.push({ ...(base.steps[i % base.steps.length] as StepRecord), startMinutes: i * 60 })
  chartSeries(steps)
  totalsUpTo({ ...run, stepsDone: steps.length }, i * 60)
}
gc()
const grownMb = (process.memoryUsage().heapUsed - before) / 1e6
console.log(
  `selectors: heap growth after streaming ${STEPS} steps one by one: ${grownMb.toFixed(0)} MB`,
)
