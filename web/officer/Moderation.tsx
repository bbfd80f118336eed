import { Link } from 'react-router'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import { useSignOut, type User } from '../auth/session.ts'
import { MapView } from '../components/MapView.tsx'
import { t } from '../i18n/intl.ts'
import { useMapInfo } from '../map/info.ts'
import { ConcernList } from './ConcernList.tsx'
import { WalkAndTalk } from './WalkAndTalk.tsx'
import { CONTENT_ID } from '../components/SkipLink.tsx'

/** The patrol planner loads when its view is first opened. */
const PatrolPlanner = lazy(() => import('../patrols/PatrolPlanner.tsx').then((m) => ({ default: m.PatrolPlanner })))

/** What the officer's page shows beside its map: one of these at a time. */
type View = 'concerns' | 'walk' | 'patrols'

/** Signed in as an officer: concerns to moderate (or a walk-and-talk under way), or patrols and coverage. */
export function Moderation({ user }: { user: User }) {
  const { opening } = useMapInfo()
  const signOut = useSignOut()
  const [view, setView] = useState<View>('concerns')
  const [selected, setSelected] = useState<number | null>(null)
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const walkButton = useRef<HTMLButtonElement>(null)
  const walked = useRef(false)

  // Back from a walk: focus returns to the button that started it.
  useEffect(() => {
    if (view === 'concerns' && walked.current) walkButton.current?.focus()
    walked.current = view === 'walk'
  }, [view])

  const show = (next: View) => {
    setSelected(null)
    setView(next)
  }
  return (
    <main id={CONTENT_ID} tabIndex={-1} className="moderation">
      <header className="moderation-head">
        <h1>{view === 'patrols' ? t('officer.title.patrols') : t('officer.title.concerns')}</h1>
        <div className="view-switch" role="group" aria-label={t('officer.view')}>
          <button type="button" aria-pressed={view !== 'patrols'} onClick={() => view === 'patrols' && show('concerns')}>
            {t('officer.view.concerns')}
          </button>
          <button type="button" aria-pressed={view === 'patrols'} disabled={view === 'walk'} onClick={() => show('patrols')}>
            {t('officer.view.patrols')}
          </button>
        </div>
        <span className="muted">
          {t('officer.signedInAs', { name: user.name || user.email, role: user.role })}
        </span>
        <Link to="/">{t('officer.publicMap')}</Link>
        <button type="button" onClick={() => signOut.mutate()}>
          {t('auth.signOut')}
        </button>
      </header>
      <div className={view === 'walk' ? 'moderation-body walking' : 'moderation-body'}>
        {view === 'patrols' && (
          <section className="moderation-list" aria-label={t('officer.view.patrols')}>
            <Suspense fallback={<p aria-live="polite">{t('officer.loadingPlanner')}</p>}>
              <PatrolPlanner map={map} />
            </Suspense>
          </section>
        )}
        {view === 'concerns' && (
          <ConcernList
            map={map}
            selected={selected}
            onSelect={setSelected}
            walkButton={
              <button type="button" className="primary walk-button" ref={walkButton} onClick={() => show('walk')}>
                {t('officer.walk.start')}
              </button>
            }
          />
        )}
        <div className="moderation-map">{opening && <MapView info={opening} showCrime={false} onMap={setMap} label={t('officer.mapLabel')} />}</div>
        {view === 'walk' && <WalkAndTalk map={map} onClose={() => setView('concerns')} />}
      </div>
    </main>
  )
}
