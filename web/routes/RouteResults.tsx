import { useId, type RefObject } from 'react'
import type { LngLat } from '../api/client.ts'
import { t } from '../i18n/intl.ts'
import { routeColours, shortestColour } from '../map/layers/routes.ts'
import { routeFileUrl, type PlannedRoute, type RoutePlan } from './api.ts'
import { ClubTools } from './ClubTools.tsx'
import { reasonLines } from './reasons.ts'
import { describeRoute, distanceText } from './words.ts'

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

/** The alternatives, best first, each with its reasons; the selected one's GPX and club tools. */
export function RouteResults({ plan, selected, onSelect, heading, start, when }: Props) {
  const ids = useId()
  const chosen = plan.routes[selected]
  const shortest = { distance: distanceText(plan.shortest.properties.lengthMeters), score: plan.shortest.properties.score }
  return (
    <section className="route-results" aria-labelledby={`${ids}-results`}>
      <h3 id={`${ids}-results`} ref={heading} tabIndex={-1}>
        {t('routes.results.count', { count: plan.routes.length })}
      </h3>
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
        <span className="route-facts">{describeRoute(p)}</span>
      </button>
      <ul id={`${ids}-why`} className="why">
        {reasonLines(p).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </li>
  )
}
