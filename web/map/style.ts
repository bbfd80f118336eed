import type { BackgroundLayerSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl'
import { boundaryLayers } from './layers/boundaries.ts'
import { concernLayers, officerConcernLayers } from './layers/concerns.ts'
import { crimeLayers } from './layers/crimes.ts'
import { labelLayers } from './layers/labels.ts'
import { openSpaceLayers } from './layers/open-spaces.ts'
import { pathLayers } from './layers/paths.ts'
import { palette } from './palette.ts'
import { basemapSource, basemapSourceId } from './sources/basemap.ts'
import { concernSources } from './sources/concerns.ts'

const background: BackgroundLayerSpecification = {
  id: 'background',
  type: 'background',
  paint: { 'background-color': palette.paper },
}

/** Our layers bottom to top, without the background: what goes over an operator's own basemap too. */
export const overlayLayers: LayerSpecification[] = [
  ...openSpaceLayers,
  ...pathLayers,
  ...boundaryLayers,
  ...crimeLayers,
  ...labelLayers,
  ...concernLayers,
  ...officerConcernLayers,
]

/**
 * The built-in style: our tiles only, nothing fetched from elsewhere. No `glyphs` and no
 * `sprite`: labels are drawn with local fonts (see fonts.ts) and there are no icons.
 */
export function basemapStyle(origin?: string): StyleSpecification {
  return {
    version: 8,
    name: 'Common Ground',
    sources: { [basemapSourceId]: basemapSource(origin), ...concernSources() },
    layers: [background, ...overlayLayers],
  }
}

/**
 * Our layers as they can go over an external style. Such a style usually fetches its glyphs from
 * a server that has only its own fonts, so our labels borrow the font of its first label; if it
 * has none, our labels are left out and the external style's own names are shown.
 */
export function layersOver(external: StyleSpecification): LayerSpecification[] {
  if (!external.glyphs) return overlayLayers
  const borrowed = external.layers
    .map((layer) => (layer.type === 'symbol' ? layer.layout?.['text-font'] : undefined))
    .find((font): font is string[] => Array.isArray(font) && font.every((name) => typeof name === 'string'))
  return overlayLayers.flatMap((layer): LayerSpecification[] => {
    if (layer.type !== 'symbol') return [layer]
    if (!borrowed) return []
    return [{ ...layer, layout: { ...layer.layout, 'text-font': borrowed } }]
  })
}
