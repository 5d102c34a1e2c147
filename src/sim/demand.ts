/**
 * Demand: daily participants on a day and the arrival process built on them (the world a
 * scenario runs in and the expected joins are in scenario-world.ts): when meetings start and
 * what each one is. Meetings arrive as a non-homogeneous Poisson process whose rate is held constant over
 * 30-minute intervals and follows the daily participants of the scenario, each city's local
 * daily curve and weekday or weekend; each meeting draws its host city, account kind, size,
 * whether it crosses borders, its duration and its participants' cities.
 *
 * Determinism: pure functions of the validated scenario; the arrival process draws from the one
 * demand stream handed in, in a fixed order per meeting (host and account from one uniform, size,
 * cross-border, duration, cities), so two policies run on the same seed see the very same
 * meetings. The gaps between arrivals, the sizes and the durations are drawn by the ziggurat
 * method (ziggurat.ts), nearly always one uniform each: a one-participant meeting of exponential
 * duration takes three uniforms with its arrival time.
 */
import { utcDayMs } from './dates'
import type { AliasTable, Random } from './random'
import { buildAliasTable } from './random'
import type { ResolvedScenario, Scenario } from './scenario'
import { zigguratExponential, zigguratNormal } from './ziggurat'

/** A scenario's daily participants as (UTC day in ms, participants), in time order. */
interface DailyPoint {
  readonly t: number
  readonly v: number
}

function dailyPoints(scenario: Scenario): DailyPoint[] {
  return scenario.demand.dailyParticipants
    .map((p) => ({ t: utcDayMs(p.date), v: p.participants }))
    .sort((a, b) => a.t - b.t)
}

/** Daily participants (real, unscaled) on a UTC day, interpolated linearly between points. */
export function dailyParticipantsAt(scenario: Scenario, dayMs: number): number {
  return interpolateDaily(dailyPoints(scenario), dayMs)
}

function interpolateDaily(points: readonly DailyPoint[], dayMs: number): number {
  const first = points[0]
  if (!first) return 0
  if (dayMs <= first.t) return first.v
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as DailyPoint
    const b = points[i] as DailyPoint
    if (dayMs <= b.t) return a.v + ((b.v - a.v) * (dayMs - a.t)) / (b.t - a.t)
  }
  return (points[points.length - 1] as DailyPoint).v
}

/** Minutes over which the arrival rate is held constant (local hours start on the half hour in India). */
const RATE_INTERVAL_MINUTES = 30

/** One drawn meeting; the participants' city indices are written to the caller's array. */
export interface MeetingDraw {
  /** Index of the account kind in `ACCOUNT_KINDS` (every participant inherits the host's). */
  account: number
  /** Participants, host included (1 to `maxParticipants`). */
  size: number
  /** Minute the meeting ends. */
  endMinutes: number
}

/** The arrival process of one run, drawing from the run's demand stream. */
export class Demand {
  private readonly resolved: ResolvedScenario
  private readonly random: Random
  private readonly cityCount: number
  private readonly durationMinutes: number
  private readonly cityWeights: Float64Array
  private readonly localCurve: Float64Array
  private readonly accountThresholds: [number, number]
  private readonly countryTables: AliasTable[]
  private readonly cityCountryTable: Int32Array
  private readonly populationTable: AliasTable
  /** The daily participants, parsed and sorted once rather than on every rate interval. */
  private readonly dailyPoints: readonly DailyPoint[]
  /** Each city's UTC offset in ms, for its local hour and weekday. */
  private readonly offsetMs: Float64Array
  private rateTable: AliasTable | null = null
  /** Per city, the arrival rate of the rate interval (reused: one interval every 30 minutes). */
  private readonly rates: Float64Array
  private rateTotalPerMinute = 0
  /** 1 / rateTotalPerMinute: a multiplication per arrival instead of a division. */
  private meanGapMinutes = 0
  private rateIntervalEnd = 0

