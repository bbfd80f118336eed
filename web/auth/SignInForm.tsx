/** E-mail and password with their labels, and what went wrong: the inside of every sign-in form. */
export function SignInFields({ id, email, onEmail, password, onPassword, problem }: {
  id: string
  email: string
  onEmail: (value: string) => void
  password: string
  onPassword: (value: string) => void
  problem: string | null | undefined
}) {
  return (
    <>
      <label htmlFor={`${id}-email`}>Email</label>
      <input id={`${id}-email`} type="email" autoComplete="username" required value={email} onChange={(e) => onEmail(e.target.value)} />
      <label htmlFor={`${id}-password`}>Password</label>
      <input
        id={`${id}-password`}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => onPassword(e.target.value)}
      />
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </>
  )
}
