import { useId, type RefObject } from 'react'
import type { LngLat } from '../api/client.ts'
import { routeColours, shortestColour } from '../map/layers/routes.ts'
import { routeFileUrl, type PlannedRoute, type RoutePlan } from './api.ts'
import { ClubTools } from './ClubTools.tsx'
import { describeRoute, distanceText, scoreText } from './words.ts'

type Props = {
  plan: RoutePlan
  selected: number
  onSelect: (index: number) => void
  heading: RefObject<HTMLHeadingElement | null>
  start: LngLat | null
  when: string
}

/** The alternatives, best first, each with its explanation; the selected one's GPX and club tools. */
export function RouteResults({ plan, selected, onSelect, heading, start, when }: Props) {
  const ids = useId()
  const chosen = plan.routes[selected]
  return (
    <section className="route-results" aria-labelledby={`${ids}-results`}>
      <h3 id={`${ids}-results`} ref={heading} tabIndex={-1}>
        {plan.routes.length === 1 ? 'One choice' : `${plan.routes.length} choices`}
      </h3>
      <ol className="route-list">
        {plan.routes.map((route, index) => (
          <RouteItem key={route.properties.id} route={route} index={index} kind={plan.kind} selected={index === selected} onSelect={() => onSelect(index)} />
        ))}
      </ol>
      <p className="hint comparison">
        <span className="dash" style={{ borderColor: shortestColour }} aria-hidden="true" />
        Dashed grey: the shortest {plan.kind === 'loop' ? 'loop' : 'way'} on distance alone, {distanceText(plan.shortest.properties.lengthMeters)},{' '}
        {scoreText(plan.shortest.properties.score)}.
      </p>
      {chosen && (
        <section className="route-actions" aria-label={`Route ${selected + 1}`}>
          <a className="button" href={routeFileUrl(chosen.properties.id)} download>
            Download GPX
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
        <span className="route-name">
          {kind === 'loop' ? 'Loop' : 'Route'} {index + 1}
        </span>
        <span className="route-facts">{describeRoute(p)}</span>
      </button>
      <ul id={`${ids}-why`} className="why">
        {p.explanation.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </li>
  )
}
