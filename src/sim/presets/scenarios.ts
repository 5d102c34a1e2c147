/**
 * Built-in scenarios, as data. Numbers with a source carry it in `provenance` (by dotted path)
 * or inline on the demand points; every other number is an assumption and the app says so.
 */
import type { Provenance } from '../model'
import type { ScenarioInput } from '../scenario'

const DEC_2019: Provenance = {
  kind: 'sourced',
  ref: 'https://www.loopinsight.com/2020/04/02/zoom-responds/',
  note: 'Yuan, 1 April 2020: the maximum number of daily meeting participants at the end of December 2019 was approximately 10 million. The model uses that maximum as the daily level.',
}
const MARCH_2020: Provenance = {
  kind: 'sourced',
  ref: 'https://www.loopinsight.com/2020/04/02/zoom-responds/',
  note: 'Yuan, 1 April 2020: in March 2020 more than 200 million daily meeting participants, free and paid. Placed mid-month.',
}
const APRIL_2020: Provenance = {
  kind: 'sourced',
  ref: 'https://blog.zoom.us/wordpress/2020/04/22/zoom-hits-milestone-on-90-day-security-plan-releases-zoom-5-0/',
  note: 'Zoom, 22 April 2020 (corrected 24 April): 300 million daily meeting participants. Placed mid-month.',
}

/** The sourced growth curve: Dec 2019 10M, March 2020 200M, April 2020 300M daily participants. */
const GROWTH_2020 = [
  { date: '2019-12-31', participants: 10_000_000, provenance: DEC_2019 },
  { date: '2020-03-15', participants: 200_000_000, provenance: MARCH_2020 },
  { date: '2020-04-15', participants: 300_000_000, provenance: APRIL_2020 },
]

const COMMON_PROVENANCE: Record<string, Provenance> = {
  'routing.secondaryPicks': {
    kind: 'sourced',
    ref: 'https://www.ubergizmo.com/2020/04/zoom-calls-routed-to-china/',
    note: 'Zoom, 3 April 2020: clients "reach out to two secondary datacenters off of a list of several secondary datacenters".',
  },
  'keys.concernJurisdictions': {
    kind: 'assumption',
    note: 'Treating China as the jurisdiction of concern is the model’s choice. Citizen Lab (https://citizenlab.ca/2020/04/move-fast-roll-your-own-crypto-a-quick-look-at-the-confidentiality-of-zoom-meetings/) observed keys delivered through servers in China even when all participants were outside China.',
  },
}

const CAPACITY_ADDED: Provenance = {
  kind: 'assumption',
  note: 'Zoom added capacity during the surge (Oracle Cloud from 16 March 2020, The Register; "tens of thousands of servers within hours", AP); how much is not published, so the multiplier is an assumption.',
}

/** Zoom's fix corrected the backup lists; it did not switch to another policy. */
const FIX_3_APRIL = {
  kind: 'list-correction' as const,
  at: '2020-04-03T12:00Z',
  label: '3 April 2020 fix: China removed from the backup lists (the hour is an assumption)',
}

/** Ids of the built-in scenarios. */
export const PRESET_IDS = [
  'citizenlab-2020',
  'surge-march-2020',
  'baseline-dec-2019',
  'fixed-april-2020',
  'region-control',
  'government',
] as const
/** Id of a built-in scenario. */
export type PresetId = (typeof PRESET_IDS)[number]

