import { describe, expect, it, vi } from 'vitest'
import { createRun } from '../../src/sim/engine'
import { POLICY_IDS } from '../../src/sim/routing'
import { worldTables } from '../../src/sim/world-tables'
import { preset, resolve } from './helpers'

describe('world tables', () => {
  it('are built once per world and choices, and anew for another world or other choices', () => {
    const { world } = resolve(preset('citizenlab-2020'))
    const tables = worldTables(world, ['US'], ['CN'])
    expect(worldTables(world, ['US'], ['CN'])).toBe(tables)
    expect(worldTables(world, ['US'], ['CN', 'RU'])).not.toBe(tables)
    expect(worldTables(world, ['US', 'CN'], ['CN'])).not.toBe(tables)
    expect(worldTables({ ...world }, ['US'], ['CN'])).not.toBe(tables)
  })

  it('leave a run as it would be in a thread that never ran the world before', async () => {
    const resolved = resolve(preset('citizenlab-2020'))
    // Every policy on another seed first, list correction and all, sharing the world's tables.
    for (const policy of POLICY_IDS) createRun(resolved, { policy, seed: 3 }).finish()
    const afterOthers = createRun(resolved, { seed: 7 }).finish()

    vi.resetModules()
    const fresh = await import('../../src/sim/engine')
    expect(fresh.createRun).not.toBe(createRun)
    const alone = fresh.createRun(resolved, { seed: 7 }).finish()
    expect(afterOthers).toEqual(alone)
  })
})
