import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { User } from '../../server/auth/users.ts'
import { answer, ApiFailure, client } from '../api/client.ts'

export type { User }

/** The signed-in user, or null when nobody is. */
async function fetchMe(): Promise<User | null> {
  try {
    return (await answer(client.api.auth.me.$get(), 'GET /api/auth/me')).user
  } catch (error) {
    if (error instanceof ApiFailure && (error.status === 401 || error.status === 403)) return null
    throw error
  }
}

/** Who is signed in (undefined while asking), shared by every page that needs to know. */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: Infinity }).data
}

/** Signs in; the user is then known everywhere, and reads that depend on who asks are read again. */
export function useSignIn() {
  const cache = useQueryClient()
  return useMutation({
    mutationFn: async ({ email, password }: { email: string; password: string }) =>
      (await answer(client.api.auth.login.$post({ json: { email, password } }), 'POST /api/auth/login')).user,
    onSuccess: (user) => {
      cache.setQueryData(['me'], user)
      void cache.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'map' })
    },
  })
}

export function useSignOut() {
  const cache = useQueryClient()
  return useMutation({
    mutationFn: () => answer(client.api.auth.logout.$post(), 'POST /api/auth/logout').catch(() => undefined),
    onSettled: () => {
      cache.setQueryData(['me'], null)
      cache.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'map' })
    },
  })
}

/** Officers and admins moderate and plan patrols; club organisers and admins keep a club library. */
export const isOfficer = (user: User | null | undefined): user is User => user?.role === 'officer' || user?.role === 'admin'
export const isOrganiser = (user: User | null | undefined): user is User => user?.role === 'club' || user?.role === 'admin'
