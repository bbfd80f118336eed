/**
 * A file that cannot be imported. `where` points into it the way an editor would: 'line 12'
 * (XML, CSV, JSON text), 'feature 3' or 'crime 12' (0-based index into a JSON array),
 * 'block 5' (1-based PBF blob).
 */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${file}, ${where}: ${reason}`)
    this.name = 'ImportError'
  }
}

/** The line of a JSON.parse failure, from the position V8 puts in its message. */
export function jsonErrorLine(text: string, error: unknown): string {
  const position = /position (\d+)/.exec(String(error))?.[1]
  if (position === undefined) return 'line 1'
  let line = 1
  const end = Math.min(Number(position), text.length)
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++
  return `line ${line}`
}
