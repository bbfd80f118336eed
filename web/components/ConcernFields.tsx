import { Marker, type Map as MapLibreMap, type MapMouseEvent } from 'maplibre-gl'
import { useEffect, useId, useState } from 'react'
import { ApiFailure, type LngLat } from '../api/client.ts'
import { failureText } from '../api/failure-words.ts'
import { categoryGroups, dayChoices, MAX_DESCRIPTION, timeBands, type Category, type Days, type TimeBand } from '../concerns/vocabulary.ts'
import { rich, t } from '../i18n/intl.ts'
import { bringIntoView, PLACE_ZOOM, useKeepInView, visibleCentre } from '../map/free-area.ts'
import { locateDevice } from '../map/locate.ts'
import { palette } from '../map/palette.ts'
import type { FoundPlace } from '../places/api.ts'
import { PlaceSearch } from '../places/PlaceSearch.tsx'
import { usePlaceWords } from '../places/use-place-words.ts'
import { waitText } from '../time-words.ts'

/*
 * The parts of a concern form that the resident's report (ReportFlow) and the officer's
 * walk-and-talk capture (WalkAndTalk) share: the place, the category, when, the notes, and the
 * follow-up link of a receipt (copied, or saved and shared).
 */

/**
 * The place of a concern: a tap on the map sets it (while `active`), a marker shows it, and
 * "use my location" or "the centre of the map" (the part no sheet covers) set it without a
 * pointer; the point is kept above the sheet while it is being placed.
 */
export function usePlace(map: MapLibreMap | null, active: boolean, markerLabel: string) {
  const [point, setPoint] = useState<LngLat | null>(null)
  const [locating, setLocating] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    if (!map || !active) return
    const canvas = map.getCanvas()
    canvas.style.cursor = 'crosshair'
    const onClick = (event: MapMouseEvent) => {
      setProblem(null)
      setPoint({ lng: event.lngLat.lng, lat: event.lngLat.lat })
    }
    map.on('click', onClick)
    return () => {
      map.off('click', onClick)
      canvas.style.cursor = ''
    }
  }, [map, active])

  useEffect(() => {
    if (!map || !point) return
    const marker = new Marker({ color: palette.end }).setLngLat(point).addTo(map)
    marker.getElement().setAttribute('aria-label', markerLabel)
    marker.getElement().setAttribute('role', 'img')
    return () => void marker.remove()
  }, [map, point, markerLabel])

  const useMyLocation = () => {
    setProblem(null)
    setLocating(true)
    locateDevice(
      (at) => {
        setPoint(at)
        if (map) bringIntoView(map, at, PLACE_ZOOM)
      },
      setProblem,
      () => setLocating(false),
    )
  }

  const useMapCentre = () => {
    if (!map) return
    setProblem(null)
    setPoint(visibleCentre(map))
  }
  const useFoundPlace = (found: FoundPlace) => {
    setProblem(null)
    setPoint(found.centre)
    if (map) bringIntoView(map, found.centre, PLACE_ZOOM)
  }
  const near = () => (map ? visibleCentre(map) : undefined)
  useKeepInView(map, active ? point : null)
  const words = usePlaceWords(point)

  return { point, words, setPoint, locating, problem, useMyLocation, useMapCentre, useFoundPlace, near }
}

type Place = ReturnType<typeof usePlace>

/** "Where": the place set, in words, and the ways to set it without tapping the map: by name, location, the map's centre. */
export function PlaceFieldset({ place, prompt, legend = t('report.place.legend') }: { place: Place; prompt: string; legend?: string }) {
  const { point, words, locating, problem, useMyLocation, useMapCentre, useFoundPlace, near } = place
  return (
    <fieldset>
      <legend>{legend}</legend>
      <p className="hint" aria-live="polite" data-testid="place-set">
        {point ? (words ? t('report.place.setAt', { place: words }) : t('report.place.set')) : prompt}
      </p>
      <PlaceSearch label={t('report.place.search')} near={near} onChoose={useFoundPlace} />
      <div className="row">
        <button type="button" onClick={useMyLocation} disabled={locating}>
          {locating ? t('report.place.locating') : t('report.place.myLocation')}
        </button>
        <button type="button" onClick={useMapCentre}>
          {t('report.place.mapCentre')}
        </button>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  )
}

/** The StreetSafe categories, grouped (about the place, about people, anything else). */
export function CategoryFieldset({
  legend,
  value,
  onChange,
}: {
  legend: string
  value: Category | ''
  onChange: (category: Category) => void
}) {
  const ids = useId()
  return (
    <fieldset>
      <legend>{legend}</legend>
      {categoryGroups.map((group) => (
        <div key={group.hint} className="group" role="group" aria-labelledby={`${ids}-${group.hint}`}>
          <h3 id={`${ids}-${group.hint}`}>{group.label}</h3>
          {group.categories.map((c) => (
            <label key={c.slug} className="choice">
              <input type="radio" name={`${ids}-category`} value={c.slug} checked={value === c.slug} onChange={() => onChange(c.slug)} />
              {c.label}
            </label>
          ))}
        </div>
      ))}
    </fieldset>
  )
}

