import type { Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { bboxFits, MAX_PATROL_BBOX_DEGREES, type Bbox } from '../api.ts'
import { hotspotClickLayerId } from '../map/layers/patrol-planning.ts'
import { boundsOf } from '../routes/route-map.ts'
import { ClubRuns } from './ClubRuns.tsx'
import { CoverageDashboard } from './CoverageDashboard.tsx'
import { deletePatrol, fetchCoverage, fetchPatrols, type Coverage, type Hotspot, type Patrol } from './officer-api.ts'
import { PatrolForm, type Draft } from './PatrolForm.tsx'
import { addPatrolLayers, FIT_PADDING, removePatrolLayers, showHotspots, showPlans } from './patrol-map.ts'
import { PatrolSuggest } from './PatrolSuggest.tsx'
import { thisWeek } from './week.ts'
import { explainPatrolFailure } from './words.ts'
import './patrols.css'

type Mode = { kind: 'overview' } | { kind: 'draw'; draft: Draft } | { kind: 'suggest' }

/**
 * The officer's Patrols view: the week's coverage and hot spots, the saved plans, drawing or
 * changing a plan, a suggested patrol that fills the gaps, and club runs to join.
 */
/** `bounds`: the imported data's (GET /api/map), undefined while the page still asks for them. */
export function PatrolPlanner({ map, bounds }: { map: MapLibreMap | null; bounds: Bbox | null | undefined }) {
  const ids = useId()
  const [week, setWeek] = useState(thisWeek)
  const [coverage, setCoverage] = useState<Coverage>()
  const [coverageProblem, setCoverageProblem] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [plans, setPlans] = useState<Patrol[]>([])
  const [plansProblem, setPlansProblem] = useState<string | null>(null)
  const [mode, setMode] = useState<Mode>({ kind: 'overview' })
  const [selectedRank, setSelectedRank] = useState<number | null>(null)
  const [deleting, setDeleting] = useState<number | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const [reloads, setReloads] = useState(0)
  const newButton = useRef<HTMLButtonElement>(null)

  // Coverage is reported over the imported area when the endpoint takes it, else over the map's view.
  const area = bounds && bboxFits(bounds, MAX_PATROL_BBOX_DEGREES) ? bounds : bounds === undefined ? undefined : null

  useEffect(() => {
    if (!map) return
    addPatrolLayers(map)
    return () => removePatrolLayers(map)
  }, [map])

  const reload = useCallback(() => setReloads((n) => n + 1), [])

  useEffect(() => {
    if (area === undefined || (!area && !map)) return
    const bbox = area ?? viewOf(map!)
    const controller = new AbortController()
    setLoading(true)
    fetchCoverage(week, bbox, controller.signal)
      .then((answer) => {
        // Ranks are the new answer's: the one picked before may be another hot spot now.
        setSelectedRank(null)
        setCoverage(answer)
        setCoverageProblem(null)
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return
        setCoverageProblem(explainPatrolFailure(error, 'Coverage could not be loaded. Check your connection and try again.').join(' '))
      })
      .finally(() => !controller.signal.aborted && setLoading(false))
    return () => controller.abort()
  }, [week, area, map, reloads])

  useEffect(() => {
    let current = true
    fetchPatrols()
      .then((list) => {
        if (!current) return
        setPlans(list.features)
        setPlansProblem(null)
      })
      .catch((error: unknown) => current && setPlansProblem(explainPatrolFailure(error, 'The plans could not be loaded.').join(' ')))
    return () => {
      current = false
    }
  }, [reloads])

  const editingId = mode.kind === 'draw' ? (mode.draft.plan?.properties.id ?? null) : null
  useEffect(() => {
    if (map) showPlans(map, plans, editingId)
  }, [map, plans, editingId])
  useEffect(() => {
    if (map) showHotspots(map, coverage?.hotspots.features ?? [], selectedRank)
  }, [map, coverage, selectedRank])

  const selectHotspot = useCallback(
    (hotspot: Hotspot) => {
      setSelectedRank(hotspot.properties.rank)
      const [lng, lat] = hotspot.geometry.coordinates as [number, number]
      map?.flyTo({ center: [lng, lat], zoom: Math.max(map.getZoom(), 16), duration: 600 })
    },
    [map],
  )

  // Outside drawing and suggesting, a click on a hot spot's circle picks it in the list.
  useEffect(() => {
    if (!map || mode.kind !== 'overview') return
    const onClick = (event: MapLayerMouseEvent) => {
      const rank = Number(event.features?.[0]?.properties.rank)
      if (!rank) return
      setSelectedRank(rank)
      document.getElementById(`${ids}-hotspot-${rank}`)?.scrollIntoView({ block: 'nearest' })
    }
    map.on('click', hotspotClickLayerId, onClick)
    return () => void map.off('click', hotspotClickLayerId, onClick)
  }, [map, mode.kind, ids])

  const open = (next: Mode) => {
    setSaved(null)
    setMode(next)
  }

  const edit = (plan: Patrol) => {
    open({ kind: 'draw', draft: { plan } })
    const bounds = boundsOf([plan])
    if (map && bounds) map.fitBounds(bounds, { padding: FIT_PADDING, maxZoom: 17, duration: 500 })
  }

  const remove = async (plan: Patrol) => {
    try {
      await deletePatrol(plan.properties.id)
      setDeleting(null)
      setSaved(`Deleted “${plan.properties.title}”.`)
      reload()
    } catch (error) {
      setPlansProblem(explainPatrolFailure(error, 'The plan could not be deleted.').join(' '))
    }
  }

  const backToOverview = () => {
    setMode({ kind: 'overview' })
    requestAnimationFrame(() => newButton.current?.focus())
  }

  return (
    <div className="patrol-planner">
      {saved && (
        <p className="saved" role="status">
          {saved}
        </p>
      )}
      {mode.kind === 'overview' && (
        <div className="row">
          <button type="button" className="primary" ref={newButton} onClick={() => open({ kind: 'draw', draft: {} })}>
            Draw a patrol
          </button>
          <button type="button" className="primary" onClick={() => open({ kind: 'suggest' })}>
            Suggest a patrol
          </button>
        </div>
      )}
      {mode.kind === 'draw' && (
        <PatrolForm
          key={mode.draft.plan?.properties.id ?? 'new'}
          map={map}
          draft={mode.draft}
          onCancel={backToOverview}
          onSaved={(plan) => {
            setSaved(`Saved “${plan.properties.title}”: ${plan.properties.scheduleText}.`)
            backToOverview()
            reload()
          }}
        />
      )}
      {mode.kind === 'suggest' && (
        <PatrolSuggest
          map={map}
          week={week}
          area={area ?? null}
          onClose={backToOverview}
          onUse={(waypoints, title) => setMode({ kind: 'draw', draft: { waypoints, title } })}
        />
      )}

      <CoverageDashboard
        week={week}
        onWeek={setWeek}
        coverage={coverage}
        loading={loading}
        problem={coverageProblem}
        selectedRank={selectedRank}
        onSelectHotspot={selectHotspot}
        itemId={(rank) => `${ids}-hotspot-${rank}`}
      />

      <section aria-labelledby={`${ids}-plans`}>
        <h2 id={`${ids}-plans`}>Patrol plans</h2>
        {plansProblem && (
          <p className="error" role="alert">
            {plansProblem}
          </p>
        )}
        {plans.length === 0 && !plansProblem && <p className="muted">No plans with sessions to come.</p>}
        <ul className="plan-list" data-testid="officer-plan-list">
          {plans.map((plan) => {
            const p = plan.properties
            return (
              <li key={p.id}>
                <p>
                  <strong>{p.title}</strong> {p.public ? <span className="badge">public</span> : <span className="badge">officers only</span>}
                  <br />
                  {p.scheduleText}
                  {p.team ? ` · ${p.team}` : ''}
                </p>
                {deleting === p.id ? (
                  <div className="row" role="group" aria-label={`Delete ${p.title}?`}>
                    <span>Delete “{p.title}” for good?</span>
                    <button type="button" className="danger" onClick={() => void remove(plan)}>
                      Yes, delete it
                    </button>
                    <button type="button" onClick={() => setDeleting(null)}>
                      Keep it
                    </button>
                  </div>
                ) : (
                  <div className="row">
                    <button type="button" onClick={() => edit(plan)} aria-label={`Change ${p.title}`} disabled={mode.kind !== 'overview'}>
                      Change
                    </button>
                    <button type="button" onClick={() => setDeleting(p.id)} aria-label={`Delete ${p.title}`}>
                      Delete
                    </button>
                  </div>
                )}
              </li>
            )
          })}
        </ul>
      </section>

      <ClubRuns />
    </div>
  )
}

function viewOf(map: MapLibreMap): Bbox {
  const b = map.getBounds()
  const [lng, lat] = [b.getCenter().lng, b.getCenter().lat]
  const half = MAX_PATROL_BBOX_DEGREES / 2
  // A view wider than the endpoint takes is cut to its middle.
  return [Math.max(b.getWest(), lng - half), Math.max(b.getSouth(), lat - half), Math.min(b.getEast(), lng + half), Math.min(b.getNorth(), lat + half)].map((n) =>
    Number(n.toFixed(6)),
  ) as Bbox
}
