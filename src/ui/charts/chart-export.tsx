import { useState } from 'react'
import type { RefObject } from 'react'
import { scenarioForSettings } from '../../store/store'
import type { AppState } from '../../store/store'
import { selectMapRun } from '../../store/selectors'
import { POLICIES } from '../../sim/routing'
import { composeChartSvg, inlineChartSvg, svgSize } from '../export/chart-svg'
import type { ChartFrame, ChartSvg } from '../export/chart-svg'
import { sourceLines } from '../export/chart-source'
import type { RunIdentity } from '../export/chart-source'
import { svgToPng } from '../export/svg-png'
import { downloadBlob } from '../panels/export'
import { formatUtc } from '../panels/format'
import { useAppStoreApi } from '../store-context'

/** What a chart's export draws around it; the source line is added from the shown run. */
export interface ChartExportSpec extends Omit<ChartFrame, 'source'> {
  /** The file name's stem, e.g. `keyroute-chart-joins`. */
  readonly fileStem: string
  /** The assumptions the chart rests on, in the app's words (e.g. CAPACITY_BASIS). */
  readonly assumptions?: readonly string[]
}

/** The run the charts show, as the source line names it. */
function runIdentity(state: AppState): RunIdentity {
  const run = selectMapRun(state)
  const scenario = scenarioForSettings(state.settings, state.customScenario, state.siteOverrides)
  const policy = run?.policy ?? state.settings.policy
  return {
    scenarioName: scenario.name,
    scenarioId: scenario.id,
    policyLabel: POLICIES[policy].label,
    seed: run?.summary?.seed ?? state.settings.seed,
    hash: run?.hash ?? '',
    shownTime: run?.startDate ? formatUtc(run.startDate, state.timeMinutes) : '–',
  }
}

/** The chart inside `container` as a standalone SVG, in the page's current theme colours. */
function chartSvg(container: HTMLElement, spec: ChartExportSpec, state: AppState): ChartSvg {
  const svg = container.querySelector<SVGSVGElement>('.recharts-wrapper > svg.recharts-surface')
  if (!svg) throw new Error('the chart is not drawn yet')
  const root = getComputedStyle(document.documentElement)
  const lookup = (name: string): string => root.getPropertyValue(name)
  // recharts keeps room at the bottom for its HTML legend; the export draws its own above.
  const legend = container.querySelector<HTMLElement>('.recharts-legend-wrapper')
  const height = svgSize(svg, 'height') - (legend?.offsetHeight ?? 0)
  const chart = inlineChartSvg(svg, (el) => getComputedStyle(el), height)
  return composeChartSvg(
    chart,
    { ...spec, source: sourceLines(runIdentity(state), spec.assumptions ?? []) },
    { background: lookup('--kr-panel'), fg: lookup('--kr-fg'), muted: lookup('--kr-muted') },
    lookup,
  )
}

/** "Export chart": the chart as SVG or as a PNG at twice its size, each one keyboard button. */
export function ChartExport({
  spec,
  chartRef,
}: {
  spec: ChartExportSpec
  chartRef: RefObject<HTMLElement | null>
}) {
  const store = useAppStoreApi()
  const [problem, setProblem] = useState<string | null>(null)
  const save = async (format: 'svg' | 'png') => {
    setProblem(null)
    try {
      if (!chartRef.current) throw new Error('the chart is not drawn yet')
      const { svg, width, height } = chartSvg(chartRef.current, spec, store.getState())
      const blob =
        format === 'svg'
          ? new Blob([svg], { type: 'image/svg+xml' })
          : await svgToPng(svg, width, height, 2)
      downloadBlob(`${spec.fileStem}.${format}`, blob)
    } catch (error) {
      setProblem(`The chart could not be exported: ${(error as Error).message}.`)
    }
  }
  return (
    <div className="kr-chart-export" role="group" aria-label={`Export ${spec.title}`}>
      <span className="kr-chart-export-label" aria-hidden="true">
        Export chart:
      </span>
      {(['svg', 'png'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="kr-chart-export-button"
          aria-label={`Export ${spec.title} as ${format.toUpperCase()}`}
          // The name `npm run render -- --chart NAME` picks the chart by.
          data-chart={spec.fileStem.replace(/^keyroute-chart-/, '')}
          onClick={() => void save(format)}
        >
          {format.toUpperCase()}
        </button>
      ))}
      {problem && <p role="alert">{problem}</p>}
    </div>
  )
}
