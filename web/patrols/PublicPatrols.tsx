import { Marker, Popup, type Map as MapLibreMap, type MapMouseEvent } from 'maplibre-gl'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import type { LngLat } from '../api.ts'
import { toLondonLocal } from '../../common/london-time.ts'
import { boundsOf } from '../routes/route-map.ts'
import { fetchNextPatrols, fetchPublicPatrols, type PublicPatrol } from './api.ts'
import { addPublicPatrolLayers, concernAt, patrolAt, showPublicPatrols } from './public-patrol-map.ts'
import { COVERAGE_METRES, patrolColour } from '../map/layers/public-patrols.ts'
import { nextPatrolText, patrolWindow, sessionText, whenChoices, windowText, type WhenChoice } from './public-words.ts'
import './public-patrols.css'
import { sheetPadding } from '../map/sheet-padding.ts'
import { loadForView } from '../map/view-loader.ts'

type Props = {
  map: MapLibreMap | null
  onClose: () => void
}

const DEBOUNCE_MS = 250

/** The next whole hour on the London clock, as a `datetime-local` value: "A day and time" starts there. */
function nextHour(now: Date): string {
  return toLondonLocal(new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000))
}

type Near = { at: LngLat; text: string | null; problem?: boolean }

/**
 * "Patrols": where and when the reassurance patrols that officers made public pass, for the
 * hours a resident chooses, drawn with the band they cover; a tap on the map (off the concerns)
 * says when the next one passes near there, a tap on a line what it is.
 */
