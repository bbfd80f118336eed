/** The ar catalogue as one chunk, loaded when the language is chosen (intl.ts). */
const parts = import.meta.glob<Record<string, string>>('./messages/*/ar.json', { eager: true, import: 'default' })
export default Object.assign({}, ...Object.values(parts)) as Record<string, string>
