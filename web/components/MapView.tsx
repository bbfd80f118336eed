import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  type LngLatLike,
  type MapOptions,
} from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import { currentLocale, t } from '../i18n/intl.ts'
import { directionOf } from '../i18n/locales.ts'
import type { MapInfo } from '../map/info.ts'
import { isSmallScreen } from '../map/free-area.ts'
import { crimeLayerIds } from '../map/layers/crimes.ts'
import { NAMED_ZOOM } from '../map/layers/labels.ts'
import { basemapSource, basemapSourceId } from '../map/sources/basemap.ts'
import { concernSources } from '../map/sources/concerns.ts'
import { basemapStyle, layersOver } from '../map/style.ts'

declare global {
  interface Window {
    /** The map, for end-to-end tests: set only when the page is opened with `?test`. */
    __map?: MapLibreMap
  }
}

/** Where to open when there is no data to fit: Southgate, north London, the demo area. */
const DEFAULT_CENTER: LngLatLike = [-0.127, 51.614]
const DEFAULT_ZOOM = 14

type Props = {
  info: Pick<MapInfo, 'bounds' | 'styleUrl'>
  showCrime: boolean
  onZoomChange?: (zoom: number) => void
  /** Hands the map to the components that add to it (concerns, the report marker); null when removed. */
  onMap?: (map: MapLibreMap | null) => void
  /** An accessible name for the map region. */
  label?: string
}

/**
 * MapLibre's own words (its controls' names, the map's and markers' names, the scale's units) in
 * the page's language. The map is made anew when the language changes (the app is), so they are
 * read once, when it is made.
 */
const mapLibreLocale = (): Record<string, string> => ({
  'AttributionControl.ToggleAttribution': t('map.control.attribution'),
  'AttributionControl.MapFeedback': t('map.control.feedback'),
  'Map.Title': t('map.title'),
  'Marker.Title': t('map.control.marker'),
  'NavigationControl.ResetBearing': t('map.control.resetBearing'),
  'NavigationControl.ZoomIn': t('map.control.zoomIn'),
  'NavigationControl.ZoomOut': t('map.control.zoomOut'),
  'Popup.Close': t('map.control.closePopup'),
  'ScaleControl.Meters': t('map.control.metres'),
  'ScaleControl.Kilometers': t('map.control.kilometres'),
})

/**
 * The side of the map the controls stand on: the end of the line, as the panels (which keep that
 * side free for them) mirror in a right-to-left language. The map itself is never mirrored.
 */
const controlSide = (): 'left' | 'right' => (directionOf(currentLocale()) === 'rtl' ? 'left' : 'right')

/** The MapLibre map: made once from the map info, then only told which layers to show. */
export function MapView({ info, showCrime, onZoomChange, onMap, label = t('map.title') }: Props) {
  const container = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const showCrimeRef = useRef(showCrime)
  const onZoomChangeRef = useRef(onZoomChange)
  onZoomChangeRef.current = onZoomChange
  const onMapRef = useRef(onMap)
  onMapRef.current = onMap

  useEffect(() => {
    const camera: Partial<MapOptions> = info.bounds
      ? { bounds: info.bounds, fitBoundsOptions: { padding: 16 } }
      : { center: DEFAULT_CENTER, zoom: DEFAULT_ZOOM }
    const openedWith = location.href
    const map = new MapLibreMap({
      container: container.current!,
      style: info.styleUrl ?? basemapStyle(),
      ...camera,
      maxZoom: 19,
      // The view is kept in the address (#map=zoom/lat/lng), so a link opens where it was shared.
      hash: 'map',
      attributionControl: false,
      locale: mapLibreLocale(),
    })
    const side = controlSide()
    // An empty custom attribution replaces MapLibre's own credit: the map shows its data's only.
    map.addControl(new AttributionControl({ customAttribution: [] }), `bottom-${side}`)
    map.addControl(new NavigationControl({ showCompass: false }), `top-${side}`)
    // Over the attribution, which may wrap to several lines and would cover a scale bar beside it.
    map.addControl(new ScaleControl({ unit: 'metric' }), `bottom-${side}`)
    const stopTracking = trackAttribution(map)

    map.on('style.load', () => {
      if (info.styleUrl && !map.getSource(basemapSourceId)) {
        const external = map.getStyle()
        map.addSource(basemapSourceId, basemapSource())
        for (const [id, source] of Object.entries(concernSources())) map.addSource(id, source)
        for (const layer of layersOver(external)) map.addLayer(layer)
      }
      setCrimeVisibility(map, showCrimeRef.current)
    })
    // A phone fitting the whole area would open too far out to name a street: it opens at the
    // area's centre, close enough to read, unless the address says where.
    if (!/[#&]map=/.test(new URL(openedWith).hash) && isSmallScreen() && map.getZoom() < NAMED_ZOOM) map.jumpTo({ zoom: NAMED_ZOOM })
    map.on('zoomend', () => onZoomChangeRef.current?.(map.getZoom()))
    map.once('load', () => onZoomChangeRef.current?.(map.getZoom()))

    mapRef.current = map
    if (new URLSearchParams(location.search).has('test')) window.__map = map
    // Once its style is there, so that sources and layers can be reached.
    if (map.isStyleLoaded()) onMapRef.current?.(map)
    else map.once('load', () => mapRef.current === map && onMapRef.current?.(map))
    return () => {
      stopTracking()
      onMapRef.current?.(null)
      mapRef.current = null
      if (window.__map === map) delete window.__map
      // Removing a map strips its view from the address, and a new map writes its opening view
      // there before fitting the bounds. React remounts this component in development
      // (StrictMode) and on hot reload: the next map must find the address it was opened with.
      map.remove()
      history.replaceState(history.state, '', openedWith)
    }
  }, [info.bounds, info.styleUrl])

  useEffect(() => {
    showCrimeRef.current = showCrime
    if (mapRef.current) setCrimeVisibility(mapRef.current, showCrime)
  }, [showCrime])

  // Left to right whatever the page's direction: the map and its controls are laid out as MapLibre
  // lays them out; only which corner the controls take follows the page (controlSide).
  return <div ref={container} className="map" role="region" aria-label={label} dir="ltr" />
}

/**
 * The height the attribution takes at the foot of the map, as `--attribution-height` on the
 * map's page, so that the buttons floating at the bottom stand above it: on a phone MapLibre
 * shows it open over three lines until the first drag, then folds it to an (i).
 */
function trackAttribution(map: MapLibreMap): () => void {
  const page = map.getContainer().parentElement
  const attribution = map.getContainer().querySelector<HTMLElement>('.maplibregl-ctrl-attrib')
  if (!page || !attribution) return () => {}
  const measure = () => {
    const height = map.getContainer().getBoundingClientRect().bottom - attribution.getBoundingClientRect().top
    page.style.setProperty('--attribution-height', `${Math.max(0, Math.round(height))}px`)
  }
  const observer = new ResizeObserver(measure)
  observer.observe(attribution)
  observer.observe(map.getContainer())
  return () => {
    observer.disconnect()
    page.style.removeProperty('--attribution-height')
  }
}

function setCrimeVisibility(map: MapLibreMap, visible: boolean) {
  for (const id of crimeLayerIds) {
    // Before the style has loaded there is no layer yet; 'style.load' applies the choice then.
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none')
  }
}
