/** Where the device is, from the browser, with what went wrong said in words a resident acts on. */
export function locateDevice(
  onFound: (at: { lng: number; lat: number }) => void,
  onProblem: (message: string) => void,
  onSettled: () => void,
): void {
  if (!navigator.geolocation) {
    onSettled()
    onProblem('This browser cannot share its location. Tap the map instead.')
    return
  }
  navigator.geolocation.getCurrentPosition(
    (position) => {
      onSettled()
      onFound({ lng: position.coords.longitude, lat: position.coords.latitude })
    },
    (error) => {
      onSettled()
      onProblem(
        error.code === error.PERMISSION_DENIED
          ? 'Location was refused. To use it, allow location for this site in the browser settings; or tap the map instead.'
          : error.code === error.TIMEOUT
            ? 'Finding your location took too long. Try again, or tap the map instead.'
            : 'Your location could not be found. Tap the map instead.',
      )
    },
    { enableHighAccuracy: true, timeout: 15_000 },
  )
}
