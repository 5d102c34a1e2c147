import { describe, expect, it } from 'vitest'
import { captionParts } from '../../src/sim/briefing-caption'
import type { ComputedFigure } from '../../src/sim/briefing-figures'

const figure = (
  metric: ComputedFigure['metric'],
  value: number,
  span: ComputedFigure['span'] = 'step',
): ComputedFigure => ({
  metric,
  span,
  run: 'primary',
  value,
})

describe('captionParts', () => {
  it('puts the first figure of each named metric in place of its reference', () => {
    const step = figure('concernExposures', 12)
    const upTo = figure('concernExposures', 40, 'upTo')
    const meetings = figure('meetings', 900)
    expect(
      captionParts(
        'This hour {meetings} meetings began; {concernExposures} keys came from China.',
        [step, upTo, meetings],
      ),
    ).toEqual([
      { kind: 'text', text: 'This hour ' },
      { kind: 'figure', figure: meetings },
      { kind: 'text', text: ' meetings began; ' },
      { kind: 'figure', figure: step },
      { kind: 'text', text: ' keys came from China.' },
    ])
  })

  it('keeps a reference to no figure as typed, joined with the text around it', () => {
    expect(
      captionParts('Up to now {blocked} joins failed, {nothing}.', [figure('meetings', 1)]),
    ).toEqual([{ kind: 'text', text: 'Up to now {blocked} joins failed, {nothing}.' }])
  })

  it('gives no empty text around figures at the ends or side by side', () => {
    const a = figure('meetings', 1)
    const b = figure('blocked', 2)
    expect(captionParts('{meetings}{blocked}', [a, b])).toEqual([
      { kind: 'figure', figure: a },
      { kind: 'figure', figure: b },
    ])
    expect(captionParts('', [a])).toEqual([])
  })

  it('shows the same figure for every reference to one metric', () => {
    const a = figure('meetings', 7)
    const parts = captionParts('{meetings} and again {meetings}', [
      a,
      figure('meetings', 9, 'upTo'),
    ])
    expect(parts.filter((p) => p.kind === 'figure')).toEqual([
      { kind: 'figure', figure: a },
      { kind: 'figure', figure: a },
    ])
  })
})
