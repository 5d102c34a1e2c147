import type { World } from '../../sim/model'
import { POLICIES } from '../../sim/routing'
import { findSelectedIncident, incidentOnStep } from '../../store/incident-identity'
import type { IncidentSelection } from '../../store/incident-identity'
import { currentStep } from '../../store/selectors'
import type { RunState } from '../../store/store'
import { useAppStore } from '../store-context'
import { accountLabel, exposureReasons } from './exposure-text'
import { formatShortTime, formatStepSpan } from './format'

/**
 * One exposure of the shown run, named by what it is (participant, meeting), never by its place
 * in the log. Away from the step it happened in, it says so and offers to go there.
 */
export function IncidentDetails({
  selection,
  run,
}: {
  selection: IncidentSelection
  run: RunState
}) {
  const time = useAppStore((s) => s.timeMinutes)
  const setTime = useAppStore((s) => s.setTime)
  const pause = useAppStore((s) => s.pause)
  const world = run.world as World
  const summary = run.summary
  const incident = findSelectedIncident(summary, selection)
  if (!incident)
    return (
      <p role="status">
        {summary
          ? `This exposure is not in the log of the ${POLICIES[run.policy].label} run.`
          : 'The log appears when the run finishes.'}
      </p>
    )
  const isAtShownTime =
    incidentOnStep(summary, selection, currentStep(run, time), run.stepMinutes) !== null
  const when = `${formatShortTime(run.startDate, incident.timeMinutes)} UTC`
  // The clock moves by whole steps: the step the exposure happened in, not a point inside it.
  const stepStart = Math.floor(incident.timeMinutes / run.stepMinutes) * run.stepMinutes
  const goThere = (): void => {
    pause()
    setTime(stepStart)
  }
  const keySite = world.sites.find((s) => s.id === incident.keySiteId)
  const city = world.cities.find((c) => c.id === incident.participantCityId)
  const cityName = city?.name ?? incident.participantCityId
  return (
    <>
      <h3>
        Exposure: {cityName} participant, meeting {incident.meetingId}
      </h3>
      {!isAtShownTime && (
        <p className="kr-not-now" role="status">
          Not at the shown time: this exposure happened on {when}.{' '}
          <button type="button" onClick={goThere}>
            Go to {formatStepSpan(run.startDate, stepStart, run.stepMinutes)}
          </button>
        </p>
      )}
      <p className="kr-cause">{incident.cause}</p>
      <dl className="kr-dl">
        <dt>When</dt>
        <dd>
          <button type="button" className="kr-link-button" onClick={goThere}>
            {when}
          </button>
        </dd>
        <dt>Participant</dt>
        <dd>
          in {cityName}
          {city ? ` (${city.country})` : ''}
        </dd>
        <dt>Key issued by</dt>
        <dd>
          {keySite?.city ?? incident.keySiteId} (jurisdiction {keySite?.jurisdiction ?? '?'})
        </dd>
        <dt>Account</dt>
        <dd>{accountLabel(incident.account)}</dd>
        <dt>Meeting</dt>
        <dd>
          {incident.meetingParticipants}{' '}
          {incident.meetingParticipants === 1 ? 'participant' : 'participants'} from{' '}
          {incident.meetingCountries.join(', ')}; all of them share the exposed key.
        </dd>
        <dt>Why it counts</dt>
        <dd>
          <ul className="kr-reasons">
            {exposureReasons(incident, keySite?.jurisdiction ?? '', city?.country ?? '').map(
              (reason) => (
                <li key={reason}>{reason}</li>
              ),
            )}
          </ul>
        </dd>
        <dt>In the log</dt>
        <dd>
          entry {incident.seq} of the {POLICIES[run.policy].label} run
        </dd>
      </dl>
    </>
  )
}
