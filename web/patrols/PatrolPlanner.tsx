import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl'
import { useEffect, useId, useRef, useState } from 'react'
import { bboxFits, type Bbox } from '../api/client.ts'
import { t } from '../i18n/intl.ts'
import { useMapInfo } from '../map/info.ts'
import { hotspotClickLayerId, patrolPlanningLayers } from '../map/layers/patrol-planning.ts'
import { patrolPlanningSources } from '../map/sources/patrol-planning.ts'
import { useMapLayers } from '../map/use-map-layers.ts'
import { useMapView } from '../map/use-map-view.ts'
import { boundsOf } from '../routes/route-map.ts'
import { ClubRuns } from './ClubRuns.tsx'
import { CoverageDashboard } from './CoverageDashboard.tsx'
import { deletePatrol, fetchCoverage, fetchPatrols, type Hotspot, type Patrol } from './officer-api.ts'
import { PatrolForm, type Draft } from './PatrolForm.tsx'
import { FIT_PADDING, markEditing, selectHotspot, showHotspots, showPlans } from './patrol-map.ts'
import { PatrolSuggest } from './PatrolSuggest.tsx'
import { scheduleWords } from './public-words.ts'
import { thisWeek } from './week.ts'
import { explainPatrolFailure } from './words.ts'
import './patrols.css'

type Mode = { kind: 'overview' } | { kind: 'draw'; draft: Draft } | { kind: 'suggest' }

/**
 * The officer's Patrols view: the week's coverage and hot spots, the saved plans, drawing or
 * changing a plan, a suggested patrol that fills the gaps, and club runs to join.
 */