export function PublicPatrols({ map, onClose }: Props) {
  const ids = useId()
  const [choice, setChoice] = useState<WhenChoice>('week')
  const [at, setAt] = useState(() => nextHour(new Date()))
  const [plans, setPlans] = useState<PublicPatrol[] | null>(null)
  const [shownFor, setShownFor] = useState<string>('')
  const [problem, setProblem] = useState<string | null>(null)
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [popup, setPopup] = useState<{ id: number; at: LngLat } | null>(null)
  const [near, setNear] = useState<Near | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const sheet = useRef<HTMLElement>(null)

  useEffect(() => heading.current?.focus(), [])

  // The patrol layers live while the panel is open.
  useEffect(() => {
    if (!map) return
    return addPublicPatrolLayers(map)
  }, [map])

  // The plans of the chosen hours in the view: again when the hours change or the map moves.
  useEffect(() => {
    if (!map) return
    return loadForView(
      map,
      DEBOUNCE_MS,
      async (bbox, signal) => {
        const window = patrolWindow(choice, new Date(), at)
        if (!window) return setProblem('Give a date and a time to see the patrols then.')
        const collection = await fetchPublicPatrols(window, bbox, signal)
        setPlans(collection.features)
        setShownFor(windowText(choice, window))
        setProblem(null)
      },
      (message) => setProblem(`Patrols could not be loaded (${message}).`),
    )
  }, [map, choice, at])

  // A plan no longer listed is no longer selected.
  useEffect(() => {
    if (selectedId !== null && !plans?.some((p) => p.properties.id === selectedId)) setSelectedId(null)
    if (popup && !plans?.some((p) => p.properties.id === popup.id)) setPopup(null)
  }, [plans])

  useEffect(() => {
    if (map) showPublicPatrols(map, plans ?? [], selectedId)
  }, [map, plans, selectedId])

  // "Next patrol near here", for a point: the tap, or the centre of the map.
  const nearRequest = useRef<AbortController | null>(null)
  const askNear = (point: LngLat) => {
    nearRequest.current?.abort()
    const controller = new AbortController()
    nearRequest.current = controller
    setNear({ at: point, text: null })
    fetchNextPatrols(point, controller.signal)
      .then(({ near }) => setNear({ at: point, text: nextPatrolText(near[0]) }))
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return
        setNear({ at: point, text: 'The next patrol near here could not be looked up just now. Please try again.', problem: true })
      })
  }
  useEffect(() => () => nearRequest.current?.abort(), [])

  // A tap on a patrol line says what it is; anywhere else (not on a concern, which opens its own
  // card) it asks for the next patrol near there.
  const askNearRef = useRef(askNear)
  askNearRef.current = askNear
  useEffect(() => {
    if (!map) return
    const onClick = (event: MapMouseEvent) => {
      if (concernAt(map, event.point)) return
      const id = patrolAt(map, event.point)
      if (id !== null) {
        setSelectedId(id)
        setPopup({ id, at: { lng: event.lngLat.lng, lat: event.lngLat.lat } })
        return
      }
      setPopup(null)
      askNearRef.current({ lng: event.lngLat.lng, lat: event.lngLat.lat })
    }
    map.on('click', onClick)
    return () => void map.off('click', onClick)
  }, [map])

  // Where "here" is.
  useEffect(() => {
    if (!map || !near) return
    const marker = new Marker({ color: patrolColour, scale: 0.7 }).setLngLat(near.at).addTo(map)
    marker.getElement().setAttribute('role', 'img')
    marker.getElement().setAttribute('aria-label', 'Here')
    marker.getElement().classList.add('patrol-near-marker')
    return () => void marker.remove()
  }, [map, near?.at])

  // The popup on a tapped line: its content is React's, rendered into the popup's element.
  const [popupElement, setPopupElement] = useState<HTMLElement | null>(null)
  useEffect(() => {
    if (!map || !popup) return
    const element = document.createElement('div')
    element.className = 'patrol-popup'
    const instance = new Popup({ maxWidth: '280px', closeButton: true, focusAfterOpen: false, className: 'patrol-popup-frame' })
      .setLngLat(popup.at)
      .setDOMContent(element)
      .addTo(map)
    instance.getElement().querySelector('.maplibregl-popup-close-button')?.setAttribute('aria-label', 'Close the patrol details')
    setPopupElement(element)
    const onClose = () => setPopup((current) => (current === popup ? null : current))
    instance.on('close', onClose)
    return () => {
      instance.off('close', onClose)
      instance.remove()
      setPopupElement(null)
    }
  }, [map, popup])
  const popupPlan = popup ? plans?.find((p) => p.properties.id === popup.id) : undefined

  const padding = () => sheetPadding(map, sheet.current, 32)
  const showOnMap = (plan: PublicPatrol) => {
    setSelectedId(plan.properties.id)
    const bounds = boundsOf([plan])
    if (map && bounds) map.fitBounds(bounds, { padding: padding(), maxZoom: 16, duration: 500 })
  }

  const useMapCentre = () => {
    if (!map) return
    const { lng, lat } = map.getCenter()
    askNear({ lng, lat })
  }

  const count = plans?.length ?? 0
  const listHeading = useMemo(() => {
    if (!plans) return 'Looking for patrols…'
    if (count === 0) return `No public patrols in view ${shownFor}`
    return `${count === 1 ? 'One patrol' : `${count} patrols`} in view ${shownFor}`
  }, [plans, count, shownFor])

  return (
    <section className="sheet patrol-panel" aria-labelledby={`${ids}-title`} ref={sheet}>
      <header className="sheet-head">
        <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>
          Patrols
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label="Close the patrols">
          ×
        </button>
      </header>
      <p className="note">
        Where the police’s reassurance patrols pass, and when. The shaded band is about {COVERAGE_METRES} m either side of a
        patrol’s path.
      </p>

      <fieldset>
        <legend>When</legend>
        <div className="when-choices">
          {whenChoices.map((c) => (
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
            <label htmlFor={`${ids}-at`}>Day and time</label>
            <input
              id={`${ids}-at`}
              type="datetime-local"
              value={at}
              onChange={(e) => setAt(e.target.value)}
              aria-describedby={`${ids}-at-hint`}
            />
            <p className="hint" id={`${ids}-at-hint`}>
              UK time. Shows the patrols in the hour from it.
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
        <h3 id={`${ids}-near`}>Next patrol near a place</h3>
        <p className="hint">Tap the map (away from the concern circles), or:</p>
        <button type="button" onClick={useMapCentre}>
          Next patrol near the centre of the map
        </button>
        <p className={near?.problem ? 'near-answer error' : 'near-answer'} data-testid="patrol-near" role="status">
          {near ? (near.text ?? 'Looking for the next patrol near here…') : ''}
        </p>
      </section>

      <section className="patrol-results" aria-labelledby={`${ids}-list`}>
        <h3 id={`${ids}-list`} aria-live="polite">
          {listHeading}
        </h3>
        <ul className="patrol-list" data-testid="patrol-list">
          {(plans ?? []).map((plan) => (
            <li key={plan.properties.id} className={plan.properties.id === selectedId ? 'patrol-item selected' : 'patrol-item'}>
              <button type="button" aria-pressed={plan.properties.id === selectedId} onClick={() => showOnMap(plan)}>
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

/** A plan in words: title, team, when it passes, and its next session. */
function PatrolFacts({ plan, heading = false }: { plan: PublicPatrol; heading?: boolean }) {
  const p = plan.properties
  const next = p.nextSessions[0]
  return (
    <span className="patrol-facts">
      {heading ? <strong className="patrol-title" role="heading" aria-level={3}>{p.title}</strong> : <span className="patrol-title">{p.title}</span>}
      {p.team && <span className="patrol-team">{p.team}</span>}
      <span className="patrol-when">Patrols pass here {p.scheduleText}</span>
      {next && <span className="patrol-next">Next: {sessionText(next)}</span>}
    </span>
  )
}
