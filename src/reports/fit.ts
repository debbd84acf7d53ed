// Choosing what fits in a size budget (job summary, PR comment): pieces in order, the first that
// does not fit ends the choice.

import { Buffer } from 'node:buffer'

export const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8')

/**
 * How many of `pieces`, in order, fit in `budget` bytes, the bytes they take, and those pieces.
 * Pieces are taken one at a time and the first that does not fit ends the count, so a lazy
 * sequence (rendered()) is rendered only as far as it fits: 10,000 detail blocks are not built
 * for a summary that has room for none.
 */
export function fitting(
  pieces: Iterable<string>,
  budget: number
): { count: number; used: number; kept: string[] } {
  let used = 0
  const kept: string[] = []
  for (const piece of pieces) {
    const size = byteLength(piece)
    if (used + size > budget) break
    used += size
    kept.push(piece)
  }
  return { count: kept.length, used, kept }
}

/** `items` rendered one by one, as fitting() asks for them. */
export function* rendered<T>(items: readonly T[], render: (item: T) => string): Generator<string> {
  for (const item of items) yield render(item)
}
