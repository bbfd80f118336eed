import { useEffect, useState } from 'react'
import { fetchMapInfo, type MapInfo } from './api.ts'
import { MapView } from './components/MapView.tsx'
import { Panel } from './components/Panel.tsx'

type Opening = Pick<MapInfo, 'bounds' | 'styleUrl'>

/** With no answer from the server, the map still opens, on the demo area and our own style. */
const FALLBACK: Opening = { bounds: null, styleUrl: null }

export function App() {
  const [opening, setOpening] = useState<Opening>()
  const [problem, setProblem] = useState<string>()
  const [showCrime, setShowCrime] = useState(false)
  const [zoom, setZoom] = useState<number>()

  useEffect(() => {
    let current = true
    fetchMapInfo()
      .then((info) => current && setOpening(info))
      .catch((error: unknown) => {
        if (!current) return
        setProblem(error instanceof Error ? error.message : String(error))
        setOpening(FALLBACK)
      })
    return () => {
      current = false
    }
  }, [])

  return (
    <main className="app">
      {opening && <MapView info={opening} showCrime={showCrime} onZoomChange={setZoom} />}
      <Panel showCrime={showCrime} onShowCrimeChange={setShowCrime} zoom={zoom} />
      {problem && (
        <p className="problem" role="alert">
          The map service did not answer ({problem}). The map may be empty.
        </p>
      )}
    </main>
  )
}
