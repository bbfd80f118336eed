import type { VectorSourceSpecification } from 'maplibre-gl'

/** The id every layer of ours names as its `source`. */
export const basemapSourceId = 'common-ground'

/** The highest zoom the server cuts tiles for; MapLibre overzooms them beyond it. */
const MAX_TILE_ZOOM = 16

/** Credits for the data in our tiles, as the licences ask for them to be shown on the map. */
export const attributions = [
  '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">© OpenStreetMap contributors</a>',
  'Contains public sector information licensed under the <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" target="_blank" rel="noopener">Open Government Licence v3.0</a>',
  'Contains OS data © Crown copyright and database right',
]

/**
 * Our vector tiles: source layers `boundaries`, `open_spaces`, `open_space_labels`, `paths` and
 * `crimes` (see server/tiles). The URL is absolute because MapLibre resolves tile URLs in its
 * worker, where a path relative to the page means nothing.
 */
export function basemapSource(origin: string = location.origin): VectorSourceSpecification {
  return {
    type: 'vector',
    tiles: [`${origin}/api/tiles/{z}/{x}/{y}.mvt`],
    minzoom: 0,
    maxzoom: MAX_TILE_ZOOM,
    attribution: attributions.join(' | '),
  }
}
