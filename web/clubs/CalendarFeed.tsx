import { useMutation, useQueryClient } from '@tanstack/react-query'
import { CopyLink } from '../components/ConcernFields.tsx'
import { t } from '../i18n/intl.ts'
import { clubKeys, newCalendarFeed, removeCalendarFeed, type Club } from './api.ts'
import { explainClubFailure } from './words.ts'

/**
 * The club's calendar link, for calendar apps to subscribe to (they keep it up to date; the
 * download is a copy of today's). The address is shown only when made: a new one replaces the
 * old, and the organiser can stop it.
 */
export function CalendarFeed({ club }: { club: Club }) {
  const cache = useQueryClient()
  const refresh = () => cache.invalidateQueries({ queryKey: clubKeys.all })
  const make = useMutation({
    mutationFn: async () => new URL((await newCalendarFeed(club.id)).url, location.origin).href,
    onSettled: refresh,
  })
  const stop = useMutation({
    mutationFn: () => removeCalendarFeed(club.id),
    onSuccess: () => make.reset(),
    onSettled: refresh,
  })
  const failure = make.error ?? stop.error
  return (
    <div className="calendar-feed">
      <p className="hint">{make.data ? t('clubs.feed.made') : club.calendarFeed ? t('clubs.feed.active') : t('clubs.feed.explain')}</p>
      <button type="button" onClick={() => make.mutate()} disabled={make.isPending}>
        {club.calendarFeed ? t('clubs.feed.replace') : t('clubs.feed.make')}
      </button>
      {club.calendarFeed && (
        <button type="button" onClick={() => confirm(t('clubs.feed.stopConfirm')) && stop.mutate()} disabled={stop.isPending}>
          {t('clubs.feed.stop')}
        </button>
      )}
      {make.data && (
        <p className="share-link">
          <a href={make.data}>{make.data}</a> <CopyLink link={make.data} label={t('clubs.feed.copy')} />
        </p>
      )}
      {failure && (
        <p className="error" role="alert">
          {explainClubFailure(failure)}
        </p>
      )}
    </div>
  )
}
