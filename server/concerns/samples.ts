import type { Sql } from '../db/database.ts'
import { seededRandom } from '../seeded-random.ts'
import type { Category, Status, TimeBand } from './vocabulary.ts'

/** How many sample concerns the demo gets, and the seed that makes them the same every time. */
export const SAMPLE_COUNT = 300
export const SAMPLE_SEED = 20_26

type Edge = { id: number; highway: string; lit: string; inOpenSpace: boolean; lengthM: number }
type Weighted<T> = [T, number][]

const MAIN_ROADS = new Set(['trunk', 'primary', 'secondary', 'tertiary', 'trunk_link', 'primary_link', 'secondary_link'])

function pick<T>(random: () => number, choices: Weighted<T>): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0)
  let r = random() * total
  for (const [value, weight] of choices) {
    if ((r -= weight) < 0) return value
  }
  return choices[choices.length - 1]![0]
}

/**
 * A plausible concern for a place, from what the map knows about it: unlit paths draw "poor
 * lighting" at night, open spaces "isolated" and "overgrown" in the evening and at night, main
 * roads harassment at all hours. Weights are made up for the demo, not taken from data.
 */
export function sampleFor(edge: Edge, random: () => number): { category: Category; timeBands: TimeBand[] } {
  const dark: Weighted<TimeBand[]> = [[['night'], 4], [['evening', 'night'], 3], [['evening'], 2], [['early_morning'], 1]]
  const anyTime: Weighted<TimeBand[]> = [[['daytime'], 3], [['evening'], 3], [['night'], 2], [['evening', 'night'], 2], [['early_morning'], 1]]
  let categories: Weighted<Category>
  if (MAIN_ROADS.has(edge.highway)) {
    categories = [['harassment_individual', 4], ['harassment_group', 3], ['followed', 2], ['drugs_alcohol', 1], ['no_cctv', 1], ['run_down', 1]]
  } else if (edge.inOpenSpace) {
    categories = [['isolated', 4], ['poor_lighting', edge.lit === 'yes' ? 1 : 4], ['restricted_visibility', 3], ['followed', 1], ['drugs_alcohol', 1]]
  } else if (edge.lit === 'no') {
    categories = [['poor_lighting', 6], ['poor_layout', 2], ['isolated', 1], ['followed', 1]]
  } else {
    categories = [['poor_lighting', 2], ['poor_layout', 2], ['run_down', 2], ['no_cctv', 1], ['harassment_other', 1], ['other', 1]]
  }
  const category = pick(random, categories)
  const behavioural = category.startsWith('harassment') || category === 'followed'
  const lightOrSpace = category === 'poor_lighting' || category === 'isolated' || category === 'restricted_visibility'
  return { category, timeBands: pick(random, lightOrSpace ? dark : behavioural ? anyTime : [...anyTime, ...dark]) }
}

const STATUSES: Weighted<Status> = [['new', 6], ['acknowledged', 2], ['action_planned', 1], ['actioned', 1]]
const RESPONSES: Partial<Record<Status, string>> = {
  acknowledged: 'Thank you: officers will look at this place on their next walk.',
  action_planned: 'We have asked the council to review the lighting and cut back the hedges here.',
  actioned: 'Patrols now pass here in the evening.',
}

/** Reports gather where a place feels unsafe: this share of the samples lies around a few hot places … */
const HOT_SHARE = 0.4
const HOT_PLACES = 12
/** … each within this many metres of its place along the same path, so DBSCAN finds them as hot spots. */
const HOT_SPREAD_METRES = 40
/** … and this share of a hot place's reports are of its usual kind and time. */
const HOT_USUAL_SHARE = 0.7

/**
 * Replaces the sample concerns (source 'sample') with `count` new ones along the walkable
 * paths inside the imported boundaries, chosen by a seeded generator weighted by edge length;
 * HOT_SHARE of them gather around HOT_PLACES places, as real reports do.
 * Returns how many were added; 0 when there are no paths yet.
 */
