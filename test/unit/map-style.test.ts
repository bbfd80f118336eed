import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec'
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl'
import { describe, expect, it } from 'vitest'
import { patrolPlanningLayers } from '../../web/map/layers/patrol-planning.ts'
import { publicPatrolLayers } from '../../web/map/layers/public-patrols.ts'
import { routeLayers } from '../../web/map/layers/routes.ts'
import { patrolPlanningSources } from '../../web/map/sources/patrol-planning.ts'
import { publicPatrolSources } from '../../web/map/sources/public-patrols.ts'
import { routeSources } from '../../web/map/sources/routes.ts'
import { basemapStyle } from '../../web/map/style.ts'

// MapLibre refuses a layer whose expressions break its rules (e.g. a zoom curve inside a `case`)
// only when it is added, with a console error and nothing drawn. Its own validator, run here on
// the built-in style and on every layer a panel adds over it, says so before a browser does.
const errorsOf = (style: StyleSpecification) => validateStyleMin(style).map((e) => e.message)

const withLayers = (sources: StyleSpecification['sources'], layers: LayerSpecification[]): StyleSpecification => {
  const base = basemapStyle('http://localhost')
  return { ...base, sources: { ...base.sources, ...sources }, layers: [...base.layers, ...layers] }
}

describe('the map style', () => {
  it('is valid as built in', () => {
    expect(errorsOf(basemapStyle('http://localhost'))).toEqual([])
  })

  it.each([
    ['the route planner and a shared route', routeSources(), routeLayers],
    ['the patrol planner', patrolPlanningSources(), patrolPlanningLayers],
    ['the public patrols', publicPatrolSources(), publicPatrolLayers(51.6, 100)],
  ])('stays valid with the layers of %s', (_, sources, layers) => {
    expect(errorsOf(withLayers(sources, layers))).toEqual([])
  })
})
