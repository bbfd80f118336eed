import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useId, useState, type KeyboardEvent } from 'react'
// Under MIN_QUERY characters nothing is searched: the server's own rule.
import { MIN_QUERY } from '../../server/places/gazetteer.ts'
import type { LngLat } from '../api/client.ts'
import { t } from '../i18n/intl.ts'
import { searchPlaces, type FoundPlace } from './api.ts'
import { placeKindText } from './words.ts'

/** How long typing pauses before the search is asked. */
const TYPING_PAUSE_MS = 200

type Props = {
  label: string
  /** Where "near" is: the map's visible centre, so nearer places come first among equals. */
  near: () => LngLat | undefined
  onChoose: (place: FoundPlace) => void
}

/**
 * A search box for a street, path, park or borough by name (WAI-ARIA combobox with a listbox):
 * type, move with the arrow keys, Enter or a tap chooses; Escape closes the list.
 */
export function PlaceSearch({ label, near, onChoose }: Props) {
  const ids = useId()
  const [text, setText] = useState('')
  const [asked, setAsked] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)

  useEffect(() => {
    const timer = setTimeout(() => setAsked(text.trim()), TYPING_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [text])

  const found = useQuery({
    queryKey: ['places', 'search', asked],
    queryFn: ({ signal }) => searchPlaces(asked, near(), signal),
    enabled: [...asked].length >= MIN_QUERY,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
    retry: false,
  })
  const places = [...asked].length >= MIN_QUERY ? (found.data?.places ?? []) : []
  const showing = open && places.length > 0

  const choose = (place: FoundPlace) => {
    setText(place.name)
    setAsked(place.name)
    setOpen(false)
    setActive(-1)
    onChoose(place)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (!places.length) return
      setOpen(true)
      const n = places.length
      setActive((i) => (event.key === 'ArrowDown' ? (i + 1) % n : i <= 0 ? n - 1 : i - 1))
    } else if (event.key === 'Enter' && showing) {
      event.preventDefault()
      choose(places[Math.max(0, active)]!)
    } else if (event.key === 'Escape' && open) {
      event.preventDefault()
      setOpen(false)
      setActive(-1)
    }
  }

  const status = !open || [...asked].length < MIN_QUERY
    ? ''
    : found.isError
      ? t('places.search.unavailable')
      : found.isFetching
        ? ''
        : places.length === 0
          ? t('places.search.none', { query: asked })
          : t('places.search.found', { count: places.length })

  return (
    <div className="place-search">
      <label htmlFor={`${ids}-input`}>{label}</label>
      <input
        id={`${ids}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        enterKeyHint="search"
        aria-autocomplete="list"
        aria-expanded={showing}
        aria-controls={`${ids}-list`}
        aria-activedescendant={showing && active >= 0 && active < places.length ? `${ids}-option-${active}` : undefined}
        aria-describedby={`${ids}-status`}
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setOpen(true)
          setActive(-1)
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(true)}
      />
      <ul id={`${ids}-list`} role="listbox" aria-label={label} hidden={!showing}>
        {places.map((place, i) => (
          <li
            key={place.id}
            id={`${ids}-option-${i}`}
            role="option"
            aria-selected={i === active}
            // Chosen on pointer down, before the input's blur closes the list.
            onPointerDown={(event) => {
              event.preventDefault()
              choose(place)
            }}
          >
            <span className="place-name">{place.name}</span>
            <span className="place-kind">{placeKindText(place.kind, place.borough)}</span>
          </li>
        ))}
      </ul>
      <p id={`${ids}-status`} className="hint" aria-live="polite">
        {status}
      </p>
    </div>
  )
}
