/**
 * Font stacks for `text-font`.
 *
 * The style has no `glyphs` URL, so MapLibre draws each glyph locally with TinySDF and reads a
 * stack as a CSS font-family fallback list: nothing is fetched. MapLibre takes the weight and
 * style from words in the first name ("Bold", "Italic") and applies them to the whole list.
 * Liberation Sans and DejaVu Sans are the fonts Debian installs with chromium.
 */
export const fonts = {
  regular: ['Liberation Sans', 'DejaVu Sans', 'sans-serif'],
  // The first name is there for its weight or style word; the family after it is what draws.
  bold: ['Liberation Sans Bold', 'Liberation Sans', 'DejaVu Sans', 'sans-serif'],
  italic: ['Liberation Sans Italic', 'Liberation Sans', 'DejaVu Sans', 'sans-serif'],
} satisfies Record<string, string[]>
