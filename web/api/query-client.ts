import { QueryClient } from '@tanstack/react-query'
import { noAnswer } from './client.ts'

/**
 * The cache of every server read (TanStack Query): keyed by what was asked, aborted when no
 * longer wanted, kept while the next answer loads, and invalidated by the writes that change it.
 * A read that got no answer at all is tried twice more; an answer, even an error, is final.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failures, error) => noAnswer(error) && failures < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
})
