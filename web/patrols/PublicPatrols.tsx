import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Marker, Popup, type Map as MapLibreMap, type MapMouseEvent } from 'maplibre-gl'
import { useEffect, useId, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { toLondonLocal } from '../../common/london-time.ts'
import type { LngLat } from '../api/client.ts'
import { failureText } from '../api/failure-words.ts'
import { Legend } from '../components/Legend.tsx'
import { bringIntoView, PLACE_ZOOM, sheetPadding, visibleCentre } from '../map/free-area.ts'
import { PlaceSearch } from '../places/PlaceSearch.tsx'
import { useMapInfo, type Settings } from '../map/info.ts'
import { patrolColour } from '../map/layers/public-patrols.ts'
import { patrolLegend } from '../map/legend.ts'
import { useMapView } from '../map/use-map-view.ts'
import { t } from '../i18n/intl.ts'
import { boundsOf } from '../routes/route-map.ts'
import { fetchNextPatrols, fetchPublicPatrols, type PublicPatrol } from './api.ts'
import { concernAt, patrolAt, selectPublicPatrol, showPublicPatrols, usePublicPatrolLayers } from './public-patrol-map.ts'
import { nextPatrolText, patrolWindow, scheduleWords, sessionText, whenChoices, windowText, type WhenChoice } from './public-words.ts'
import './public-patrols.css'

type Props = { map: MapLibreMap | null; onClose: () => void }

const DEBOUNCE_MS = 250

/** The next whole hour on the London clock, as a `datetime-local` value: "A day and time" starts there. */
const nextHour = (now: Date) => toLondonLocal(new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000))

/**
 * "Patrols": where and when the reassurance patrols that officers made public pass, for the
 * hours a resident chooses, drawn with the band they cover; a tap on the map (off the concerns)
 * says when the next one passes near there, a tap on a line what it is. Opens once the server's
 * settings (the coverage distance) are known.
 */
export function PublicPatrols({ map, onClose }: Props) {
  const { settings } = useMapInfo()
  return settings ? <PatrolsPanel map={map} onClose={onClose} settings={settings} /> : null
}

