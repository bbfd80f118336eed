import { CheckingSignIn } from '../auth/CheckingSignIn.tsx'
import { isOfficer, useMe } from '../auth/session.ts'
import { Moderation } from './Moderation.tsx'
import { OfficerSignIn } from './OfficerSignIn.tsx'

/** /officer: sign in, then moderation and patrols (only for officers and admins). */
export function OfficerPage() {
  const user = useMe()
  if (user === undefined) return <CheckingSignIn />
  if (!isOfficer(user)) return <OfficerSignIn signedInAs={user} />
  return <Moderation user={user} />
}
