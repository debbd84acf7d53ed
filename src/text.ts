// Untrusted text cut to a length a message or a table can show.

/** Keeps untrusted text to a length a table can show; escaping can still grow it eightfold. */
export function clip(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}
