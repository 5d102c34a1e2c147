import { useEffect, useRef } from 'react'
import type { MeetingLedger } from '../../sim/ledger'
import type { World } from '../../sim/model'
import { POLICIES } from '../../sim/routing'
import { isExposedParticipant, participantChanges } from '../../store/ledger-selectors'
import type { RunState } from '../../store/store'
import { useAppStore } from '../store-context'
import { accountLabel } from './exposure-text'
import { formatCount, formatShortTime } from './format'
import {
  attemptWords,
  attemptsNote,
  exposureWords,
  participantPlace,
  participantStory,
  siteName,
} from './ledger-text'

function Role({ slot }: { slot: number }) {
  return <>{slot === 0 ? 'Host' : `Participant ${slot + 1}`}</>
}

/** The ledger of one meeting: plain words first, then the table. */
export function LedgerView({ ledger, run }: { ledger: MeetingLedger; run: RunState }) {
  const world = run.world as World
  const setTime = useAppStore((s) => s.setTime)
  const pause = useAppStore((s) => s.pause)
  const headingRef = useRef<HTMLHeadingElement | null>(null)
  // Opening a meeting from a list moves focus here, so the ledger is read next.
  useEffect(() => headingRef.current?.focus(), [ledger.meetingId])
  const connected = ledger.participants.filter((p) => p.connectedSiteId !== null)
  const exposed = ledger.participants.filter(isExposedParticipant)
  const policy = POLICIES[ledger.policy].label
  const stepStart = Math.floor(ledger.timeMinutes / run.stepMinutes) * run.stepMinutes
  return (
    <article aria-labelledby="kr-ledger-meeting-h" className="kr-ledger">
      <h3 id="kr-ledger-meeting-h" ref={headingRef} tabIndex={-1}>
        Meeting {ledger.meetingId}: {connected.length} of {ledger.participants.length} participants
        connected ({ledger.countries.join(', ') || 'none'})
      </h3>
      <p>
        Started {formatShortTime(run.startDate, ledger.timeMinutes)} UTC, ended{' '}
        {formatShortTime(run.startDate, ledger.endMinutes)} UTC. Hosted on a{' '}
        {accountLabel(ledger.account)}; every participant shares the one meeting key. Policy in
        force: {policy}
        {ledger.isListCorrected ? ', backup lists corrected' : ''}.{' '}
        <button
          type="button"
          className="kr-link-button"
          onClick={() => {
            pause()
            setTime(stepStart)
          }}
        >
          Show that time on the map
        </button>
      </p>
      <p role="status">
        {exposed.length === 0
          ? 'No delivery of this meeting’s key was an exposure.'
          : `${exposed.length} of ${connected.length} connected participants received the key in an exposure, so the whole meeting’s key was exposed.`}
      </p>
      <ul className="kr-ledger-story">
        {ledger.participants.map((p) => (
          <li key={p.slot}>
            <strong>
              <Role slot={p.slot} /> in {participantPlace(world, p)}:
            </strong>{' '}
            {participantStory(world, p)} {exposureWords(world, ledger, p)}
          </li>
        ))}
      </ul>
      <div className="kr-table-scroll">
        <table className="kr-table kr-ledger-table">
          <caption>Ledger of meeting {ledger.meetingId}, one row per participant</caption>
          <thead>
            <tr>
              <th scope="col">Participant (city, country)</th>
              <th scope="col">Connection attempts, in order (site, list: outcome)</th>
              <th scope="col">Connected to (relays its media)</th>
              <th scope="col">Key delivered by (jurisdiction)</th>
              <th scope="col">Regions allowed</th>
              <th scope="col">Exposure, and why</th>
            </tr>
          </thead>
          <tbody>
            {ledger.participants.map((p) => (
              <tr key={p.slot} className={isExposedParticipant(p) ? 'kr-ledger-exposed' : ''}>
                <th scope="row">
                  <Role slot={p.slot} />: {participantPlace(world, p)}
                </th>
                <td>
                  <ol className="kr-ledger-attempts">
                    {p.attempts.map((a, i) => (
                      <li key={i}>{attemptWords(world, a)}</li>
                    ))}
                  </ol>
                  {attemptsNote(p)}
                </td>
                <td>
                  {siteName(world, p.connectedSiteId)}
                  {p.connectedSiteId !== null && (p.isViaSecondary ? ' (secondary)' : ' (primary)')}
                </td>
                <td>
                  {siteName(world, p.keySiteId)}
                  {p.keyJurisdiction ? ` (${p.keyJurisdiction})` : ''}
                </td>
                <td>
                  {p.allowedRegions.join(', ')}
                  {ledger.account === 'government' ? ' (own country’s sites only)' : ''}
                </td>
                <td>{exposureWords(world, ledger, p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  )
}

/** The same meeting under the other policy of a comparison, participant by participant. */
export function LedgerCompare({
  ledger,
  other,
  otherRun,
  world,
}: {
  ledger: MeetingLedger
  other: MeetingLedger | null
  otherRun: RunState
  world: World
}) {
  const shownPolicy = POLICIES[ledger.policy].label
  const otherPolicy = POLICIES[otherRun.policy].label
  if (!otherRun.summary)
    return <p role="status">The {otherPolicy} run has not finished: its ledgers come with it.</p>
  if (!other)
    return (
      <p role="status">
        The {otherPolicy} run did not log meeting {ledger.meetingId}: it keeps ledgers only of
        meetings with a logged exposure, so under {otherPolicy} this meeting had no exposure, or
        none among the {formatCount(otherRun.summary.incidents.length)} its log kept.
      </p>
    )
  const rows = participantChanges(ledger, other)
  const changed = rows.filter((r) => r.changes.length > 0).length
  const where = (p: MeetingLedger['participants'][number] | null): string =>
    !p
      ? '–'
      : p.connectedSiteId === null
        ? 'blocked'
        : `${siteName(world, p.connectedSiteId)}; key ${siteName(world, p.keySiteId)}${isExposedParticipant(p) ? ' (exposure)' : ''}`
  return (
    <section aria-labelledby="kr-ledger-compare-h">
      <h4 id="kr-ledger-compare-h">Same meeting under {otherPolicy}</h4>
      <p>
        {changed === 0
          ? 'Nothing changed for any participant.'
          : `${changed} of ${rows.length} participants fared differently.`}
      </p>
      <div className="kr-table-scroll">
        <table className="kr-table">
          <caption>Meeting {ledger.meetingId} under both policies</caption>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">{shownPolicy}: connected; key</th>
              <th scope="col">{otherPolicy}: connected; key</th>
              <th scope="col">What changed</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.slot}>
                <th scope="row">
                  <Role slot={r.slot} />: {participantPlace(world, r.shown)}
                </th>
                <td>{where(r.shown)}</td>
                <td>{where(r.other)}</td>
                <td>{r.changes.length === 0 ? 'nothing' : r.changes.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
