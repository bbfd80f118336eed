import { useMemo } from 'react'
import { encode } from 'uqr'
import './qr-code.css'

/** The light margin the QR standard asks for round a code, in modules: cameras need it to find the code. */
const QUIET_ZONE = 4
/** The least width on screen, in CSS pixels: enough for a phone's camera held at arm's length. */
const MIN_WIDTH = 176

/**
 * A QR code of `text`, dark on white with its quiet zone, at a whole number of pixels a module so
 * that its edges stay sharp. It is drawn as React SVG elements from the code's modules, never as
 * a markup string, so it needs no inline style and the Content-Security-Policy holds.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const code = encode(text, { ecc: 'M', boostEcc: true, border: QUIET_ZONE })
    return { size: code.size, path: darkRuns(code.data) }
  }, [text])
  const width = size * Math.ceil(MIN_WIDTH / size)
  return (
    <svg className="qr-code" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} width={width} height={width} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}

/** The dark modules as one SVG path: a one-module-high rectangle for each run of them in a row. */
function darkRuns(rows: boolean[][]): string {
  let path = ''
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue
      const start = x
      while (row[x + 1]) x++
      path += `M${start} ${y}h${x - start + 1}v1h-${x - start + 1}z`
    }
  })
  return path
}
