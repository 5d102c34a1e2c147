import { selectObservations } from '../../store/observation-selectors'
import { useAppStore } from '../store-context'
import { countryName } from '../map/country-name'
import { observationTimeText } from '../../sim/observations-place'

/**
 * The incident table's observed rows, above the simulated ones and tagged "Observed": each
 * imported observation with its server, participant, what was seen and its source. A row in the
 * run's days moves the clock to it and selects the server's site.
 */
export function ObservedRows() {
  const { world, items } = useAppStore(selectObservations)
  const select = useAppStore((s) => s.select)
  const setTime = useAppStore((s) => s.setTime)
  const pause = useAppStore((s) => s.pause)
  if (!world) return null
  return items.map(({ observation: o, minutes, isInRun }) => {
    const site = world.sites.find((s) => s.id === o.siteId)
    const city = world.cities.find((c) => c.id === o.cityId)
    const place = o.isCountry
      ? countryName(o.country)
      : `${city?.name ?? o.cityId}, ${countryName(o.country)}`
    const server = `${site?.city ?? o.siteId} (${site?.jurisdiction ?? ''})`
    const when = observationTimeText(o.timeMs)
    const seen = o.seen === 'key-delivered' ? 'Key delivered' : 'Media relayed'
    const show = (): void => {
      if (!isInRun) return
      pause()
      select({ kind: 'site', id: o.siteId })
      setTime(Math.floor(minutes))
    }
    return (
      <tr key={`observed-${o.line}`} className="kr-observed-row" onClick={show}>
        <td>
          {isInRun ? (
            <button
              type="button"
              className="kr-link-button"
              aria-label={`Show the observation of line ${o.line}: ${seen.toLowerCase()} by ${server} to a participant in ${place}, ${when}`}
            >
              {when}
            </button>
          ) : (
            when
          )}
        </td>
        <td>{place}</td>
        <td>
          {server}
          {o.serverAddress ? ` · ${o.serverAddress}` : ''}
        </td>
        <td>–</td>
        <td className="kr-cause-cell">
          <span className="kr-tag kr-tag-observed">Observed</span> {seen}
          {o.source || o.sourceUrl ? ' · ' : ''}
          {o.sourceUrl ? (
            <a href={o.sourceUrl} target="_blank" rel="noreferrer">
              {o.source || new URL(o.sourceUrl).hostname}
            </a>
          ) : (
            o.source
          )}
          {o.isCountry
            ? ` · shown at ${city?.name ?? o.cityId}, the file gives only the country`
            : ''}
          {isInRun ? '' : ' · outside this run’s days, not on the map'}
          {o.note ? <span className="kr-cause-text"> {o.note}</span> : null}
        </td>
      </tr>
    )
  })
}
