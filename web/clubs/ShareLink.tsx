import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { t } from '../i18n/intl.ts'
import { clubKeys, shareSavedRoute } from './api.ts'
import './clubs.css'

/** Makes the share link, copies its full address, and shows it (to select by hand if need be). */
export function ShareLink({ clubId, savedId }: { clubId: number; savedId: number }) {
  const cache = useQueryClient()
  const [copied, setCopied] = useState<boolean | null>(null)
  const share = useMutation({
    mutationFn: async () => new URL((await shareSavedRoute(clubId, savedId)).url, location.origin).href,
    onSettled: () => cache.invalidateQueries({ queryKey: clubKeys.routes(clubId) }),
    onSuccess: (address) =>
      navigator.clipboard.writeText(address).then(
        () => setCopied(true),
        () => setCopied(false),
      ),
  })
  const copy = () => {
    setCopied(null)
    if (share.data) void navigator.clipboard.writeText(share.data).then(() => setCopied(true), () => setCopied(false))
    else share.mutate()
  }
  return (
    <div className="share">
      <button type="button" onClick={copy} disabled={share.isPending}>
        {t('clubs.share.copy')}
      </button>
      <span className="hint" aria-live="polite">
        {copied === true
          ? t('clubs.share.copied')
          : copied === false
            ? t('clubs.share.copyFailed')
            : share.isError
              ? t('clubs.share.failed')
              : ''}
      </span>
      {share.data && (
        <p className="share-link">
          <a href={share.data}>{share.data}</a>
        </p>
      )}
    </div>
  )
}
