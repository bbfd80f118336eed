import { useId, useState, type FormEvent } from 'react'
import { ApiFailure } from '../api/client.ts'
import { failureText } from '../api/failure-words.ts'
import { t } from '../i18n/intl.ts'
import { waitText } from '../time-words.ts'
import { useSignIn, type User } from './session.ts'

type Props = {
  /** Whether the signed-in account may use the page; one that may not is told `refusal`. */
  accepts: (user: User) => boolean
  refusal: string
  primary?: boolean
}

/** Why a sign-in failed: a wrong password, too many of them (with the wait), or as any call fails. */
function signInFailureText(error: unknown): string {
  if (error instanceof ApiFailure && error.code === 'invalid_credentials') return t('auth.wrongPassword')
  if (error instanceof ApiFailure && error.code === 'rate_limited') return t('auth.tooManyFailures', { wait: waitText(error.retryAfterSeconds) })
  return failureText(error)
}

/** E-mail, password and what went wrong: every sign-in form (officers', organisers'). */
export function SignInForm({ accepts, refusal, primary = false }: Props) {
  const id = useId()
  const signIn = useSignIn()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    signIn.mutate({ email, password })
  }
  const problem = signIn.error ? signInFailureText(signIn.error) : signIn.data && !accepts(signIn.data) ? refusal : null
  return (
    <form onSubmit={submit} className="stack">
      <label htmlFor={`${id}-email`}>{t('auth.email')}</label>
      <input id={`${id}-email`} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor={`${id}-password`}>{t('auth.password')}</label>
      <input
        id={`${id}-password`}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className={primary ? 'primary' : undefined} disabled={signIn.isPending}>
        {signIn.isPending ? t('auth.signingIn') : t('auth.signIn')}
      </button>
    </form>
  )
}
