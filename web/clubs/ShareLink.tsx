import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { HIDDEN_END_METRES } from '../../server/clubs/private-ends.ts'
import { SaveLink } from '../components/ConcernFields.tsx'
import { t } from '../i18n/intl.ts'
import { clubKeys, shareSavedRoute } from './api.ts'
import { explainShareFailure, PRODUCT } from './words.ts'
import './clubs.css'

/**
 * Makes the share link (hiding the line's first and last 200 m unless "Show the start and
 * finish" is ticked), copies its full address and shows it (to select by hand if need be); on a
 * device with a share sheet, offers it too. A new link replaces the club's previous one.
 */
export function ShareLink({ clubId, savedId, showsEnds = false }: { clubId: number; savedId: number; showsEnds?: boolean }) {
  const ids = useId()
  const cache = useQueryClient()
  const [showEnds, setShowEnds] = useState(showsEnds)
  const [copied, setCopied] = useState<boolean | null>(null)
  const copy = (address: string) =>
    navigator.clipboard.writeText(address).then(
      () => setCopied(true),
      () => setCopied(false),
    )
  const share = useMutation({
    mutationFn: async (ends: boolean) => new URL((await shareSavedRoute(clubId, savedId, ends)).url, location.origin).href,
    onSettled: () => cache.invalidateQueries({ queryKey: clubKeys.routes(clubId) }),
    onSuccess: copy,
  })
  const choose = (ends: boolean) => {
    setShowEnds(ends)
    setCopied(null)
    share.reset() // the link made says the old choice: the next click makes one with the new
  }
  const onCopy = () => {
    setCopied(null)
    if (share.data) void copy(share.data)
    else share.mutate(showEnds)
  }
  return (
    <div className="share">
      <label className="choice">
        <input type="checkbox" checked={showEnds} onChange={(e) => choose(e.target.checked)} aria-describedby={`${ids}-ends`} />
        {t('clubs.share.showEnds')}
      </label>
      <p className="hint share-hint" id={`${ids}-ends`}>
        {showEnds ? t('clubs.share.endsShown') : t('clubs.share.endsHidden', { metres: HIDDEN_END_METRES })}
      </p>
      <button type="button" onClick={onCopy} disabled={share.isPending}>
        {t('clubs.share.copy')}
      </button>
      {share.data && typeof navigator.share === 'function' && <SaveLink link={share.data} title={t('clubs.shareRoute.title', { product: PRODUCT })} />}
      <span className="hint" aria-live="polite">
        {copied === true ? t('clubs.share.copied') : copied === false ? t('clubs.share.copyFailed') : share.isError ? explainShareFailure(share.error) : ''}
      </span>
      {share.data && (
        <p className="share-link">
          <a href={share.data}>{share.data}</a>
        </p>
      )}
    </div>
  )
}
