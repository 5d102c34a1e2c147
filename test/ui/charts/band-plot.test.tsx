// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup } from '@testing-library/react'
import { BandPlot } from '../../../src/ui/charts/band-plot'
import type { BandSeries } from '../../../src/ui/charts/band-plot'

afterEach(cleanup)

const value = (mean: number) => ({ mean, lower: mean - 10, upper: mean + 10 })

function plot(series: readonly BandSeries[], xs = [1, 2, 3, 4]) {
  return render(
    <BandPlot
      xs={xs}
      xDomain={[1, 4]}
      xTicks={xs}
      formatTick={String}
      describeX={(x) => `At ${x}`}
      series={series}
      hasDots
    />,
  )
}

describe('BandPlot', () => {
  it('breaks a series where it has no value yet: two stretches of band, line and dots', () => {
    const { container } = plot([
      { key: 'a', label: 'A', colour: 'red', values: [value(50), null, value(70), value(80)] },
    ])
    const band = container.querySelector('.kr-band-area')?.getAttribute('d') ?? ''
    const mean = container.querySelector('.kr-band-mean')?.getAttribute('d') ?? ''
    expect(band.match(/M/g)).toHaveLength(2)
    expect(band.match(/Z/g)).toHaveLength(2)
    expect(mean).toMatch(/^M[\d.,]+M[\d.,]+L[\d.,]+$/)
    expect(container.querySelectorAll('.kr-band-dot')).toHaveLength(3)
  })

  it('gives a right-axis series its own ticks and reads a point out, "not yet" where it has none', () => {
    const { container } = plot([
      { key: 'a', label: 'Joins', colour: 'red', values: [value(5000), value(6000), null, null] },
      {
        key: 'b',
        label: 'Refused (right axis)',
        colour: 'blue',
        isOnRightAxis: true,
        values: [value(20), value(30), value(40), null],
      },
    ])
    const ticks = [...container.querySelectorAll('.kr-band-tick text, text.kr-band-tick')].map(
      (t) => t.textContent,
    )
    // The left axis goes to 6,010 (ticks up to 8,000), the right one to 50: each its own scale.
    expect(ticks).toEqual(expect.arrayContaining(['8,000', '50']))
    const group = screen.getByRole('group', { name: /use the arrow keys/ })
    fireEvent.keyDown(group, { key: 'End' })
    expect(container.querySelector('.kr-band-readout')).toHaveTextContent(
      'At 4: Joins: not yet; Refused (right axis): not yet',
    )
    fireEvent.keyDown(group, { key: 'Home' })
    fireEvent.keyDown(group, { key: 'ArrowRight' })
    expect(container.querySelector('.kr-band-readout')).toHaveTextContent(
      'At 2: Joins 6,000 (95% interval 5,990 to 6,010); Refused (right axis) 30 (95% interval 20 to 40)',
    )
    fireEvent.blur(group)
    expect(container.querySelector('.kr-band-readout')).toHaveTextContent('')
  })
})
