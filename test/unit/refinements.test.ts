import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { periodQuery } from '../../server/period.ts'

const SERVER = new URL('../../server/', import.meta.url).pathname

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sources(join(dir, e.name)) : [join(dir, e.name)])))
  return nested.flat().filter((f) => f.endsWith('.ts'))
}

/** The text of each `.refine(…)` / `.superRefine(…)` call in a source, parentheses balanced. */
function refinements(text: string): string[] {
  const calls: string[] = []
  for (const match of text.matchAll(/\.(refine|superRefine)\(/g)) {
    let depth = 0
    let end = match.index! + match[0].length - 1
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++
      else if (text[end] === ')' && --depth === 0) break
    }
    calls.push(text.slice(match.index!, end + 1))
  }
  return calls
}

describe('refinements', () => {
  it('run only on parsed values, in every schema of the server', async () => {
    const unguarded: string[] = []
    for (const file of await sources(SERVER)) {
      const text = await readFile(file, 'utf8')
      for (const call of refinements(text)) {
        if (!call.includes('...onParsed')) unguarded.push(`${relative(SERVER, file)}: ${call.split('\n')[0]}`)
      }
    }
    expect(unguarded).toEqual([])
  })

  it('see Dates, not the raw text, and refuse garbage without throwing', () => {
    const query = periodQuery({}, 366)
    for (const input of [{ from: 'x', to: 'y' }, { from: '2026-11-23', to: 'tomorrow' }, { from: [], to: {} }, { to: '2026-13-01' }]) {
      const result = query.safeParse(input)
      expect(result.success).toBe(false)
    }
  })
})

describe('a period in a query', () => {
  const query = periodQuery({}, 366)

  it('reads a plain date as that London day, from its start to its end', () => {
    // 23 Nov 2026 is GMT; 29 Mar 2027 is BST.
    expect(query.parse({ from: '2026-11-23', to: '2026-11-29' })).toEqual({
      from: new Date('2026-11-23T00:00:00Z'),
      to: new Date('2026-11-30T00:00:00Z'),
    })
    expect(query.parse({ from: '2027-03-29', to: '2027-03-29' })).toEqual({
      from: new Date('2027-03-28T23:00:00Z'),
      to: new Date('2027-03-29T23:00:00Z'),
    })
  })

  it('takes instants with their offset as they are', () => {
    expect(query.parse({ from: '2026-11-23T18:00:00+01:00' }).from).toEqual(new Date('2026-11-23T17:00:00Z'))
  })

  it('refuses a period that ends before it starts or is too long', () => {
    expect(query.safeParse({ from: '2026-11-23', to: '2026-11-22' }).success).toBe(false)
    expect(query.safeParse({ from: '2026-01-01', to: '2027-01-02' }).success).toBe(false)
  })
})
