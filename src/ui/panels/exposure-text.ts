/**
 * Words for why a key delivery counts as an exposure. A government account's key issued in the
 * neighbouring country is cross-border by design (it may use only its own country), which reads
 * like an error unless the account kind is shown beside it.
 */
import type { AccountKind, Incident } from '../../sim/model'

/** "government account". */
export function accountLabel(account: AccountKind): string {
  return `${account} account`
}

const ALLOWED: Record<AccountKind, string> = {
  free: 'free: its home region and the neighbouring regions',
  paid: 'paid: its home region, the neighbouring regions and the regions it opted into',
  government: 'government: its own country',
}

/** Why a delivery is cross-border, for the incident's account kind (and the participant's country). */
export function crossBorderReason(account: AccountKind, participantCountry = ''): string {
  const where = account === 'government' && participantCountry ? `, ${participantCountry}` : ''
  return `Cross-border: the key came from outside the regions this account may use (${ALLOWED[account]}${where}).`
}

/** Why a delivery is a concern. */
export function concernReason(keyJurisdiction: string): string {
  return `Jurisdiction of concern: the key came from ${keyJurisdiction || 'a jurisdiction of concern'}, a jurisdiction of concern where no participant is.`
}

/** The kinds an incident counts as, each with its reason, in the order the table names them. */
export function exposureReasons(
  incident: Incident,
  keyJurisdiction: string,
  participantCountry = '',
): readonly string[] {
  return [
    ...(incident.isCrossBorder ? [crossBorderReason(incident.account, participantCountry)] : []),
    ...(incident.isConcern ? [concernReason(keyJurisdiction)] : []),
  ]
}
