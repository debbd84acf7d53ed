// Untrusted text cut to a length a message or a table can show, and made visible.

/** `\u0007`: the visible form of an invisible (or any) character. */
export const visibleEscape = (char: string): string =>
  `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`

/** Keeps untrusted text to a length a table can show; escaping can still grow it eightfold. */
export function clip(text: string, max: number): string {
  // A string has at least as many UTF-16 units as code points: short enough as it is, it needs
  // no splitting (every table cell of a 10,000-row summary comes through here).
  if (text.length <= max) return text
  // Counted up to the cut only: a 50 MB line costs what its first `max` characters cost.
  let count = 0
  let cut = 0
  let index = 0
  for (const char of text) {
    if (++count === max) cut = index
    if (count > max) return `${text.slice(0, cut)}…`
    index += char.length
  }
  return text
}

/** Controls, format characters (bidi, zero-width), separators other than the space. */
const UNSEEN = /(?! )[\p{C}\p{Z}]/gu

/**
 * A message about untrusted text (a line of a file) with every quoted value in it (JSON syntax,
 * as `quote` writes them) cut to `max` characters and its unseen characters written as escapes:
 * the log shows a short excerpt of the line, never the line.
 */
export function shortQuotes(message: string, max = 40): string {
  const short = message.replace(/"(?:[^"\\]|\\.)*"/g, (quoted) => {
    let value: unknown
    try {
      value = JSON.parse(quoted)
    } catch {
      return quoted
    }
    return typeof value === 'string' ? JSON.stringify(clip(value, max)) : quoted
  })
  // What no quote held (a parser's own excerpt, say) is made visible too.
  return short.replace(UNSEEN, visibleEscape)
}

/**
 * `text` in slices of at most `size` UTF-16 units, never splitting a surrogate pair (each half
 * alone would be encoded as U+FFFD). Writing a 13 MB output slice by slice spares the full-size
 * UTF-8 copy that writing it whole makes first.
 */
export function* textSlices(text: string, size: number): Generator<string> {
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + size, text.length)
    const last = text.charCodeAt(end - 1)
    if (end < text.length && end - start > 1 && last >= 0xd800 && last <= 0xdbff) end--
    yield text.slice(start, end)
    start = end
  }
}

/** `[start, end)` of a text (UTF-16 offsets) and what takes its place. */
export interface Replacement {
  start: number
  end: number
  text: string
}

/** `text` with each range replaced (ranges do not overlap); every other character kept as is. */
export function splice(text: string, replacements: Replacement[]): string {
  const ordered = [...replacements].sort((a, b) => a.start - b.start)
  let result = ''
  let at = 0
  for (const { start, end, text: replacement } of ordered) {
    result += text.slice(at, start) + replacement
    at = end
  }
  return result + text.slice(at)
}
