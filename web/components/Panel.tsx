import { Link } from 'react-router'
import { useId, type ReactNode } from 'react'
import { isSmallScreen } from '../map/free-area.ts'
import { basemapLegend, crimeLegend, lightingLegend } from '../map/legend.ts'
import { CRIME_MIN_ZOOM } from '../map/layers/crimes.ts'
import { Legend } from './Legend.tsx'

type Props = {
  showCrime: boolean
  onShowCrimeChange: (show: boolean) => void
  zoom: number | undefined
  /** More sections (the concerns' filters), after the lighting key. */
  children?: ReactNode
}

/** The key to the map and its one switch, folded away to a title bar on a small screen. */
export function Panel({ showCrime, onShowCrimeChange, zoom, children }: Props) {
  const crimeToggle = useId()
  const crimeHidden = showCrime && zoom !== undefined && zoom < CRIME_MIN_ZOOM
  return (
    <details className="panel" open={!isSmallScreen()}>
      <summary>
        <h1 className="title">Common Ground</h1>
        <span className="subtitle">Where paths are lit</span>
        <span className="key" aria-hidden="true">
          <Legend entries={lightingLegend} short />
        </span>
      </summary>
      <section aria-labelledby={`${crimeToggle}-lighting`}>
        <h2 id={`${crimeToggle}-lighting`}>Street lighting</h2>
        <Legend entries={lightingLegend} />
        <p className="note">As mapped in OpenStreetMap. Many paths have no record yet.</p>
        <Legend entries={basemapLegend} />
      </section>
      {children}
      <section>
        <label className="toggle" htmlFor={crimeToggle}>
          <input
            id={crimeToggle}
            type="checkbox"
            checked={showCrime}
            onChange={(event) => onShowCrimeChange(event.target.checked)}
          />
          Recorded crime (police.uk)
        </label>
        {showCrime && (
          <>
            <Legend entries={crimeLegend} />
            <p className="note">
              {crimeHidden ? 'Zoom in to street level to see recorded crime. ' : ''}
              Locations are approximate: police.uk moves each crime to a nearby point.
            </p>
          </>
        )}
      </section>
      <section>
        <p className="note">
          <Link to="/officer">Officer sign-in</Link> · <Link to="/club">Running clubs</Link>
        </p>
      </section>
    </details>
  )
}
