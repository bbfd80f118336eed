import { lazy, Suspense, type ComponentType } from 'react'
import { createBrowserRouter, Navigate } from 'react-router'
import { MapPage } from './components/MapPage.tsx'
import type { MessageId } from './i18n/english.ts'
import { t } from './i18n/intl.ts'
import { CONTENT_ID } from './components/SkipLink.tsx'

/** What a page says while it loads ("Loading your report…"), in the language of that moment. */
function Loading({ what }: { what: MessageId }) {
  return (
    <main id={CONTENT_ID} tabIndex={-1} className="page">
      <p aria-live="polite">{t(what)}</p>
    </main>
  )
}

/** A page loaded when it is first visited, with a visible loading state meanwhile. */
function onDemand(load: () => Promise<ComponentType>, loading: MessageId) {
  const Page = lazy(async () => ({ default: await load() }))
  return (
    <Suspense fallback={<Loading what={loading} />}>
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
  { path: '/receipt/:token', element: onDemand(() => import('./components/ReceiptPage.tsx').then((m) => m.ReceiptPage), 'common.loading.receipt') },
  { path: '/shared/:token', element: onDemand(() => import('./routes/SharedRoutePage.tsx').then((m) => m.SharedRoutePage), 'common.loading.route') },
  { path: '/officer', element: onDemand(() => import('./officer/OfficerPage.tsx').then((m) => m.OfficerPage), 'common.loading.officer') },
  { path: '/club', element: onDemand(() => import('./clubs/ClubPage.tsx').then((m) => m.ClubPage), 'common.loading.club') },
  { path: '*', element: <MapPage /> },
])
