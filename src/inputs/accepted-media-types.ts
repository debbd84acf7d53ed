// `accepted-media-types` (and the request's `acceptedMediaTypes`): which manifest types ECR may
// answer with. Only the five manifest and index types make sense; a typo would make every image
// look absent, so anything else is a problem rather than something passed along.

import { MANIFEST_MEDIA_TYPES } from '../media-types.js'
import { type Checked, fail, ok, quote, splitList } from './checked.js'

const KNOWN: readonly string[] = MANIFEST_MEDIA_TYPES

/** Checks each type, collapsing repeats; the list keeps the order first written. */
export function checkAcceptedMediaTypes(types: string[], label: string): Checked<string[]> {
  const unknown = types.filter((type) => !KNOWN.includes(type))
  if (unknown.length > 0) {
    return fail(
      ...unknown.map(
        (type) =>
          `${label}: ${quote(type)} is not a manifest media type; use any of ${KNOWN.join(', ')}.`
      )
    )
  }
  return ok([...new Set(types)])
}

/** The input: types separated by newlines, spaces or commas. */
export function parseAcceptedMediaTypes(
  text: string,
  label = 'accepted-media-types'
): Checked<string[]> {
  const types = splitList(text, true)
  if (types.length === 0) return fail(`${label}: no media types given.`)
  return checkAcceptedMediaTypes(types, label)
}
