import { useEffect, useId, useRef } from 'react'

type Props = { question: string; yes: string; no: string; onYes: () => void; onNo: () => void }

/**
 * A step that asks before a change the public sees (hiding a concern, merging it): the question,
 * then "yes" (focused, so Enter confirms and a screen reader reads the question) and "no".
 */
export function Confirm({ question, yes, no, onYes, onNo }: Props) {
  const id = useId()
  const first = useRef<HTMLButtonElement>(null)
  useEffect(() => first.current?.focus(), [])
  return (
    <div className="confirm" role="group" aria-labelledby={id} onKeyDown={(e) => e.key === 'Escape' && onNo()}>
      <p id={id}>{question}</p>
      <div className="row">
        <button type="button" className="primary" ref={first} onClick={onYes}>
          {yes}
        </button>
        <button type="button" onClick={onNo}>
          {no}
        </button>
      </div>
    </div>
  )
}
