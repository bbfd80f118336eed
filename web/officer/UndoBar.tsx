import { useMutation, useQueryClient } from '@tanstack/react-query'
import { failureText } from '../api/failure-words.ts'

/** A change the public sees that can be taken back: what was done, and how to undo it. */
export type Undoable = { done: string; label: string; undo: () => Promise<unknown>; undone: string }

/** Every read a moderation change alters: the list, the public map and any receipt. */
export const moderationReads = (key: readonly unknown[]) => key[0] === 'officer-concerns' || key[0] === 'concerns'

/**
 * Above the list, the last hide or merge with its "Undo": a hidden or merged concern leaves the
 * list (unless hidden ones are shown), so its undo cannot live in its row.
 */
export function UndoBar({ last }: { last: Undoable | null }) {
  const cache = useQueryClient()
  const undo = useMutation({
    mutationFn: (change: Undoable) => change.undo(),
    onSettled: () => cache.invalidateQueries({ predicate: (q) => moderationReads(q.queryKey) }),
  })
  if (!last) return null
  const undone = undo.isSuccess && undo.variables === last
  return (
    <p className="undo-bar" role="status">
      {undone ? last.undone : last.done}{' '}
      {!undone && (
        <button type="button" className="link" disabled={undo.isPending} onClick={() => undo.mutate(last)}>
          {last.label}
        </button>
      )}
      {undo.isError && undo.variables === last && <span className="error"> {failureText(undo.error)}</span>}
    </p>
  )
}
