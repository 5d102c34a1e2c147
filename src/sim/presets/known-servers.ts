/**
 * Server addresses that sources tie to a data-center site, so an observation that names only an
 * address can be placed on the map. Every entry carries its source; an address no source places
 * is not listed (the importer then asks for a site id instead).
 */
import type { Provenance } from '../model'

/** A server address a source ties to a site of the built-in world. */
export interface KnownServer {
  /** IPv4 address as written in the source. */
  readonly address: string
  /** Id of the site in the built-in world (world-2020.json). */
  readonly siteId: string
  readonly provenance: Provenance
}

/** Known server addresses, one entry per address. */
export const KNOWN_SERVERS: readonly KnownServer[] = [
  {
    address: '52.81.151.250',
    siteId: 'beijing',
    provenance: {
      kind: 'sourced',
      ref: 'https://citizenlab.ca/2020/04/move-fast-roll-your-own-crypto-a-quick-look-at-the-confidentiality-of-zoom-meetings/',
      note: 'Citizen Lab, 3 April 2020: the AES-128 key of a US-Canada test meeting "was sent to one of the participants over TLS from a Zoom server apparently located in Beijing, 52.81.151.250".',
    },
  },
]
