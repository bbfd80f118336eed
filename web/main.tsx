import './map/worker.ts'
import { QueryClientProvider } from '@tanstack/react-query'
import { Fragment, StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router'
import { queryClient } from './api/query-client.ts'
import { startLocale, useLocale } from './i18n/intl.ts'
import { startOutbox } from './offline/outbox.ts'
import { registerServiceWorker } from './offline/service-worker.ts'
import { SkipLink } from './components/SkipLink.tsx'
import { router } from './pages.tsx'

/** The app, drawn again from the root in the new language when the language changes. */
function App() {
  const locale = useLocale()
  return (
    <Fragment key={locale}>
      <SkipLink />
      <RouterProvider router={router} />
    </Fragment>
  )
}

await startLocale()
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)

// Offline: the shell and the map as last seen from the service worker; reports kept while offline sent now and when the connection returns.
registerServiceWorker()
startOutbox()
