import 'maplibre-gl/dist/maplibre-gl.css'
import './app.css'

/**
 * The page's one entry: the stylesheet comes with it, so the shell in index.html (the panel's
 * title and "Loading the map…") paints as soon as the HTML and CSS are in; the app itself —
 * React, MapLibre, about 340 kB compressed — is asked for after that first paint, so that on a
 * slow phone it does not hold the paint back. A page opened in a background tab paints nothing
 * until it is shown, so it loads at once.
 */
const start = () => void import('./main.tsx')
if (document.visibilityState === 'hidden') start()
else requestAnimationFrame(() => setTimeout(start, 0))
