import type { LegendEntry } from '../map/legend.ts'
import { palette } from '../map/palette.ts'

/** A list of legend entries, each with a small drawing of how the map shows it. */
export function Legend({ entries, short = false }: { entries: LegendEntry[]; short?: boolean }) {
  return (
    <ul className={short ? 'legend short' : 'legend'}>
      {entries.map((entry) => (
        <li key={entry.label}>
          <Swatch entry={entry} />
          <span>{short ? entry.shortLabel ?? entry.label : entry.label}</span>
        </li>
      ))}
    </ul>
  )
}

function Swatch({ entry }: { entry: LegendEntry }) {
  const { symbol, colour, accent } = entry
  return (
    <svg className="swatch" width="30" height="14" viewBox="0 0 30 14" aria-hidden="true">
      {symbol === 'glow-line' && (
        <line x1="3" y1="7" x2="27" y2="7" stroke={accent} strokeWidth="9" strokeLinecap="round" opacity="0.75" />
      )}
      {(symbol === 'line' || symbol === 'glow-line') && (
        <line x1="3" y1="7" x2="27" y2="7" stroke={colour} strokeWidth="3" strokeLinecap="round" />
      )}
      {symbol === 'dashed-line' && (
        <line x1="2" y1="7" x2="28" y2="7" stroke={colour} strokeWidth="2.5" strokeDasharray="5 2.5" />
      )}
      {symbol === 'area' && (
        <rect x="2" y="1.5" width="26" height="11" rx="2" fill={colour} stroke={accent} strokeWidth="1" />
      )}
      {symbol === 'boundary' && (
        <>
          <line x1="2" y1="7" x2="28" y2="7" stroke={colour} strokeWidth="6" opacity="0.16" />
          <line x1="2" y1="7" x2="28" y2="7" stroke={colour} strokeWidth="1.8" strokeDasharray="6 3 1.5 3" />
        </>
      )}
      {symbol === 'dot' && <circle cx="15" cy="7" r="5" fill={colour} stroke={palette.white} strokeWidth="1.5" />}
      {symbol === 'cluster' && (
        <>
          <circle cx="15" cy="7" r="6.5" fill={colour} stroke={palette.white} strokeWidth="1" />
          <text x="15" y="9.6" textAnchor="middle" fontSize="7.5" fontWeight="700" fill={palette.white}>
            12
          </text>
        </>
      )}
      {symbol === 'band' && (
        <>
          <rect x="1" y="1" width="28" height="12" rx="6" fill={accent} opacity="0.3" />
          <line x1="4" y1="7" x2="26" y2="7" stroke={colour} strokeWidth="3" strokeLinecap="round" />
        </>
      )}
    </svg>
  )
}
