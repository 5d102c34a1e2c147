/**
 * Plain words for a meeting ledger: what each connection attempt met, where a participant
 * connected and got its key, and why that delivery is (or is not) an exposure.
 */
import type { LedgerAttempt, LedgerParticipant, MeetingLedger } from '../../sim/ledger'
import type { World } from '../../sim/model'
import { countryName } from '../map/country-name'
import { concernReason, crossBorderReason } from './exposure-text'

const OUTCOME_WORDS: Record<LedgerAttempt['outcome'], string> = {
  connected: 'connected',
  full: 'full (at capacity)',
  down: 'down',
  congested: 'congested (refused under load)',
}

/** "Toronto" for a site id (the id itself when the world does not know it). */
export function siteName(world: World, siteId: string | null): string {
  if (siteId === null) return 'none'
  return world.sites.find((s) => s.id === siteId)?.city ?? siteId
}

/** "Toronto, Canada (CA)". */
export function participantPlace(world: World, p: LedgerParticipant): string {
  const city = world.cities.find((c) => c.id === p.cityId)?.name ?? p.cityId
  const country = countryName(p.country)
  return `${city}, ${country === p.country ? p.country : `${country} (${p.country})`}`
}

/** "Toronto (primary): full (at capacity)". */
export function attemptWords(world: World, a: LedgerAttempt): string {
  return `${siteName(world, a.siteId)} (${a.list}): ${OUTCOME_WORDS[a.outcome]}`
}

/** Why no attempt was made or why the participant went to the secondary list. */
export function attemptsNote(p: LedgerParticipant): string | null {
  if (p.attempts.length === 0) return 'no data center tried: none allowed or listed'
  if (p.isViaSecondary && !p.attempts.some((a) => a.list === 'primary'))
    return 'no primary data center allowed: straight to the secondary list'
  return null
}

/** Whether and why the delivery to this participant is an exposure, in a sentence or two. */
export function exposureWords(world: World, ledger: MeetingLedger, p: LedgerParticipant): string {
  if (p.keySiteId === null) return 'Not connected: it received no key.'
  const key = `${siteName(world, p.keySiteId)} (jurisdiction ${p.keyJurisdiction ?? '?'})`
  const reasons = [
    ...(p.isCrossBorder ? [crossBorderReason(ledger.account, p.country)] : []),
    ...(p.isConcern ? [concernReason(p.keyJurisdiction ?? '')] : []),
  ]
  if (reasons.length === 0)
    return `Not an exposure: the key came from ${key}, within the regions this account may use.`
  return `Exposure: the key came from ${key}. ${reasons.join(' ')}`
}

/** The participant's path in one sentence: attempts, the site that took it, its key. */
export function participantStory(world: World, p: LedgerParticipant): string {
  const failed = p.attempts.filter((a) => a.outcome !== 'connected')
  const tried =
    failed.length === 0
      ? ''
      : `tried ${failed.map((a) => `${siteName(world, a.siteId)} (${a.list}, ${a.outcome})`).join(', ')}; `
  if (p.connectedSiteId === null) return `${tried}no data center took it: blocked.`
  const via = p.isViaSecondary ? 'from the secondary list' : 'as a primary'
  return `${tried}${siteName(world, p.connectedSiteId)} took it ${via} and relays its media; key from ${siteName(world, p.keySiteId)}.`
}
