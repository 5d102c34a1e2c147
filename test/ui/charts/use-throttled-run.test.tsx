// @vitest-environment jsdom
import { act, cleanup, renderHook, screen } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { selectMapRun } from '../../../src/store/selectors'
import { ChartsPanel } from '../../../src/ui/charts/charts-panel'
import { CHART_REDRAW_MS, useThrottledRun } from '../../../src/ui/charts/use-throttled-run'
import { StoreProvider, useAppStore } from '../../../src/ui/store-context'
import { renderWith, startHarness, stepUntilSnapshot } from '../render-app'
import type { Harness } from '../render-app'

function renderThrottled(h: Harness) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <StoreProvider store={h.store}>{children}</StoreProvider>
  )
  return renderHook(() => useThrottledRun(useAppStore(selectMapRun)), { wrapper })
}

const advance = (ms: number) =>
  act(() => {
    vi.advanceTimersByTime(ms)
  })

/** Fake timers for each test of the enclosing describe, the real ones and a clean DOM after. */
function withFakeTimers(): void {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
  })
}

describe('useThrottledRun', () => {
  withFakeTimers()

  it('passes snapshots on at most once per interval while the run streams', () => {
    const h = startHarness({ finish: false })
    stepUntilSnapshot(h)
    const { result } = renderThrottled(h)
    expect(result.current).toBe(h.store.getState().run)
    stepUntilSnapshot(h)
    advance(0)
    const shown = result.current
    expect(shown).toBe(h.store.getState().run)

    stepUntilSnapshot(h)
    stepUntilSnapshot(h)
    advance(CHART_REDRAW_MS - 10)
    expect(result.current).toBe(shown)
    stepUntilSnapshot(h)
    expect(result.current).toBe(shown)
    advance(10)
    expect(result.current).toBe(h.store.getState().run)
    expect(result.current!.stepsDone).toBeGreaterThan(shown!.stepsDone)
  })

  it('shows the finished run at once, without waiting for the interval', () => {
    const h = startHarness({ finish: false })
    stepUntilSnapshot(h)
    const { result } = renderThrottled(h)
    stepUntilSnapshot(h)
    advance(0)
    stepUntilSnapshot(h)
    const throttled = result.current
    expect(throttled).not.toBe(h.store.getState().run)
    act(() => h.client.drain())
    const done = h.store.getState().run!
    expect(done.status).toBe('done')
    expect(result.current).toBe(done)
    expect(result.current!.steps).toHaveLength(done.stepCount)
  })

  it('shows a new run at once instead of the previous run', () => {
    const h = startHarness({ finish: true })
    const { result } = renderThrottled(h)
    act(() => h.store.getState().setPolicy('geofenced'))
    stepUntilSnapshot(h)
    expect(result.current).toBe(h.store.getState().run)
    expect(result.current!.policy).toBe('geofenced')
  })
})

describe('ChartsPanel while a run streams', () => {
  withFakeTimers()

  it('redraws on the throttle, and draws the exact finished data once the run is done', () => {
    const h = startHarness({ finish: false })
    for (let i = 0; i < 6; i++) stepUntilSnapshot(h)
    renderWith(h, <ChartsPanel />)
    const caption = () =>
      screen.getByRole('figure', { name: /^Load/ }).querySelector('figcaption')?.textContent
    const shown = caption()
    // However many snapshots arrive within the interval, the charts keep what they drew.
    for (let i = 0; i < 10; i++) stepUntilSnapshot(h)
    expect(caption()).toBe(shown)

    act(() => h.client.drain())
    const finished = caption()
    cleanup()
    renderWith(h, <ChartsPanel />)
    expect(caption()).toBe(finished)
    expect(finished).not.toBe(shown)
  })
})
