import { useRef } from 'react'
import type { ReactNode } from 'react'
import { ChartExport } from './chart-export'
import type { ChartExportSpec } from './chart-export'

/** A chart with its heading, its one-sentence text alternative and its export buttons. */
export function ChartFigure({
  id,
  summary,
  exported,
  children,
}: {
  id: string
  summary: ReactNode
  /** The title and what the export draws around the chart. */
  exported: ChartExportSpec
  children: ReactNode
}) {
  const chartRef = useRef<HTMLDivElement>(null)
  return (
    <figure className="kr-chart" aria-labelledby={`${id}-h`} aria-describedby={`${id}-d`}>
      <h3 id={`${id}-h`}>{exported.title}</h3>
      <div ref={chartRef}>{children}</div>
      <figcaption id={`${id}-d`} className="kr-hint">
        {summary}
      </figcaption>
      <ChartExport spec={exported} chartRef={chartRef} />
    </figure>
  )
}
