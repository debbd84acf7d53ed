// Untrusted text cut to a length a message or a table can show.

/** Keeps untrusted text to a length a table can show; escaping can still grow it eightfold. */
export function clip(text: string, max: number): string {
  // A string has at least as many UTF-16 units as code points: short enough as it is, it needs
  // no splitting (every table cell of a 10,000-row summary comes through here).
  if (text.length <= max) return text
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}