export function PatrolPlanner({ map }: { map: MapLibreMap | null }) {
  const ids = useId()
  const cache = useQueryClient()
  const { opening, settings } = useMapInfo()
  const [week, setWeek] = useState(thisWeek)
  const [mode, setMode] = useState<Mode>({ kind: 'overview' })
  const [selectedRank, setSelectedRank] = useState<number | null>(null)
  const [deleting, setDeleting] = useState<number | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const newButton = useRef<HTMLButtonElement>(null)
  useMapLayers(map, patrolPlanningSources(), patrolPlanningLayers)

  // Coverage is reported over the imported area when the endpoint takes it, else over the map's view.
  const maxDegrees = settings?.maxBboxDegrees.patrols
  const bounds = opening?.bounds ?? null
  const whole = bounds && maxDegrees && bboxFits(bounds, maxDegrees) ? bounds : null
  const view = useMapView(map, 250, !whole)
  const liveArea = whole ?? (view && maxDegrees ? middleOf(view.bbox, maxDegrees) : null)
  // A suggestion moves the map to its walk: while it is open the dashboard keeps the area the
  // suggestion measures its gain over, so "coverage now" and the dashboard's share are one figure.
  const heldArea = useRef<Bbox | null>(null)
  if (mode.kind !== 'suggest' || !heldArea.current) heldArea.current = liveArea
  const area = heldArea.current

  const coverage = useQuery({
    queryKey: ['coverage', week, area],
    queryFn: ({ signal }) => fetchCoverage(week, area!, signal),
    enabled: area !== null,
    placeholderData: keepPreviousData,
  })
  const plans = useQuery({ queryKey: ['patrols', 'officer'], queryFn: fetchPatrols })
  const list = plans.data?.features ?? []
  const remove = useMutation({
    mutationFn: (plan: Patrol) => deletePatrol(plan.properties.id),
    onSuccess: (_, plan) => {
      setDeleting(null)
      setSaved(t('patrols.plans.deleted', { title: plan.properties.title }))
    },
    onSettled: () => cache.invalidateQueries({ queryKey: ['patrols'] }).then(() => cache.invalidateQueries({ queryKey: ['coverage'] })),
  })

  // Ranks are each answer's own: the one picked before may be another hot spot now.
  const hotspots = coverage.data?.hotspots.features
  useEffect(() => setSelectedRank(null), [hotspots])

  const editingId = mode.kind === 'draw' ? (mode.draft.plan?.properties.id ?? null) : null
  useEffect(() => {
    if (map) showPlans(map, list)
  }, [map, list])
  useEffect(() => {
    if (map) markEditing(map, editingId)
  }, [map, list, editingId])
  useEffect(() => {
    if (map) showHotspots(map, hotspots ?? [])
  }, [map, hotspots])
  useEffect(() => {
    if (map) selectHotspot(map, selectedRank)
  }, [map, hotspots, selectedRank])

  const pickHotspot = (hotspot: Hotspot) => {
    setSelectedRank(hotspot.properties.rank)
    const [lng, lat] = hotspot.geometry.coordinates as [number, number]
    map?.flyTo({ center: [lng, lat], zoom: Math.max(map.getZoom(), 16), duration: 600 })
  }

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
    const box = boundsOf([plan])
    if (map && box) map.fitBounds(box, { padding: FIT_PADDING, maxZoom: 17, duration: 500 })
  }
  const backToOverview = () => {
    setMode({ kind: 'overview' })
    requestAnimationFrame(() => newButton.current?.focus())
  }

  const plansProblem = plans.error
    ? explainPatrolFailure(plans.error, t('patrols.plans.loadFailed')).join(' ')
    : remove.error
      ? explainPatrolFailure(remove.error, t('patrols.plans.deleteFailed')).join(' ')
      : null
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
            {t('patrols.draw')}
          </button>
          <button type="button" className="primary" onClick={() => open({ kind: 'suggest' })}>
            {t('patrols.suggest')}
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
            setSaved(t('patrols.plans.saved', { title: plan.properties.title, schedule: scheduleWords(plan.properties.schedule) }))
            backToOverview()
          }}
        />
      )}
      {mode.kind === 'suggest' && (
        <PatrolSuggest
          map={map}
          week={week}
          area={area}
          onClose={backToOverview}
          onUse={(waypoints, title) => setMode({ kind: 'draw', draft: { waypoints, title } })}
        />
      )}

      <CoverageDashboard
        week={week}
        onWeek={setWeek}
        coverage={coverage.data}
        loading={coverage.isFetching}
        problem={coverage.error ? explainPatrolFailure(coverage.error, t('patrols.coverage.loadFailed')).join(' ') : null}
        selectedRank={selectedRank}
        onSelectHotspot={pickHotspot}
        itemId={(rank) => `${ids}-hotspot-${rank}`}
      />

      <section aria-labelledby={`${ids}-plans`}>
        <h2 id={`${ids}-plans`}>{t('patrols.plans.title')}</h2>
        {plansProblem && (
          <p className="error" role="alert">
            {plansProblem}
          </p>
        )}
        {plans.data && list.length === 0 && <p className="muted">{t('patrols.plans.none')}</p>}
        <ul className="plan-list" data-testid="officer-plan-list">
          {list.map((plan) => {
            const p = plan.properties
            return (
              <li key={p.id}>
                <p>
                  <strong>{p.title}</strong> <span className="badge">{p.public ? t('patrols.plans.public') : t('patrols.plans.officersOnly')}</span>
                  <br />
                  {scheduleWords(p.schedule)}
                  {p.team ? ` · ${p.team}` : ''}
                </p>
                {deleting === p.id ? (
                  <div className="row" role="group" aria-label={t('patrols.plans.deleteQuestion', { title: p.title })}>
                    <span>{t('patrols.plans.deleteForGood', { title: p.title })}</span>
                    <button type="button" className="danger" onClick={() => remove.mutate(plan)}>
                      {t('patrols.plans.yesDelete')}
                    </button>
                    <button type="button" onClick={() => setDeleting(null)}>
                      {t('patrols.plans.keep')}
                    </button>
                  </div>
                ) : (
                  <div className="row">
                    <button type="button" onClick={() => edit(plan)} aria-label={t('patrols.plans.changeLabel', { title: p.title })} disabled={mode.kind !== 'overview'}>
                      {t('patrols.plans.change')}
                    </button>
                    <button type="button" onClick={() => setDeleting(p.id)} aria-label={t('patrols.plans.deleteLabel', { title: p.title })}>
                      {t('patrols.plans.delete')}
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

/** A view wider than the endpoint takes (`max` degrees a side) is cut to its middle. */
function middleOf([west, south, east, north]: Bbox, max: number): Bbox {
  const [lng, lat] = [(west + east) / 2, (south + north) / 2]
  const half = max / 2
  return [Math.max(west, lng - half), Math.max(south, lat - half), Math.min(east, lng + half), Math.min(north, lat + half)].map((n) => Number(n.toFixed(6))) as Bbox
}
