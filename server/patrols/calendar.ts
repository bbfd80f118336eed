import ical from 'ical-generator'

export type CalendarEvent = { uid: string; title: string; description?: string; start: Date; end: Date; url?: string }

/** An RFC 5545 calendar (text/calendar) with one VEVENT per session, times in UTC. */
export function patrolCalendar(name: string, events: CalendarEvent[]): string {
  const calendar = ical({ name, prodId: { company: 'Common Ground', product: 'patrols' } })
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      summary: event.title,
      description: event.description ?? null,
      start: event.start,
      end: event.end,
      url: event.url ?? null,
    })
  }
  return calendar.toString()
}
