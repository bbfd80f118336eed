import { Link } from 'react-router'
import { useId, type ReactNode } from 'react'
import { t } from '../i18n/intl.ts'
import { LanguageSwitcher } from '../i18n/LanguageSwitcher.tsx'
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

/**
 * The key to the map and its one switch, folded away to a title bar on a small screen. The
 * language switcher is drawn in that title bar, folded or not; it stands outside the <summary>
 * (a select inside it would fold the panel at each tap, and be read as part of its name).
 */
export function Panel({ showCrime, onShowCrimeChange, zoom, children }: Props) {
  const crimeToggle = useId()
  const crimeHidden = showCrime && zoom !== undefined && zoom < CRIME_MIN_ZOOM
  return (
    <div className="panel-frame">
      <LanguageSwitcher compact />
      <details className="panel" open={!isSmallScreen()}>
        <summary>
          <h1 className="title">Common Ground</h1>
          <span className="subtitle">{t('map.panel.subtitle')}</span>
          <span className="key" aria-hidden="true">
            <Legend entries={lightingLegend} short />
          </span>
        </summary>
        <section aria-labelledby={`${crimeToggle}-lighting`}>
          <h2 id={`${crimeToggle}-lighting`}>{t('map.panel.lighting')}</h2>
          <Legend entries={lightingLegend} />
          <p className="note">{t('map.panel.lightingNote')}</p>
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
            {t('map.panel.crime')}
          </label>
          {showCrime && (
            <>
              <Legend entries={crimeLegend} />
              {crimeHidden && <p className="note">{t('map.panel.crimeZoomIn')}</p>}
              <p className="note">{t('map.panel.crimeApproximate')}</p>
            </>
          )}
        </section>
        <section>
          <p className="note">
            <Link to="/officer">{t('map.panel.officers')}</Link> · <Link to="/club">{t('map.panel.clubs')}</Link>
          </p>
        </section>
      </details>
    </div>
  )
}
