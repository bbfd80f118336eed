// How a concern's public properties are packed into two 16-bit numbers per index point, by SQL
// (columns.ts), counted by the build thread (levels.mjs) and unpacked into JSON (answer.ts).
// Plain JS so that the worker, which node runs as is, imports the same values.

// flags: the index in vocabulary.ts's CATEGORIES (bits 0–3), SAMPLE (bit 4), the index in
// STATUSES (bits 5–7) and in DAYS (bits 8–9).
export const CATEGORY_MASK = 0b1111
export const SAMPLE = 1 << 4
export const STATUS_SHIFT = 5
export const STATUS_MASK = 0b111
export const DAYS_SHIFT = 8
export const DAYS_MASK = 0b11

// bands: how many time bands (bits 0–2), then each one's index in TIME_BANDS, in stored order,
// BAND_BITS apiece from bit BAND_SHIFT.
export const BAND_COUNT_MASK = 0b111
export const BAND_SHIFT = 3
export const BAND_BITS = 2
export const BAND_MASK = 0b11
