import { useMutation } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { HIDDEN_END_METRES } from '../../server/clubs/private-ends.ts'
import { shareComputedRoute } from '../clubs/api.ts'
import { explainShareFailure, PRODUCT } from '../clubs/words.ts'
import { CopyLink, SaveLink } from '../components/ConcernFields.tsx'
import { t } from '../i18n/intl.ts'
import { londonWhenText } from '../time-words.ts'
import type { PlannedRoute } from './api.ts'

/**
 * "Share" for a computed route, no account needed: a link that, unless "Show the start and
 * finish" is ticked, leaves out the first and last 200 m (the server cuts them before sending,
 * in the page and its GPX). Then the device's share sheet where it has one, and a copy button.
 */
export function ShareRoute({ route }: { route: PlannedRoute }) {
  const ids = useId()
  const [open, setOpen] = useState(false)
  const [showEnds, setShowEnds] = useState(false)
  const share = useMutation({
    mutationFn: async (ends: boolean) => {
      const link = await shareComputedRoute(route.properties.id, ends)
      return { ...link, address: new URL(link.url, location.origin).href }
    },
  })
  const link = share.data
  const choose = (ends: boolean) => {
    setShowEnds(ends)
    share.reset() // a link says one choice: the next one is made with the new one
  }
  return (
    <div className="share-route">
      <button type="button" aria-expanded={open} aria-controls={`${ids}-share`} onClick={() => setOpen(!open)}>
        {t('clubs.shareRoute.open')}
      </button>
      {open && (
        <div id={`${ids}-share`} className="stack share-panel">
          <label className="choice">
            <input type="checkbox" checked={showEnds} onChange={(e) => choose(e.target.checked)} aria-describedby={`${ids}-ends`} />
            {t('clubs.share.showEnds')}
          </label>
          <p className="hint" id={`${ids}-ends`}>
            {showEnds ? t('clubs.share.endsShown') : t('clubs.share.endsHidden', { metres: HIDDEN_END_METRES })}
          </p>
          {!link && (
            <button type="button" className="primary" disabled={share.isPending} onClick={() => share.mutate(showEnds)}>
              {share.isPending ? t('clubs.shareRoute.making') : t('clubs.shareRoute.make')}
            </button>
          )}
          {share.error && (
            <p className="error" role="alert">
              {explainShareFailure(share.error)}
            </p>
          )}
          {link && (
            <>
              <p className="share-link">
                <a href={link.address}>{link.address}</a>
              </p>
              <p className="hint" role="status">
                {link.expiresAt ? t('clubs.shareRoute.until', { when: londonWhenText(link.expiresAt) }) : t('clubs.shareRoute.kept')}
              </p>
              <div className="share">
                {typeof navigator.share === 'function' && <SaveLink link={link.address} title={t('clubs.shareRoute.title', { product: PRODUCT })} />}
                <CopyLink link={link.address} />
              </div>
            </>
          )}
        </div>
      )}
    </div>
  )
}
