// Untrusted text cut to a length a message or a table can show, and made visible.

/** `\u0007`: the visible form of an invisible (or any) character. */
export const visibleEscape = (char: string): string =>
  `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`

/** Keeps untrusted text to a length a table can show; escaping can still grow it eightfold. */
export function clip(text: string, max: number): string {
  // A string has at least as many UTF-16 units as code points: short enough as it is, it needs
  // no splitting (every table cell of a 10,000-row summary comes through here).
  if (text.length <= max) return text
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
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
