import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  MAX_OBSERVATIONS,
  MAX_OBSERVATION_BYTES,
  observationErrorText,
  readObservations,
} from '../../src/sim/observations'
import { observationText, placeObservations } from '../../src/sim/observations-place'
import { WORLD_2020 } from '../../src/sim/presets/world-2020'
import { KNOWN_SERVERS } from '../../src/sim/presets/known-servers'

const HEADER = 'time,participant,server,seen,source,note'
const GOOD = '2020-04-02T15:00Z,CA,52.81.151.250,key-delivered,Citizen Lab,'
const texts = (csv: string): string[] => readObservations(csv).errors.map(observationErrorText)
const countryName = (code: string): string => ({ CA: 'Canada', US: 'United States' })[code] ?? code

describe('readObservations', () => {
  it('reads the sample file of the Citizen Lab test call with no error', () => {
    const text = readFileSync('docs/samples/citizenlab-test-call.csv', 'utf8')
    const { rows, errors } = readObservations(text)
    expect(errors).toEqual([])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      participant: 'CA',
      server: '52.81.151.250',
      seen: 'key-delivered',
      source: 'Citizen Lab',
      timeMs: Date.UTC(2020, 3, 2),
    })
    expect(rows[0]?.sourceUrl).toMatch(/^https:\/\/citizenlab\.ca\//)
  })

  it('takes CRLF line ends, quoted fields with commas, quotes and line breaks, and any column order and case', () => {
    const csv = `SEEN,Time,Participant,Server,Note\r\n"media relayed",2020-04-02T15:00:30Z,Toronto,beijing,"a ""quoted"", two-line\r\nnote"\r\nkey-delivered,2020-04-02,US,san-jose,\r\n`
    const { rows, errors } = readObservations(csv)
    expect(errors).toEqual([])
    expect(rows.map((r) => [r.line, r.seen, r.participant, r.server])).toEqual([
      [2, 'media-relayed', 'Toronto', 'beijing'],
      [4, 'key-delivered', 'US', 'san-jose'],
    ])
    expect(rows[0]?.note).toBe('a "quoted", two-line\r\nnote')
    expect(rows[0]?.timeMs).toBe(Date.UTC(2020, 3, 2, 15, 0, 30))
  })

  it('skips comment lines and blank lines, even with quotes in a comment', () => {
    const csv = `# a "comment, with" quotes\n\n${HEADER}\n# another\n${GOOD}\n\n`
    const { rows, errors } = readObservations(csv)
    expect(errors).toEqual([])
    expect(rows.map((r) => r.line)).toEqual([5])
  })

  it('reports a bad time with its line and the field, and still loads the other rows', () => {
    const csv = `${HEADER}\n${GOOD}\n${GOOD}\n2020-13-01,CA,beijing,key-delivered,,\n${GOOD}`
    const { rows, errors } = readObservations(csv)
    expect(rows.map((r) => r.line)).toEqual([2, 3, 5])
    expect(errors).toEqual([
      {
        line: 4,
        field: 'time',
        message: 'time "2020-13-01" is not a UTC time such as 2020-04-02T15:00Z',
      },
    ])
    expect(observationErrorText(errors[0]!)).toBe(
      'line 4: time "2020-13-01" is not a UTC time such as 2020-04-02T15:00Z',
    )
  })

  it('reports an empty time, participant, server and seen, each by field', () => {
    const errors = readObservations(`${HEADER}\n,,,,,a note alone`).errors
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'time'],
      [2, 'participant'],
      [2, 'server'],
      [2, 'seen'],
    ])
  })

  it('reports a seen value that is neither key-delivered nor media-relayed', () => {
    expect(texts(`${HEADER}\n2020-04-02,CA,beijing,heard it,,`)).toEqual([
      'line 2: seen "heard it" is not key-delivered or media-relayed',
    ])
  })

  it('reports a source_url that is not an http or https address', () => {
    expect(
      texts(
        `time,participant,server,seen,source_url\n2020-04-02,CA,beijing,key-delivered,javascript:alert(1)`,
      ),
    ).toEqual(['line 2: source_url "javascript:alert(1)" is not an http or https address'])
  })

  it('reports a line with more fields than the header names', () => {
    expect(texts(`${HEADER}\n${GOOD},extra,more`)).toEqual([
      'line 2: has 8 fields but the header names 6 columns (a comma too many, or a field with a comma that is not quoted)',
    ])
  })

  it('reads a short line whose missing fields are optional', () => {
    const { rows, errors } = readObservations(`${HEADER}\n2020-04-02,CA,beijing,key-delivered`)
    expect(errors).toEqual([])
    expect(rows[0]).toMatchObject({ source: '', note: '' })
  })

  it('reports a field over the length limit', () => {
    const errors = readObservations(`${HEADER}\n${GOOD}${'x'.repeat(1001)}`).errors
    expect(errors).toEqual([
      { line: 2, field: 'note', message: 'note has 1001 characters; at most 1000' },
    ])
  })

  it('reports an unknown column and a column named twice, and reads the rest', () => {
    const { rows, errors } = readObservations(
      `time,participant,server,seen,colour,time\n2020-04-02,CA,beijing,key-delivered,red,2020-05-01`,
    )
    expect(errors.map(observationErrorText)).toEqual([
      'line 1: column "colour" is not one of time, participant, server, seen, source, source_url, note; it is ignored',
      'line 1: column time is named twice; the first one is read',
    ])
    expect(rows[0]?.time).toBe('2020-04-02')
  })

  it('refuses a header that lacks a required column, with no rows', () => {
    const { rows, errors } = readObservations(`time,participant,seen\n2020-04-02,CA,key-delivered`)
    expect(rows).toEqual([])
    expect(errors.map(observationErrorText)).toEqual([
      'line 1: the header lacks the column server; it needs time, participant, server, seen',
    ])
  })

  it('refuses an empty file, saying a header is needed', () => {
    expect(texts('\n\n# only a comment\n')[0]).toMatch(/^file: the file has no header line/)
  })

  it('reports a quote that is never closed at the line it opened, keeping the rows before it', () => {
    const { rows, errors } = readObservations(
      `${HEADER}\n${GOOD}\n2020-04-02,CA,beijing,"key\n${GOOD}`,
    )
    expect(rows.map((r) => r.line)).toEqual([2])
    expect(errors.map(observationErrorText)).toEqual([
      'line 3: a quoted field is never closed (a " is missing); the rest of the file was not read',
    ])
  })

  it('refuses a file over the size limit before reading it', () => {
    const { rows, errors } = readObservations('x'.repeat(MAX_OBSERVATION_BYTES + 1))
    expect(rows).toEqual([])
    expect(errors[0]).toMatchObject({ line: 0, field: null })
    expect(observationErrorText(errors[0]!)).toMatch(/^file: the file has 1,000,001 characters/)
  })

  it('reads at most MAX_OBSERVATIONS rows and says where it stopped', () => {
    const csv = [HEADER, ...Array.from({ length: MAX_OBSERVATIONS + 3 }, () => GOOD)].join('\n')
    const { rows, errors } = readObservations(csv)
    expect(rows).toHaveLength(MAX_OBSERVATIONS)
    expect(errors.map(observationErrorText)).toEqual([
      `line ${MAX_OBSERVATIONS + 2}: a file holds at most 2,000 observations; this line and the 2 after it were not read`,
    ])
  })
})

