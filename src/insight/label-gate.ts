// The `require-labels` gate: which required labels an image config does not satisfy, in words
// that name the label, the value it has and the value required.

import type { LabelRequirement } from '../inputs/require-labels.js'
import { clip } from '../text.js'

/** Registry text quoted in a message: JSON string syntax (blanks and controls show), clipped. */
const quoted = (value: string): string => JSON.stringify(clip(value, 200))

/** One sentence per unmet requirement; empty when every one is met. */
export function unmetLabels(
  labels: Readonly<Record<string, string>>,
  requirements: readonly LabelRequirement[]
): string[] {
  const unmet: string[] = []
  for (const { key, value } of requirements) {
    const has = Object.hasOwn(labels, key) ? labels[key] : undefined
    const required = value === undefined ? 'required to be present' : `required ${quoted(value)}`
    if (has === undefined) unmet.push(`label ${key} is missing (${required})`)
    else if (value !== undefined && has !== value)
      unmet.push(`label ${key} is ${quoted(has)} (${required})`)
  }
  return unmet
}

/** The labels every one of `sets` has with the same value: what a multi-arch image as a whole says. */
export function sharedLabels(sets: readonly Record<string, string>[]): Record<string, string> {
  const [first, ...rest] = sets
  if (!first) return {}
  return Object.fromEntries(
    Object.entries(first).filter(([key, value]) =>
      rest.every((labels) => Object.hasOwn(labels, key) && labels[key] === value)
    )
  )
}
