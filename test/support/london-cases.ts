// The cases of common/london-time.ts, which the server (schedules, time bands) and the web (the
// planners' fields) both read London time through. test/unit/london-time.test.ts checks them
// directly, test/browser/routes.test.ts through the web planner's fields.
export const LONDON_CASES = [
  // A winter evening: GMT.
  { date: '2026-11-24', time: '18:00', utc: '2026-11-24T18:00:00.000Z' },
  // A summer evening: BST.
  { date: '2026-07-01', time: '18:00', utc: '2026-07-01T17:00:00.000Z' },
  // Spring forward, 28 Mar 2027: 01:30 never happens, and is read an hour on (02:30 BST).
  { date: '2027-03-28', time: '01:30', utc: '2027-03-28T01:30:00.000Z' },
  { date: '2027-03-28', time: '03:00', utc: '2027-03-28T02:00:00.000Z' },
  // Fall back, 25 Oct 2026: 01:30 happens twice, and the earlier (BST) is taken.
  { date: '2026-10-25', time: '01:30', utc: '2026-10-25T00:30:00.000Z' },
  { date: '2026-10-25', time: '02:30', utc: '2026-10-25T02:30:00.000Z' },
  // New Year's midnight.
  { date: '2027-01-01', time: '00:00', utc: '2027-01-01T00:00:00.000Z' },
  // Far ahead: the rules as they stand (last Sundays of March and October).
  { date: '2099-10-25', time: '01:30', utc: '2099-10-25T00:30:00.000Z' },
  { date: '2099-06-15', time: '12:00', utc: '2099-06-15T11:00:00.000Z' },
]

