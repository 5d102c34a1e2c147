import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ENGINE_VERSION } from '../../src/sim/engine-version'
import { PRESET_IDS } from '../../src/sim/presets/scenarios'
import type { Golden } from './golden'
import { GOLDEN_PATH, presetDigest } from './golden'

const golden = JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')) as Golden
const FIX =
  'A preset’s result changed (its output, or the engine version every result carries). If on purpose, bump ENGINE_VERSION in src/sim/engine.ts and run `npm run golden` to update test/sim/golden.json, in the same commit.'

describe('golden output', () => {
  it('pins the digests to the current engine version', () => {
    expect(
      golden.engineVersion,
      `${GOLDEN_PATH} is for engine ${golden.engineVersion}, the engine is ${ENGINE_VERSION}. ${FIX}`,
    ).toBe(ENGINE_VERSION)
    expect(Object.keys(golden.digests).sort(), `${GOLDEN_PATH} lists every preset`).toEqual(
      [...PRESET_IDS].sort(),
    )
  })

  it.each(PRESET_IDS)('gives preset %s its pinned result digest at its own seed', (id) => {
    expect(presetDigest(id), `${id}: ${FIX}`).toBe(golden.digests[id])
  })
})
