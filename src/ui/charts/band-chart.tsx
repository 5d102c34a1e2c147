import type { BandPlotProps } from './band-plot'
import { BandPlot } from './band-plot'

/**
 * The mean of each charted metric across replications as a line, with its 95% interval per step
 * as a band, under a caption. A metric the metric table puts on the right axis keeps its own axis
 * here too, so a small series is not flattened. The plot is memoised apart from the caption, so a
 * new count of replications in the caption does not redraw it.
 */
export function BandChart({
  title,
  description,
  ...plot
}: BandPlotProps & { title: string; description: string }) {
  return (
    <figure className="kr-band-chart" aria-label={title}>
      <figcaption>
        <strong>{title}</strong> <span className="kr-hint">{description}</span>
      </figcaption>
      <BandPlot {...plot} />
    </figure>
  )
}