  // Scenario parameters read on every meeting, held in fields for the hot loop.
  private readonly meanOthers: number
  /** 1 / -log(m / (1 + m)) for m other participants on average: the geometric's scale. */
  private readonly othersPerExponential: number
  private readonly maxParticipants: number
  private readonly crossBorderShare: number
  private readonly isExponentialDuration: boolean
  private readonly meanDurationMinutes: number
  private readonly durationSigma: number
  /** Location of the lognormal duration's normal, so that its mean is `meanDurationMinutes`. */
  private readonly durationMu: number
  /** The last exponential or normal variate drawn (ziggurat.ts writes it here). */
  private readonly variate = new Float64Array(1)
  /** What the host's draw leaves of its uniform, for the account kind. */
  private readonly rest = new Float64Array(1)

  constructor(resolved: ResolvedScenario, random: Random) {
    const { scenario, world } = resolved
    this.resolved = resolved
    this.random = random
    this.cityCount = world.cities.length
    this.durationMinutes = resolved.durationMinutes
    this.cityWeights = Float64Array.from(world.cities, (c) => c.weight)
    this.rates = new Float64Array(this.cityCount)
    const allWeight = resolved.baseCityWeight
    // Weights are shares of the unfiltered world, so a filtered population keeps its absolute demand.
    for (let i = 0; i < this.cityCount; i++)
      this.cityWeights[i] = (this.cityWeights[i] as number) / allWeight
    const curve = scenario.demand.dailyCurveLocal
    const curveMean = curve.reduce((a, b) => a + b, 0) / 24
    this.localCurve = Float64Array.from(curve, (v) => v / curveMean)
    const { free, paid } = resolved.accountShares
    this.accountThresholds = [free, free + paid]
    this.populationTable = buildAliasTable(this.cityWeights)
    this.dailyPoints = dailyPoints(scenario)
    this.offsetMs = Float64Array.from(world.cities, (c) => c.utcOffsetHours * 3_600_000)
    const countries = [...new Set(world.cities.map((c) => c.country))]
    this.countryTables = countries.map((country) =>
      buildAliasTable(world.cities.map((c) => (c.country === country ? c.weight : 0))),
    )
    this.cityCountryTable = Int32Array.from(world.cities, (c) => countries.indexOf(c.country))

    const demand = scenario.demand
    this.meanOthers = demand.meanParticipants - 1
    this.othersPerExponential =
      this.meanOthers > 0 ? -1 / Math.log(this.meanOthers / (1 + this.meanOthers)) : 0
    this.maxParticipants = demand.maxParticipants
    this.crossBorderShare = demand.crossBorderShare
    this.isExponentialDuration = demand.duration.distribution === 'exponential'
    this.meanDurationMinutes = demand.duration.meanMinutes
    this.durationSigma = demand.duration.sigma
    this.durationMu = Math.log(this.meanDurationMinutes) - this.durationSigma ** 2 / 2
    this.setRateInterval(0)
  }

  /**
   * Time of the next meeting start (minutes), drawn by {@link drawNextArrival}; Infinity past
   * the end. A field rather than a return value: V8 boxes a double a call returns.
   */
  nextArrivalMinutes = 0

  /**
   * Draws the time of the meeting start after the one in {@link nextArrivalMinutes} (0 at
   * first), at the piecewise constant rate, into {@link nextArrivalMinutes}. No argument: a
   * double passed to a call that is not inlined would be boxed.
   */
  drawNextArrival(): void {
    let now = this.nextArrivalMinutes
    for (;;) {
      if (now >= this.durationMinutes) {
        this.nextArrivalMinutes = Infinity
        return
      }
      if (now >= this.rateIntervalEnd) this.setRateInterval(now)
      const rate = this.rateTotalPerMinute
      if (rate > 0) {
        zigguratExponential(this.random, this.variate, 0)
        const candidate = now + (this.variate[0] as number) * this.meanGapMinutes
        if (candidate < this.rateIntervalEnd) {
          this.nextArrivalMinutes = candidate < this.durationMinutes ? candidate : Infinity
          return
        }
      }
      // Memoryless: restart the draw at the interval's end with the next interval's rate.
      now = this.rateIntervalEnd
    }
  }

