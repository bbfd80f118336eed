import { useEffect, useRef, useState } from 'react'
import type { LngLat } from '../api/client.ts'
import { usePlaceWords } from './use-place-words.ts'

/**
 * A point in words inside a long list (the officers' concerns): asked only once its row scrolls
 * into view, so a list of thousands asks for the few on screen.
 */
export function PlaceWordsText({ at }: { at: LngLat }) {
  const ref = useRef<HTMLSpanElement>(null)
  const [seen, setSeen] = useState(false)
  useEffect(() => {
    const element = ref.current
    if (!element || seen) return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true)
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [seen])
  const words = usePlaceWords(seen ? at : null)
  return (
    <span ref={ref} className="place-words">
      {words ?? ''}
    </span>
  )
}
