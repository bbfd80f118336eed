import { useId, useState, type FormEvent } from 'react'
import { ApiFailure } from '../api/client.ts'
import { useSignIn, type User } from './session.ts'
import { waitText } from '../time-words.ts'

type Props = {
  /** Whether the signed-in account may use the page; one that may not is told `refusal`. */
  accepts: (user: User) => boolean
  refusal: string
  primary?: boolean
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
  const problem = signIn.error
    ? signIn.error instanceof ApiFailure && signIn.error.status === 401
      ? 'That email and password do not match.'
      : signIn.error instanceof ApiFailure && signIn.error.status === 429
        ? `Too many failed sign-ins. Please try again ${waitText(signIn.error.retryAfterSeconds)}.`
        : 'Sign-in failed. Check your connection and try again.'
    : signIn.data && !accepts(signIn.data)
      ? refusal
      : null
  return (
    <form onSubmit={submit} className="stack">
      <label htmlFor={`${id}-email`}>Email</label>
      <input id={`${id}-email`} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor={`${id}-password`}>Password</label>
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
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  )
}
