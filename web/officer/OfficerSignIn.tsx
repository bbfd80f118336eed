import { Link } from 'react-router'
import { isOfficer, type User } from '../auth/session.ts'
import { SignInForm } from '../auth/SignInForm.tsx'

/** The officers' sign-in; an account of another role is told it cannot moderate. */
export function OfficerSignIn({ signedInAs }: { signedInAs: User | null }) {
  return (
    <main className="page narrow">
      <p>
        <Link to="/">← Common Ground map</Link>
      </p>
      <h1>Officer sign-in</h1>
      {signedInAs && <p className="note">Signed in as {signedInAs.email}, which cannot moderate concerns.</p>}
      <SignInForm accepts={isOfficer} refusal="This account cannot moderate concerns." primary />
    </main>
  )
}
