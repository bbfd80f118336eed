import { Link } from 'react-router'
import { isOrganiser, useMe } from '../auth/session.ts'
import { SignInForm } from '../auth/SignInForm.tsx'
import './clubs.css'

const REFUSAL = 'This account is not a running club organiser’s: it has no club library.'

/** Sign-in for club organisers, folded away in the route planner; the officers' page admits officers only. */
export function ClubSignIn() {
  const user = useMe()
  return (
    <details className="club-sign-in">
      <summary>Running club? Sign in to save routes for your club</summary>
      {user && <p className="hint">Signed in as {user.email}, which has no club library.</p>}
      <SignInForm accepts={isOrganiser} refusal={REFUSAL} />
    </details>
  )
}

/** The club page's sign-in, open. */
export function ClubPageSignIn() {
  const user = useMe()
  return (
    <main className="page narrow">
      <p>
        <Link to="/">← Common Ground map</Link>
      </p>
      <h1>Running clubs</h1>
      <p className="note">Organisers keep their club’s saved routes, share links and club runs here.</p>
      {user && <p className="note">Signed in as {user.email}, which has no club library.</p>}
      <SignInForm accepts={isOrganiser} refusal={REFUSAL} primary />
    </main>
  )
}
