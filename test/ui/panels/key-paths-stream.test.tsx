// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MAX_KEY_PATHS, keyPathsOf } from '../../../src/store/key-paths'
import { currentStep, selectMapRun } from '../../../src/store/selectors'
import { CHART_REDRAW_MS } from '../../../src/ui/charts/use-throttled-run'
import { KeyPaths } from '../../../src/ui/panels/key-paths'
import { renderWith, startHarness, stepUntilSnapshot } from '../render-app'
import type { Harness } from '../render-app'

/** The path buttons' names as the list shows them. */
const shownPaths = (): string[] =>
  within(screen.getByRole('region', { name: /^Key paths/ }))
    .queryAllByRole('button')
    .map((b) => b.textContent ?? '')

/** The first path of the shown step, as its button starts. */
function firstPathOf(h: Harness): string {
  const state = h.store.getState()
  const run = selectMapRun(state)
  const step = currentStep(run, state.timeMinutes)
  const first = step && run?.world ? keyPathsOf(step, run.world, MAX_KEY_PATHS)[0] : undefined
  return first ? `${first.siteName} → ${first.cityName}:` : ''
}

describe('KeyPaths while a run streams', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
  })

  it("leaves a new step's lists out of the task that brought it, and out of the throttle's, and shows them after a timer", () => {
    const h = startHarness({ finish: false })
    // The latest step received, whichever it is.
    act(() => h.store.getState().setTime(10 ** 7))
    stepUntilSnapshot(h)
    renderWith(h, <KeyPaths />)
    act(() => {
      vi.advanceTimersByTime(CHART_REDRAW_MS)
    })
    act(() => {
      vi.advanceTimersByTime(0)
    })
    // Snapshots until the first path differs from the one shown.
    const shown = shownPaths()
    expect(shown[0]).toContain(firstPathOf(h))
    for (let i = 0; i < 50 && shown[0]?.startsWith(firstPathOf(h)); i++) stepUntilSnapshot(h)
    const next = firstPathOf(h)
    expect(shown[0]?.startsWith(next)).toBe(false)
    expect(shownPaths()).toEqual(shown)
    // The throttle's timer brings the step; the lists are worked out in a timer's task after it.
    act(() => {
      vi.advanceTimersByTime(CHART_REDRAW_MS)
    })
    expect(shownPaths()).toEqual(shown)
    act(() => {
      vi.advanceTimersByTime(0)
    })
    expect(shownPaths()[0]?.startsWith(next)).toBe(true)
  })
})
