import { useDeferredValue, useId, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { MeetingLedger } from '../../sim/ledger'
import type { World } from '../../sim/model'
import {
  findLedger,
  ledgersByCountries,
  ledgersForSelection,
  ledgersOf,
  parseCountryQuery,
  selectOtherRun,
} from '../../store/ledger-selectors'
import type { CountryMatch } from '../../store/ledger-selectors'
import { selectMapRun } from '../../store/selectors'
import { useAppStore } from '../store-context'
import { formatCount, formatShortTime } from './format'
import { LedgerCompare, LedgerView } from './ledger-view'
import { siteName } from './ledger-text'
import './ledger.css'

const PAGE = 20
const MATCH_CHOICES: readonly (readonly [CountryMatch, string])[] = [
  ['exactly', 'exactly these countries'],
  ['atLeast', 'at least these countries (others may join)'],
]

/** One logged meeting as a button: when, where its participants are, where exposed keys came from. */
function meetingLabel(ledger: MeetingLedger, world: World, startDate: string): string {
  const keys = [
    ...new Set(
      ledger.participants
        .filter((p) => p.isConcern || p.isCrossBorder)
        .map((p) => `${siteName(world, p.keySiteId)} (${p.keyJurisdiction ?? '?'})`),
    ),
  ]
  return `Meeting ${ledger.meetingId}, ${formatShortTime(startDate, ledger.timeMinutes)} UTC: ${ledger.countries.join('+')}, exposed key from ${keys.join(', ')}`
}

function MeetingList({
  label,
  ledgers,
  world,
  startDate,
}: {
  label: string
  ledgers: readonly MeetingLedger[]
  world: World
  startDate: string
}) {
  const openLedger = useAppStore((s) => s.openLedger)
  const [limit, setLimit] = useState(PAGE)
  return (
    <>
      <ul aria-label={label} className="kr-ledger-list">
        {ledgers.slice(0, limit).map((l) => (
          <li key={l.meetingId}>
            <button
              type="button"
              className="kr-link-button"
              onClick={() => openLedger(l.meetingId)}
            >
              {meetingLabel(l, world, startDate)}
            </button>
          </li>
        ))}
      </ul>
      {ledgers.length > limit && (
        <button type="button" onClick={() => setLimit((n) => n + PAGE)}>
          Show more meetings
        </button>
      )}
    </>
  )
}

/**
 * The meeting ledger: find a logged meeting (from the selection, or by its participants'
 * countries), read what the engine did for each participant, and, when two policies are
 * compared, the same meeting under the other one. The open meeting is drawn on the map as a call.
 */
export default function LedgerPanel() {
  const { run, other, selection, meetingId, openLedger } = useAppStore(
    useShallow((s) => ({
      run: selectMapRun(s),
      other: selectOtherRun(s),
      selection: s.selection,
      meetingId: s.ledgerMeetingId,
      openLedger: s.openLedger,
    })),
  )
  const queryId = useId()
  const [query, setQuery] = useState('')
  const [search, setSearch] = useState<{ text: string; match: CountryMatch; concern: boolean }>({
    text: '',
    match: 'exactly',
    concern: false,
  })
  const [match, setMatch] = useState<CountryMatch>('exactly')
  const [isConcernOnly, setConcernOnly] = useState(false)
  // A large run's ledgers arrive as text and are parsed on first read (step-codec.ts): the
  // deferred render reads them in a task of its own, not in the one that takes the run's end.
  const summary = useDeferredValue(run?.summary)
  const ledgers = ledgersOf(summary)
  const parsed = parseCountryQuery(search.text)
  const found = useMemo(() => {
    const byCountry = ledgersByCountries(
      ledgers,
      parseCountryQuery(search.text).countries,
      search.match,
    )
    return search.concern
      ? byCountry.filter((l) => l.participants.some((p) => p.isConcern))
      : byCountry
  }, [ledgers, search])
  const fromSelection = useMemo(() => ledgersForSelection(ledgers, selection), [ledgers, selection])
  if (!run?.world) return null
  const world = run.world
  const ledger = findLedger(summary, meetingId)
  return (
    <section aria-labelledby="kr-ledger-h" className="kr-ledger-panel">
      <h2 id="kr-ledger-h">Meeting ledger</h2>
      {!summary ? (
        <p role="status">The logged meetings appear when the run finishes.</p>
      ) : (
        <>
          <p className="kr-hint">
            {formatCount(ledgers.length)} meetings logged: those with an exposure the incident log
            kept.
          </p>
          <form
            className="kr-ledger-search"
            role="search"
            aria-label="Find logged meetings by country"
            onSubmit={(e) => {
              e.preventDefault()
              setSearch({ text: query, match, concern: isConcernOnly })
            }}
          >
            <label htmlFor={queryId}>Participants’ countries (e.g. US+CA)</label>
            <input
              id={queryId}
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              autoComplete="off"
            />
            <fieldset className="kr-fieldset">
              <legend>Match</legend>
              {MATCH_CHOICES.map(([value, text]) => (
                <label key={value} className="kr-check">
                  <input
                    type="radio"
                    name={`${queryId}-match`}
                    checked={match === value}
                    onChange={() => setMatch(value)}
                  />
                  {text}
                </label>
              ))}
            </fieldset>
            <label className="kr-check">
              <input
                type="checkbox"
                checked={isConcernOnly}
                onChange={(e) => setConcernOnly(e.target.checked)}
              />
              only keys from a jurisdiction of concern
            </label>
            <button type="submit">Find meetings</button>
          </form>
          {search.text !== '' && (
            <>
              <p role="status">
                {parsed.countries.length === 0
                  ? 'Type two-letter country codes, such as US+CA.'
                  : `${formatCount(found.length)} logged meetings whose connected participants are in ${search.match === 'exactly' ? 'exactly' : 'at least'} ${parsed.countries.join(' and ')}${search.concern ? ', with a key from a jurisdiction of concern' : ''}.`}
                {parsed.invalid.length > 0 ? ` Ignored: ${parsed.invalid.join(', ')}.` : ''}
              </p>
              <MeetingList
                key={`${search.text}|${search.match}|${String(search.concern)}`}
                label="Meetings found"
                ledgers={found}
                world={world}
                startDate={run.startDate}
              />
            </>
          )}
          {selection && (
            <>
              <h3>Logged meetings of the selection</h3>
              {fromSelection.length === 0 ? (
                <p>No logged meeting involves the selection.</p>
              ) : (
                <MeetingList
                  key={JSON.stringify(selection)}
                  label="Meetings of the selection"
                  ledgers={fromSelection}
                  world={world}
                  startDate={run.startDate}
                />
              )}
            </>
          )}
          {meetingId !== null &&
            (ledger ? (
              <>
                <LedgerView ledger={ledger} run={run} />
                {other && (
                  <LedgerCompare
                    ledger={ledger}
                    other={findLedger(other.summary, meetingId)}
                    otherRun={other}
                    world={world}
                  />
                )}
              </>
            ) : (
              <p role="status">Meeting {meetingId} is not among the meetings this run logged.</p>
            ))}
          {meetingId !== null && (
            <button type="button" onClick={() => openLedger(null)}>
              Close meeting {meetingId}
            </button>
          )}
        </>
      )}
    </section>
  )
}