function PatrolsPanel({ map, onClose, settings }: Props & { settings: Settings }) {
  const ids = useId()
  const [choice, setChoice] = useState<WhenChoice>('week')
  const [at, setAt] = useState(() => nextHour(new Date()))
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [popup, setPopup] = useState<{ id: number; at: LngLat } | null>(null)
  const [here, setHere] = useState<LngLat | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const sheet = useRef<HTMLElement>(null)
  useEffect(() => heading.current?.focus(), [])
  usePublicPatrolLayers(map, settings.coverageMetres)

  // The plans of the chosen hours in the view: again when the hours change or the map moves.
  const view = useMapView(map, DEBOUNCE_MS)
  const window = patrolWindow(choice, new Date(), at)
  const windowKey = window ? `${choice}:${choice === 'at' ? at : window.from.slice(0, 13)}` : null
  const listed = useQuery({
    queryKey: ['patrols', 'public', windowKey, view?.bbox],
    queryFn: ({ signal }) => fetchPublicPatrols(window!, view!.bbox, settings.maxBboxDegrees.patrols, signal),
    enabled: view !== undefined && window !== null,
    placeholderData: keepPreviousData,
  })
  const plans = listed.data?.features
  const shownFor = window ? windowText(choice, window) : ''

  // "Next patrol near here", for a point: the tap, or the centre of the map.
  const near = useQuery({
    queryKey: ['patrols', 'next', here],
    queryFn: ({ signal }) => fetchNextPatrols(here!, signal),
    enabled: here !== null,
  })

  // A plan no longer listed is no longer selected.
  const shown = (id: number | null) => id !== null && (plans ?? []).some((p) => p.properties.id === id)
  const selected = shown(selectedId) ? selectedId : null
  const popupId = popup && shown(popup.id) ? popup.id : null

  useEffect(() => {
    if (map) showPublicPatrols(map, plans ?? [])
  }, [map, plans])
  useEffect(() => {
    if (map) selectPublicPatrol(map, selected)
  }, [map, plans, selected])

  // A tap on a patrol line says what it is; anywhere else (not on a concern, which opens its own
  // card) it asks for the next patrol near there.
  useEffect(() => {
    if (!map) return
    const onClick = (event: MapMouseEvent) => {
      if (concernAt(map, event.point)) return
      const at = { lng: event.lngLat.lng, lat: event.lngLat.lat }
      const id = patrolAt(map, event.point)
      if (id !== null) {
        setSelectedId(id)
        setPopup({ id, at })
        return
      }
      setPopup(null)
      setHere(at)
    }
    map.on('click', onClick)
    return () => void map.off('click', onClick)
  }, [map])

  // Where "here" is.
  useEffect(() => {
    if (!map || !here) return
    const marker = new Marker({ color: patrolColour, scale: 0.7 }).setLngLat(here).addTo(map)
    marker.getElement().setAttribute('role', 'img')
    marker.getElement().setAttribute('aria-label', t('patrols.public.here'))
    marker.getElement().classList.add('patrol-near-marker')
    return () => void marker.remove()
  }, [map, here])

  const popupElement = usePopup(map, popupId === null ? null : popup, () => setPopup(null))
  const popupPlan = popupId === null ? undefined : plans?.find((p) => p.properties.id === popupId)

  const showOnMap = (plan: PublicPatrol) => {
    setSelectedId(plan.properties.id)
    const bounds = boundsOf([plan])
    if (map && bounds) map.fitBounds(bounds, { padding: sheetPadding(map, sheet.current, 32), maxZoom: 16, duration: 500 })
  }
  const useMapCentre = () => {
    if (!map) return
    setHere(visibleCentre(map))
  }

  const listHeading = plans ? t('patrols.public.inView', { count: plans.length, when: shownFor }) : t('patrols.public.looking')
  const problem = !window
    ? t('patrols.public.giveDayAndTime')
    : listed.error
      ? t('patrols.public.loadFailed', { reason: failureText(listed.error) })
      : null
  const nearText = !here
    ? ''
    : near.error
      ? t('patrols.public.nearFailed', { reason: failureText(near.error) })
      : near.data
        ? nextPatrolText(near.data.near[0], settings.nearPatrol)
        : t('patrols.public.nearLooking')

  return (
    <section className="sheet patrol-panel" aria-labelledby={`${ids}-title`} ref={sheet}>
      <header className="sheet-head">
        <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
          {t('patrols.public.title')}
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label={t('patrols.public.close')}>
          ×
        </button>
      </header>
      <p className="note">{t('patrols.public.intro')}</p>
      <Legend entries={patrolLegend(settings.coverageMetres)} />

      <fieldset>
        <legend>{t('patrols.public.when')}</legend>
        <div className="when-choices">
          {whenChoices().map((c) => (
            <label key={c.slug} className="choice">
              <input type="radio" name={`${ids}-when`} value={c.slug} checked={choice === c.slug} onChange={() => setChoice(c.slug)} />
              <span>
                {c.label} <span className="muted">({c.hint})</span>
              </span>
            </label>
          ))}
        </div>
        {choice === 'at' && (
          <div className="field">
            <label htmlFor={`${ids}-at`}>{t('patrols.public.dayAndTime')}</label>
            <input id={`${ids}-at`} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} aria-describedby={`${ids}-at-hint`} />
            <p className="hint" id={`${ids}-at-hint`}>
              {t('patrols.public.dayAndTimeHint')}
            </p>
          </div>
        )}
      </fieldset>

      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}

      <section className="patrol-near" aria-labelledby={`${ids}-near`}>
        <h3 id={`${ids}-near`}>{t('patrols.public.nearHeading')}</h3>
        <p className="hint">{t('patrols.public.nearHint')}</p>
        <PlaceSearch
          label={t('patrols.findPlace')}
          near={() => (map ? visibleCentre(map) : undefined)}
          onChoose={(found) => {
            setHere(found.centre)
            if (map) bringIntoView(map, found.centre, PLACE_ZOOM)
          }}
        />
        <button type="button" onClick={useMapCentre}>
          {t('patrols.public.nearCentre')}
        </button>
        <p className={near.error ? 'near-answer error' : 'near-answer'} data-testid="patrol-near" role="status">
          {nearText}
        </p>
      </section>

      <section className="patrol-results" aria-labelledby={`${ids}-list`}>
        <h3 id={`${ids}-list`} aria-live="polite">
          {listHeading}
        </h3>
        <ul className="patrol-list" data-testid="patrol-list">
          {(plans ?? []).map((plan) => (
            <li key={plan.properties.id} className={plan.properties.id === selected ? 'patrol-item selected' : 'patrol-item'}>
              <button type="button" aria-pressed={plan.properties.id === selected} onClick={() => showOnMap(plan)}>
                <span className="swatch" style={{ background: patrolColour }} aria-hidden="true" />
                <PatrolFacts plan={plan} />
              </button>
            </li>
          ))}
        </ul>
      </section>

      {popupElement && popupPlan && createPortal(<PatrolFacts plan={popupPlan} heading />, popupElement)}
    </section>
  )
}

/** A MapLibre popup at a tapped line, whose content React renders into the element returned. */
function usePopup(map: MapLibreMap | null, popup: { id: number; at: LngLat } | null, onClose: () => void): HTMLElement | null {
  const [element, setElement] = useState<HTMLElement | null>(null)
  const close = useRef(onClose)
  close.current = onClose
  useEffect(() => {
    if (!map || !popup) return
    const content = document.createElement('div')
    content.className = 'patrol-popup'
    const instance = new Popup({ maxWidth: '280px', closeButton: true, focusAfterOpen: false, className: 'patrol-popup-frame' })
      .setLngLat(popup.at)
      .setDOMContent(content)
      .addTo(map)
    instance.getElement().querySelector('.maplibregl-popup-close-button')?.setAttribute('aria-label', t('patrols.public.closeDetails'))
    setElement(content)
    const onClosed = () => close.current()
    instance.on('close', onClosed)
    return () => {
      instance.off('close', onClosed)
      instance.remove()
      setElement(null)
    }
  }, [map, popup])
  return element
}

/** A plan in words: title, team, when it passes, and its next session. */
function PatrolFacts({ plan, heading = false }: { plan: PublicPatrol; heading?: boolean }) {
  const p = plan.properties
  const next = p.nextSessions[0]
  return (
    <span className="patrol-facts">
      {heading ? (
        <strong className="patrol-title" role="heading" aria-level={3}>
          {p.title}
        </strong>
      ) : (
        <span className="patrol-title">{p.title}</span>
      )}
      {p.team && <span className="patrol-team">{p.team}</span>}
      <span className="patrol-when">{t('patrols.public.passes', { schedule: scheduleWords(p.schedule) })}</span>
      {next && <span className="patrol-next">{t('patrols.public.next', { when: sessionText(next) })}</span>}
    </span>
  )
}
