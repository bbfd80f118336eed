import { useId, type RefObject } from 'react'
import type { LngLat } from '../api/client.ts'
import { t } from '../i18n/intl.ts'
import { routeColours, shortestColour } from '../map/layers/routes.ts'
import { minutesText } from '../patrols/words.ts'
import { routeFileUrl, type PlannedRoute, type RoutePlan } from './api.ts'
import { ClubTools } from './ClubTools.tsx'
import { ShareRoute } from './ShareRoute.tsx'
import { reasonLines } from './reasons.ts'
import { distanceText, scoreTermLines } from './words.ts'

type Props = {
  plan: RoutePlan
  selected: number
  onSelect: (index: number) => void
  heading: RefObject<HTMLHeadingElement | null>
  start: LngLat | null
  when: string
}

/** "Loop 2", "Route 1": an alternative by its place in the list (from 0). */
const routeName = (kind: RoutePlan['kind'], index: number) =>
  kind === 'loop' ? t('routes.results.loopName', { number: index + 1 }) : t('routes.results.routeName', { number: index + 1 })

/** "8.1 km: 1 h 37 min walking, 49 min running". */
const factsText = (p: PlannedRoute['properties']) =>
  t('routes.results.facts', { distance: distanceText(p.lengthMeters), walking: minutesText(p.walkingMinutes), running: minutesText(p.runningMinutes) })

/**
 * The alternatives in the server's order, best first by the score of the chosen profile, each
 * with its times and reasons, under what that score counts; the selected one's GPX and club tools.
 */
export function RouteResults({ plan, selected, onSelect, heading, start, when }: Props) {
  const ids = useId()
  const chosen = plan.routes[selected]
  const shortest = { distance: distanceText(plan.shortest.properties.lengthMeters), score: plan.shortest.properties.score }
  // The same for every choice of one plan: what the profile weighed at that time and place.
  const counts = scoreTermLines(plan.shortest.properties.scoreCounts)
  return (
    <section className="route-results" aria-labelledby={`${ids}-results`}>
      <h3 id={`${ids}-results`} ref={heading} tabIndex={-1}>
        {t('routes.results.count', { count: plan.routes.length })}
      </h3>
      <div className="score-counts hint" data-testid="score-counts">
        <p>{counts.length ? t('routes.score.intro') : t('routes.score.introDistance')}</p>
        {counts.length > 0 && (
          <ul>
            {counts.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </div>
      <ol className="route-list">
        {plan.routes.map((route, index) => (
          <RouteItem key={route.properties.id} route={route} index={index} kind={plan.kind} selected={index === selected} onSelect={() => onSelect(index)} />
        ))}
      </ol>
      <p className="hint comparison">
        <span className="dash" style={{ borderColor: shortestColour }} aria-hidden="true" />
        {plan.kind === 'loop' ? t('routes.results.comparisonLoop', shortest) : t('routes.results.comparisonRoute', shortest)}
      </p>
      {chosen && (
        <section className="route-actions" aria-label={routeName(plan.kind, selected)}>
          <a className="button" href={routeFileUrl(chosen.properties.id)} download>
            {t('routes.downloadGpx')}
          </a>
          <ShareRoute key={`share-${chosen.properties.id}`} route={chosen} />
          <ClubTools key={chosen.properties.id} route={chosen} kind={plan.kind} start={start} when={when} />
        </section>
      )}
    </section>
  )
}

function RouteItem({ route, index, kind, selected, onSelect }: { route: PlannedRoute; index: number; kind: RoutePlan['kind']; selected: boolean; onSelect: () => void }) {
  const ids = useId()
  const p = route.properties
  return (
    <li className={selected ? 'route-item selected' : 'route-item'}>
      <button type="button" aria-pressed={selected} aria-describedby={`${ids}-why`} onClick={onSelect}>
        <span className="swatch" style={{ background: routeColours[index] ?? routeColours[2] }} aria-hidden="true" />
        <span className="route-name">{routeName(kind, index)}</span>
        <span className="route-facts">{factsText(p)}</span>
        <span className="route-score">{t('routes.results.score', { score: p.score })}</span>
      </button>
      <ul id={`${ids}-why`} className="why">
        {reasonLines(p).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </li>
  )
}