/** Time bands (one or more) and days. */
export function WhenFieldset({
  legend,
  bands,
  onBandsChange,
  days,
  onDaysChange,
}: {
  legend: string
  bands: TimeBand[]
  onBandsChange: (bands: TimeBand[]) => void
  days: Days
  onDaysChange: (days: Days) => void
}) {
  const ids = useId()
  const toggle = (band: TimeBand, on: boolean) => onBandsChange(on ? [...bands.filter((b) => b !== band), band] : bands.filter((b) => b !== band))
  return (
    <fieldset>
      <legend>{legend}</legend>
      {timeBands.map((band) => (
        <label key={band.slug} className="choice">
          <input
            type="checkbox"
            name="timeBands"
            value={band.slug}
            checked={bands.includes(band.slug)}
            onChange={(e) => toggle(band.slug, e.target.checked)}
          />
          <span>
            {rich('vocabulary.timeBandChoice', { band: band.label, hours: band.hours, dim: (chunks) => <span className="muted">{chunks}</span> })}
          </span>
        </label>
      ))}
      <div className="row days" role="radiogroup" aria-label={t('report.when.days')}>
        {dayChoices.map((d) => (
          <label key={d.slug} className="choice">
            <input type="radio" name={`${ids}-days`} value={d.slug} checked={days === d.slug} onChange={() => onDaysChange(d.slug)} />
            {d.label}
          </label>
        ))}
      </div>
    </fieldset>
  )
}

/** The optional free text, with its length limit and counter. It stays private to officers. */
export function NotesField({ label, privacy, value, onChange }: { label: string; privacy: string; value: string; onChange: (text: string) => void }) {
  const ids = useId()
  return (
    <div className="field">
      <label htmlFor={`${ids}-text`}>{label}</label>
      <textarea
        id={`${ids}-text`}
        value={value}
        maxLength={MAX_DESCRIPTION}
        rows={4}
        aria-describedby={`${ids}-count ${ids}-private`}
        onChange={(e) => onChange(e.target.value.slice(0, MAX_DESCRIPTION))}
      />
      {/* Two sentences, each its own id, so that the field is described by both. */}
      <p className="hint">
        <span id={`${ids}-count`}>{t('report.notes.count', { count: value.length, max: MAX_DESCRIPTION })}</span>{' '}
        <span id={`${ids}-private`}>{privacy}</span>
      </p>
    </div>
  )
}

/** The end of a concern form: what went wrong, the submit button, and what is still missing. */
export function SubmitRow({ id, busy, label, busyLabel, problem, missing }: {
  id: string
  busy: boolean
  label: string
  busyLabel: string
  problem: string | null | undefined
  missing: string | null | undefined
}) {
  return (
    <>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} aria-describedby={missing ? `${id}-missing` : undefined}>
        {busy ? busyLabel : label}
      </button>
      {missing && (
        <p id={`${id}-missing`} className="hint">
          {missing}
        </p>
      )}
    </>
  )
}

/** The address that follows a report through its receipt token. */
export const receiptLink = (token: string) => `${location.origin}/receipt/${encodeURIComponent(token)}`

/** A copy button for a link, saying whether it worked. */
export function CopyLink({ link, label = t('report.link.copy') }: { link: string; label?: string }) {
  const [copied, setCopied] = useState<boolean | null>(null)
  useEffect(() => setCopied(null), [link])
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  return (
    <>
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span className="hint" aria-live="polite">
        {copied === true ? t('report.link.copied') : copied === false ? t('report.link.notCopied') : ''}
      </span>
    </>
  )
}

/**
 * "Save or share the link" through the device's share sheet (to notes, messages, a bookmark) where
 * it has one; elsewhere, or when sharing fails, the copy button.
 */
export function SaveLink({ link, title }: { link: string; title: string }) {
  const [failed, setFailed] = useState(false)
  if (failed || typeof navigator.share !== 'function') return <CopyLink link={link} />
  const share = async () => {
    try {
      await navigator.share({ title, url: link })
    } catch (error) {
      // Closing the share sheet is a choice, not a failure.
      if (!(error instanceof DOMException && error.name === 'AbortError')) setFailed(true)
    }
  }
  return (
    <button type="button" onClick={share}>
      {t('report.link.share')}
    </button>
  )
}

/**
 * A failed report (or walk-and-talk), in words: what the codes say, else the general words for
 * the failure; `fallback` when the report did not reach the server at all.
 */
export function explainReportFailure(error: unknown, fallback = t('report.failure.unsent')): string {
  if (!(error instanceof ApiFailure) || error.code === 'network') return fallback
  if (error.code === 'area_not_covered') return t('errors.areaNotCovered')
  if (error.code === 'rate_limited') return t('report.failure.rateLimited', { wait: waitText(error.retryAfterSeconds) })
  if (error.status === 401) return t('report.failure.sessionEnded')
  if (error.status === 403) return t('report.failure.forbidden')
  return failureText(error)
}
