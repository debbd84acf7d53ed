// GitHub shows 10 annotations per level (error, warning, notice) per step and drops the rest
// without a word. Past that, the first 9 of a level are shown one by one and the 10th counts the
// rest, so nobody believes the 10 they see are all there is. One budget for the whole step: the
// ids' annotations, pin-files' and the outputs' size warnings, less what setFailed will add.

export type Level = 'error' | 'warning' | 'notice'

/** An annotation as verdict.ts makes them (its type, restated here to keep imports one way). */
export interface Annotation {
  level: Level
  title: string
  message: string
  /** Where in a file it points (pin-files' references). */
  file?: { path: string; line: number; column: number }
}

/** GitHub's documented limit per level per step. */
export const ANNOTATIONS_PER_LEVEL = 10

/** One annotation and what it is about, in the words of the count (`not found`, `failed`). */
export interface CountedAnnotation {
  annotation: Annotation
  about: string
  /** What a count of these counts (`image ids`, `references`); image ids when not given. */
  unit?: string
}

/** `3,000`: counts in messages people read. */
export function formatCount(n: number): string {
  // Not toLocaleString: it builds a number formatter on each call, and the reports format
  // thousands of counts and sizes at scale.
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US')
  const digits = String(Math.abs(n))
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',')
  return n < 0 ? `-${grouped}` : grouped
}

/**
 * At most ANNOTATIONS_PER_LEVEL per level (less what `reserved` keeps for annotations made
 * elsewhere, such as setFailed's error), the last of a full level counting what it leaves out.
 */
export function withinBudget(
  entries: readonly CountedAnnotation[],
  reserved: Partial<Record<Level, number>> = {}
): Annotation[] {
  const byLevel = new Map<Level, CountedAnnotation[]>()
  for (const entry of entries) {
    const list = byLevel.get(entry.annotation.level) ?? []
    list.push(entry)
    byLevel.set(entry.annotation.level, list)
  }
  const kept = new Set<CountedAnnotation>()
  const counts: Annotation[] = []
  for (const [level, list] of byLevel) {
    const limit = ANNOTATIONS_PER_LEVEL - (reserved[level] ?? 0)
    if (list.length <= limit) {
      list.forEach((entry) => kept.add(entry))
      continue
    }
    const shown = list.slice(0, limit - 1)
    shown.forEach((entry) => kept.add(entry))
    counts.push(countOf(level, list.slice(shown.length)))
  }
  return [...entries.filter((entry) => kept.has(entry)).map((entry) => entry.annotation), ...counts]
}

function countOf(level: Level, rest: CountedAnnotation[]): Annotation {
  const tally = new Map<string, number>()
  for (const { about } of rest) tally.set(about, (tally.get(about) ?? 0) + 1)
  const parts = [...tally].map(([about, n]) => `${formatCount(n)} ${about}`)
  const what =
    parts.length === 1
      ? `and ${parts[0]!.replace(/^(\S+) /, '$1 more ')}`
      : `and ${formatCount(rest.length)} more (${parts.join(', ')})`
  const units = new Set(rest.map((entry) => entry.unit ?? 'image ids'))
  const unit = units.size === 1 ? [...units][0]! : 'annotations'
  return {
    level,
    title: `${formatCount(rest.length)} more ${unit}`,
    message: `${what}; see the job summary`
  }
}
