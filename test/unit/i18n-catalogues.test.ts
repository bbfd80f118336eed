import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isPluralElement, isSelectElement, isTagElement, parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { describe, expect, it } from 'vitest'
import { chooseLocale, LOCALES } from '../../web/i18n/locales.ts'

// Every catalogue is complete and every message used: the same keys in every language as in
// English, each a valid ICU message with English's arguments and every plural form its language
// needs, and each English key used by the code.

const WEB = new URL('../../web/', import.meta.url).pathname
const MESSAGES = join(WEB, 'i18n/messages')
const PARTS = readdirSync(MESSAGES)
const OTHERS = LOCALES.map((l) => l.tag).filter((tag) => tag !== 'en-GB')

const read = (part: string, locale: string): Record<string, string> => JSON.parse(readFileSync(join(MESSAGES, part, `${locale}.json`), 'utf8'))

/** Argument names of a message, and the plural arguments' option sets, through nested parts. */
function argumentsOf(elements: MessageFormatElement[], found = { names: new Set<string>(), plurals: [] as { name: string; options: string[] }[] }) {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue
    if (isTagElement(element)) {
      found.names.add(`<${element.value}>`)
      argumentsOf(element.children, found)
      continue
    }
    found.names.add(element.value)
    if (isPluralElement(element) || isSelectElement(element)) {
      if (isPluralElement(element) && element.pluralType === 'cardinal') found.plurals.push({ name: element.value, options: Object.keys(element.options) })
      for (const option of Object.values(element.options)) argumentsOf(option.value, found)
    }
  }
  return found
}

/** A message's own words: without its arguments (innermost first) and its tags' names. */
function wordsOf(message: string): string {
  let words = message.replace(/<\/?\w+>/g, '')
  for (let before = ''; before !== words; ) [before, words] = [words, words.replace(/\{[^{}]*\}/g, '')]
  return words
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'messages' ? [] : sourceFiles(path)
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : []
  })
}

describe('the UI catalogues', () => {
  it.each(PARTS)('%s: every key is named after its part', (part) => {
    for (const key of Object.keys(read(part, 'en-GB'))) expect(key.startsWith(`${part}.`), key).toBe(true)
  })

  describe.each(OTHERS)('%s', (locale) => {
    it.each(PARTS)('%s has exactly the English keys', (part) => {
      const english = Object.keys(read(part, 'en-GB')).sort()
      const translated = Object.keys(read(part, locale)).sort()
      expect({ missing: english.filter((k) => !translated.includes(k)), extra: translated.filter((k) => !english.includes(k)) }).toEqual({
        missing: [],
        extra: [],
      })
    })

    it.each(PARTS)('%s: each message is ICU with the English arguments and the plural forms the language has', (part) => {
      const english = read(part, 'en-GB')
      const translated = read(part, locale)
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories
      for (const [key, source] of Object.entries(english)) {
        const message = translated[key]
        if (message === undefined) continue
        const want = argumentsOf(parse(source))
        const got = argumentsOf(parse(message))
        expect([...got.names].sort(), `${locale} ${key}`).toEqual([...want.names].sort())
        for (const plural of got.plurals) {
          for (const category of needed) {
            expect(plural.options, `${locale} ${key}: {${plural.name}} lacks "${category}"`).toContain(category)
          }
        }
        // A copy of the English is a translation not done, unless it has no words to translate.
        if (/[a-z]{4,}/.test(wordsOf(source))) expect(message, `${locale} ${key} is still English`).not.toBe(source)
      }
    })
  })

  it('has every plural form a language needs (Polish few/many, Arabic zero/two/few/many)', () => {
    // Guards the check above: the forms come from the language's own plural rules.
    expect(new Intl.PluralRules('pl').resolvedOptions().pluralCategories).toEqual(expect.arrayContaining(['one', 'few', 'many', 'other']))
    expect(new Intl.PluralRules('ar').resolvedOptions().pluralCategories).toEqual(expect.arrayContaining(['zero', 'one', 'two', 'few', 'many', 'other']))
  })

  it('uses every English key in the code, as a literal id', () => {
    const code = sourceFiles(WEB).map((file) => readFileSync(file, 'utf8')).join('\n')
    const unused = PARTS.flatMap((part) => Object.keys(read(part, 'en-GB'))).filter((key) => !code.includes(`'${key}'`))
    expect(unused).toEqual([])
  })
})

describe('choosing the language', () => {
  it('takes the one chosen before, else the first of the browser’s languages it speaks, else English', () => {
    expect(chooseLocale('ar', ['pl-PL'])).toBe('ar')
    expect(chooseLocale(null, ['pl-PL', 'en-GB'])).toBe('pl')
    expect(chooseLocale(null, ['de-DE', 'ro-RO'])).toBe('ro')
    expect(chooseLocale(null, ['bn-BD'])).toBe('bn')
    expect(chooseLocale(null, ['en-US'])).toBe('en-GB')
    expect(chooseLocale('xx', ['fr-FR'])).toBe('en-GB')
    expect(chooseLocale(null, [])).toBe('en-GB')
  })
})
