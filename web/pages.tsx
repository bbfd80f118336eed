import { lazy, Suspense, type ComponentType } from 'react'
import { createBrowserRouter, Navigate } from 'react-router'
import { MapPage } from './components/MapPage.tsx'

/** A page loaded when it is first visited, with a visible loading state meanwhile. */
function onDemand(load: () => Promise<ComponentType>, what: string) {
  const Page = lazy(async () => ({ default: await load() }))
  return (
    <Suspense
      fallback={
        <main className="page">
          <p aria-live="polite">Loading {what}…</p>
        </main>
      }
    >
      <Page />
    </Suspense>
  )
}

/** An old receipt link (`#receipt=<token>`, before receipts had their own address) opens the receipt. */
function MapOrOldReceipt() {
  const token = /(?:^#|&)receipt=([^&]+)/.exec(location.hash)?.[1]
  return token ? <Navigate to={`/receipt/${token}`} replace /> : <MapPage />
}

/**
 * The one table of pages. The map is what a resident opens, so it comes with the first load;
 * the others load on demand. Any other address opens the map.
 */
export const router = createBrowserRouter([
  { path: '/', element: <MapOrOldReceipt /> },
  { path: '/receipt/:token', element: onDemand(() => import('./components/ReceiptPage.tsx').then((m) => m.ReceiptPage), 'your report') },
  { path: '/shared/:token', element: onDemand(() => import('./routes/SharedRoutePage.tsx').then((m) => m.SharedRoutePage), 'the route') },
  { path: '/officer', element: onDemand(() => import('./officer/OfficerPage.tsx').then((m) => m.OfficerPage), 'the officers’ pages') },
  { path: '/club', element: onDemand(() => import('./clubs/ClubPage.tsx').then((m) => m.ClubPage), 'the club page') },
  { path: '*', element: <MapPage /> },
])
