/** What a signed-in page shows while it asks the server who is signed in. */
export function CheckingSignIn() {
  return (
    <main className="page">
      <p aria-live="polite">Checking your sign-in…</p>
    </main>
  )
}
