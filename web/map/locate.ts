import { t } from '../i18n/intl.ts'

/** Where the device is, from the browser, with what went wrong said in words a resident acts on. */
export function locateDevice(
  onFound: (at: { lng: number; lat: number }) => void,
  onProblem: (message: string) => void,
  onSettled: () => void,
): void {
  if (!navigator.geolocation) {
    onSettled()
    onProblem(t('map.locate.unsupported'))
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
        t(
          error.code === error.PERMISSION_DENIED
            ? 'map.locate.refused'
            : error.code === error.TIMEOUT
              ? 'map.locate.timeout'
              : 'map.locate.notFound',
        ),
      )
    },
    { enableHighAccuracy: true, timeout: 15_000 },
  )
}
