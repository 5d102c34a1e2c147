/**
 * A one-site, one-city loss system as a scenario (an M/M/c/c queue): the engine's check against
 * Erlang-B (engine.test.ts) and the load of the engine benchmark (test/bench/erlang-load.ts).
 */
import type { ScenarioInput } from '../../src/sim/scenario'

/** A one-site, one-city loss system: Poisson arrivals, exponential holding, one participant. */
export function lossSystem(
  servers: number,
  erlangs: number,
  holdingMinutes: number,
  days: number,
): ScenarioInput {
  const arrivalsPerDay = (erlangs / holdingMinutes) * 1440
  return {
    id: 'loss-system',
    name: 'Erlang-B check',
    startDate: '2021-01-04',
    days,
    policy: 'fail-closed',
    seed: servers * 1000 + Math.round(erlangs * 10),
    world: {
      id: 'one-site',
      regions: [{ id: 'US', name: 'One region', secondaryRegions: [] }],
      sites: [
        {
          id: 'only-site',
          city: 'Anywhere',
          country: 'US',
          jurisdiction: 'US',
          region: 'US',
          lat: 40,
          lon: -75,
          capacityParticipants: servers,
          distributesKeys: true,
        },
      ],
      cities: [
        {
          id: 'only-city',
          name: 'Anywhere',
          country: 'US',
          region: 'US',
          lat: 40,
          lon: -75,
          weight: 1,
          utcOffsetHours: 0,
        },
      ],
    },
    demand: {
      dailyParticipants: [{ date: '2021-01-01', participants: arrivalsPerDay }],
      scale: 1,
      dailyCurveLocal: new Array<number>(24).fill(1),
      weekendFactor: 1,
      meanParticipants: 1,
      maxParticipants: 1,
      crossBorderShare: 0,
      duration: { distribution: 'exponential', meanMinutes: holdingMinutes },
    },
    routing: {
      primaryAttempts: 1,
      secondaryPicks: 2,
      failureCurve: { thresholdUtilisation: 1, maxFailureProbability: 0, exponent: 1 },
    },
  }
}