  /**
   * Draws the meeting starting at {@link nextArrivalMinutes} (read here: a double argument would
   * be boxed on every meeting): writes its participants' city indices, host first, to `cities`
   * and returns the rest in `out`. Draw the next arrival after it.
   */
  drawMeeting(cities: Int32Array, out: MeetingDraw): void {
    const t = this.nextArrivalMinutes
    const random = this.random
    const host = (this.rateTable as AliasTable).drawFrom(random.next(), this.rest)
    const u = this.rest[0] as number
    // Two comparisons added rather than branched on (the thresholds are in order): a random
    // account kind would mispredict a branch about every other meeting.
    out.account = Number(u >= this.accountThresholds[0]) + Number(u >= this.accountThresholds[1])
    let size = 1
    if (this.meanOthers > 0) {
      // Geometric: the whole part of an exponential over -log(m / (1 + m)).
      zigguratExponential(random, this.variate, 0)
      const others = Math.floor((this.variate[0] as number) * this.othersPerExponential)
      size = Math.min(this.maxParticipants, 1 + others)
    }
    out.size = size
    const isCrossBorder = size > 1 && random.next() < this.crossBorderShare
    if (this.isExponentialDuration) zigguratExponential(random, this.variate, 0)
    else zigguratNormal(random, this.variate, 0)
    const variate = this.variate[0] as number
    const durationMinutes = this.isExponentialDuration
      ? variate * this.meanDurationMinutes
      : Math.exp(this.durationMu + this.durationSigma * variate)
    out.endMinutes = t + durationMinutes
    cities[0] = host
    if (size === 1) return
    const countryTable = this.countryTables[this.cityCountryTable[host] as number] as AliasTable
    for (let p = 1; p < size; p++) {
      cities[p] = isCrossBorder ? this.populationTable.draw(random) : countryTable.draw(random)
    }
  }

  /** Sets the per-city arrival rates for the rate interval that contains minute `t`. */
  private setRateInterval(t: number): void {
    const { scenario, startMs } = this.resolved
    const intervalStart = Math.floor(t / RATE_INTERVAL_MINUTES) * RATE_INTERVAL_MINUTES
    this.rateIntervalEnd = intervalStart + RATE_INTERVAL_MINUTES
    const midMs = startMs + (intervalStart + RATE_INTERVAL_MINUTES / 2) * 60_000
    const demand = scenario.demand
    const meetingsPerMinute =
      (interpolateDaily(this.dailyPoints, midMs) * demand.scale * demand.surgeMultiplier) /
      demand.meanParticipants /
      1440
    const weekday = 7 / (5 + 2 * demand.weekendFactor)
    const weekend = demand.weekendFactor * weekday
    const rates = this.rates
    let total = 0
    for (let c = 0; c < this.cityCount; c++) {
      const localMs = midMs + (this.offsetMs[c] as number)
      // Positive remainders: before 1970 localMs is negative, and so is a plain `%`. The weekday
      // is Date's getUTCDay by its definition (1 January 1970 was a Thursday), without a Date.
      const hour = ((Math.floor(localMs / 3_600_000) % 24) + 24) % 24
      const day = (((Math.floor(localMs / 86_400_000) + 4) % 7) + 7) % 7
      const dayFactor = day === 0 || day === 6 ? weekend : weekday
      const rate =
        meetingsPerMinute *
        (this.cityWeights[c] as number) *
        (this.localCurve[hour] as number) *
        dayFactor
      rates[c] = rate
      total += rate
    }
    this.rateTotalPerMinute = total
    this.meanGapMinutes = total > 0 ? 1 / total : 0
    this.rateTable = total > 0 ? buildAliasTable(rates, this.rateTable) : null
  }
}