describe('placeObservations', () => {
  const place = (csv: string) => placeObservations(readObservations(csv).rows, WORLD_2020)

  it('places a known server address on its site with the address’s source', () => {
    const { observations, errors } = place(`${HEADER}\n${GOOD}`)
    expect(errors).toEqual([])
    expect(observations[0]).toMatchObject({
      siteId: 'beijing',
      serverAddress: '52.81.151.250',
      country: 'CA',
      isCountry: true,
      serverProvenance: KNOWN_SERVERS[0]?.provenance,
    })
    expect(WORLD_2020.cities.find((c) => c.id === observations[0]?.cityId)?.country).toBe('CA')
  })

  it('places a city by name or id and a site by id or city, case aside', () => {
    const { observations, errors } = place(
      `${HEADER}\n2020-04-02,toronto,Beijing,key-delivered,,\n2020-04-02,TORONTO,san-jose,media-relayed,,`,
    )
    expect(errors).toEqual([])
    expect(observations.map((o) => [o.cityId, o.siteId, o.isCountry])).toEqual([
      ['toronto', 'beijing', false],
      ['toronto', 'san-jose', false],
    ])
  })

  it('places a country named in English, in any case and spacing, as its code would be', () => {
    const rows = ['CA', 'Canada', 'united  STATES', 'USA', 'United States of America', 'China']
    const { observations, errors } = place(
      [HEADER, ...rows.map((p) => `2020-04-02,${p},beijing,key-delivered,,`)].join('\n'),
    )
    expect(errors).toEqual([])
    expect(observations.map((o) => [o.country, o.isCountry])).toEqual([
      ['CA', true],
      ['CA', true],
      ['US', true],
      ['US', true],
      ['US', true],
      ['CN', true],
    ])
    expect(observations[1]?.cityId).toBe(observations[0]?.cityId)
  })

  it('reports a participant and a server it cannot place, by line and field, and places the rest', () => {
    const { observations, errors } = place(
      [
        HEADER,
        GOOD,
        '2020-04-02,Atlantis,beijing,key-delivered,,',
        '2020-04-02,ZZ,beijing,key-delivered,,',
        '2020-04-02,CA,1.2.3.4,key-delivered,,',
        '2020-04-02,CA,moon-base,key-delivered,,',
      ].join('\n'),
    )
    expect(observations.map((o) => o.line)).toEqual([2])
    expect(errors.map(observationErrorText)).toEqual([
      'line 3: participant "Atlantis" is neither a city nor a country (a code such as CA, or a name such as Canada) of this scenario\'s world',
      'line 4: participant "ZZ": this scenario\'s world has no city in ZZ',
      'line 5: server "1.2.3.4" is not a known server address (known: 52.81.151.250); give the site id instead',
      'line 6: server "moon-base" is neither a site id (such as beijing) nor a server address',
    ])
    expect(errors.map((e) => e.field)).toEqual(['participant', 'participant', 'server', 'server'])
  })

  it('reports a known address whose site the world lacks', () => {
    const world = { ...WORLD_2020, sites: WORLD_2020.sites.filter((s) => s.id !== 'beijing') }
    const { errors } = placeObservations(readObservations(`${HEADER}\n${GOOD}`).rows, world)
    expect(errors.map(observationErrorText)).toEqual([
      'line 2: server "52.81.151.250" is at site beijing, which this scenario\'s world does not have',
    ])
  })

  it('says an observation in one sentence, with its server, place, date and source', () => {
    const { observations } = place(
      `${HEADER}\n2020-04-02,CA,52.81.151.250,key-delivered,Citizen Lab,`,
    )
    expect(observationText(observations[0]!, WORLD_2020, countryName)).toBe(
      'Observed: key delivered by 52.81.151.250 (Beijing) to a participant in Canada, 2 Apr 2020 (Citizen Lab)',
    )
    const media = place(`${HEADER}\n2020-04-02T15:05Z,Toronto,beijing,media-relayed,,`)
    expect(observationText(media.observations[0]!, WORLD_2020, countryName)).toBe(
      'Observed: media relayed by Beijing for a participant in Toronto, Canada, 2 Apr 2020, 15:05 UTC',
    )
  })
})