export async function addSampleConcerns(sql: Sql, options: { count?: number; seed?: number } = {}): Promise<number> {
  const random = seededRandom(options.seed ?? SAMPLE_SEED)
  const count = options.count ?? SAMPLE_COUNT
  return sql.begin(async (tx) => {
    await tx`DELETE FROM concerns WHERE source = 'sample'`
    const edges = await tx<Edge[]>`
      SELECT e.id, e.highway, e.lit, e.in_open_space AS "inOpenSpace", e.length_m AS "lengthM"
      FROM path_edges e
      WHERE e.length_m > 0 AND EXISTS (SELECT FROM boundaries b WHERE ST_Intersects(b.geom, ST_StartPoint(e.geom)))
      ORDER BY e.id`
    if (edges.length === 0) return 0
    // Cumulative lengths: a longer path is proportionally more likely to get a concern.
    const cumulative: number[] = []
    let total = 0
    for (const e of edges) cumulative.push((total += e.lengthM))
    const rows = { edge: [] as number[], at: [] as number[], category: [] as string[], bands: [] as string[], days: [] as string[],
      status: [] as string[], response: [] as (string | null)[], support: [] as number[], monthsAgo: [] as number[] }
    const randomEdge = () => {
      const target = random() * total
      let lo = 0
      let hi = edges.length - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (cumulative[mid]! < target) lo = mid + 1
        else hi = mid
      }
      return edges[lo]!
    }
    // A hot place has its own worry and time (the dark path at night, the bus stop after school):
    // most of its reports say the same.
    const hotPlaces = Array.from({ length: HOT_PLACES }, () => {
      const edge = randomEdge()
      return { edge, at: random(), usual: sampleFor(edge, random) }
    })
    for (let k = 0; k < count; k++) {
      const hot = k < count * HOT_SHARE ? hotPlaces[k % HOT_PLACES]! : null
      const edge = hot ? hot.edge : randomEdge()
      const spread = hot ? Math.min(1, HOT_SPREAD_METRES / edge.lengthM) : 0
      const at = hot ? Math.min(1, Math.max(0, hot.at + (random() * 2 - 1) * spread)) : random()
      const own = sampleFor(edge, random)
      const { category, timeBands } = hot && random() < HOT_USUAL_SHARE ? hot.usual : own
      const status = pick(random, STATUSES)
      rows.edge.push(edge.id)
      rows.at.push(at)
      rows.category.push(category)
      rows.bands.push(`{${timeBands.join(',')}}`)
      rows.days.push(pick(random, [['any', 5], ['weekdays', 2], ['weekends', 3]]))
      rows.status.push(status)
      rows.response.push(RESPONSES[status] ?? null)
      rows.support.push(1 + Math.floor(random() ** 3 * 8))
      rows.monthsAgo.push(Math.floor(random() * 12))
    }
    const inserted = await tx`
      INSERT INTO concerns (category, time_bands, days, source, status, public_response, support_count, month, created_at, geom, cell)
      SELECT s.category, s.bands::text[], s.days, 'sample', s.status, s.response, s.support,
             (date_trunc('month', now()) - s.months_ago * interval '1 month')::date,
             date_trunc('month', now()) - s.months_ago * interval '1 month', p.p, concern_cell(p.p)
      FROM unnest(${rows.edge}::bigint[], ${rows.at}::float8[], ${rows.category}::text[], ${rows.bands}::text[],
                  ${rows.days}::text[], ${rows.status}::text[], ${rows.response}::text[], ${rows.support}::int[], ${rows.monthsAgo}::int[])
             AS s(edge, at, category, bands, days, status, response, support, months_ago)
      JOIN path_edges e ON e.id = s.edge
      CROSS JOIN LATERAL (SELECT ST_LineInterpolatePoint(e.geom, s.at) AS p) p`
    return inserted.count
  })
}

/** Deletes every sample concern (and nothing else); returns how many. */
export async function removeSampleConcerns(sql: Sql): Promise<number> {
  const deleted = await sql`DELETE FROM concerns WHERE source = 'sample'`
  return deleted.count
}