/** Built-in scenarios by id. Scale 1:2000 keeps a run to about a second in the browser. */
export const PRESETS: Readonly<Record<PresetId, ScenarioInput>> = {
  'citizenlab-2020': {
    id: 'citizenlab-2020',
    name: 'Citizen Lab test calls, US-Canada, March-April 2020',
    description:
      'US and Canadian participants during the March 2020 surge, under the misconfigured backup list that held the two China data centers, until the 3 April fix. Citizen Lab saw the AES-128 key of a US-Canada test meeting delivered by a server in Beijing (52.81.151.250). Demand per city is the same as in the global scenario; only US and Canadian cities are simulated.',
    startDate: '2020-03-27',
    days: 9,
    stepMinutes: 60,
    seed: 2020,
    policy: 'misconfigured-2020',
    population: { countries: ['US', 'CA'] },
    demand: { dailyParticipants: GROWTH_2020, scale: 0.0005, crossBorderShare: 0.3 },
    timeline: [FIX_3_APRIL],
    provenance: {
      ...COMMON_PROVENANCE,
      'population.countries': {
        kind: 'sourced',
        ref: 'https://www.tweaktown.com/news/71704/zoom-admits-data-was-mistakenly-routed-through-china/index.html',
        note: '"During a test of a Zoom meeting with two users, one in the United States and one in Canada, we found that the AES-128 key ... was sent to one of the participants over TLS from a Zoom server apparently located in Beijing".',
      },
      'timeline[0].at': {
        kind: 'sourced',
        ref: 'https://techcrunch.com/2020/04/03/zoom-calls-routed-china/',
        note: 'Zoom said on 3 April 2020 it had reversed the incorrect whitelisting; the hour is an assumption.',
      },
    },
  },
  'surge-march-2020': {
    id: 'surge-march-2020',
    name: 'Global surge, second half of March 2020',
    description:
      'The whole world during the March 2020 surge (about 200 million daily meeting participants) under the misconfigured backup list. Includes one illustrative site outage.',
    startDate: '2020-03-16',
    days: 14,
    policy: 'misconfigured-2020',
    seed: 7,
    demand: { dailyParticipants: GROWTH_2020, scale: 0.0005 },
    timeline: [
      {
        kind: 'outage',
        at: '2020-03-24T13:00Z',
        siteId: 'new-york',
        label: 'Illustrative outage of US East (assumption, not a reported event)',
      },
      { kind: 'restore', at: '2020-03-24T17:00Z', siteId: 'new-york', label: 'US East restored' },
    ],
    provenance: COMMON_PROVENANCE,
  },
  'baseline-dec-2019': {
    id: 'baseline-dec-2019',
    name: 'Baseline, December 2019',
    description:
      'About 10 million daily meeting participants, before the surge and before the China data centers were added to the backup lists: the data centers have room, so almost nobody falls back.',
    startDate: '2019-12-02',
    days: 7,
    policy: 'geofenced',
    seed: 1,
    demand: { dailyParticipants: GROWTH_2020, scale: 0.0005 },
    provenance: COMMON_PROVENANCE,
  },
  'fixed-april-2020': {
    id: 'fixed-april-2020',
    name: 'After the fix, April 2020',
    description:
      'April 2020 demand (about 300 million daily meeting participants) with geofenced backup lists: congestion still redirects clients, but never to China.',
    startDate: '2020-04-06',
    days: 14,
    capacityMultiplier: 1.3,
    policy: 'geofenced',
    seed: 4,
    demand: { dailyParticipants: GROWTH_2020, scale: 0.0005 },
    provenance: { ...COMMON_PROVENANCE, capacityMultiplier: CAPACITY_ADDED },
  },
  'region-control': {
    id: 'region-control',
    name: 'Data-routing control, from 18 April 2020',
    description:
      'Paid accounts opted into the US, Canada and Europe; free accounts stay in their home region; China is opt-in only; government accounts stay in their own country.',
    startDate: '2020-04-18',
    days: 14,
    capacityMultiplier: 1.3,
    policy: 'region-control',
    seed: 18,
    demand: { dailyParticipants: GROWTH_2020, scale: 0.0005 },
    provenance: {
      ...COMMON_PROVENANCE,
      capacityMultiplier: CAPACITY_ADDED,
      policy: {
        kind: 'sourced',
        ref: 'https://onmsft.com/news/zoom-new-security-setting-stop-traffic-to-china/',
        note: 'From 18 April 2020, admins of paid accounts opt in or out of data-center regions for data in transit.',
      },
    },
  },
  government: {
    id: 'government',
    name: 'Government accounts during the misconfiguration',
    description:
      'The March 2020 surge with a larger share of government accounts, which use only data centers in their own country: reported as "not affected" by the China backup list.',
    startDate: '2020-03-16',
    days: 7,
    policy: 'government',
    seed: 9,
    demand: { dailyParticipants: GROWTH_2020, scale: 0.0005 },
    accounts: { free: 0.5, paid: 0.35, government: 0.15 },
    provenance: {
      ...COMMON_PROVENANCE,
      policy: {
        kind: 'sourced',
        ref: 'https://indiatoday.in/technology/news/story/zoom-admits-routing-user-data-through-china-says-govt-customers-unaffected-1664391-2020-04-07',
        note: 'Reported: government customers were not affected.',
      },
    },
  },
}
