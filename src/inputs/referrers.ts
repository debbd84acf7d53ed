// The supply-chain inputs: `referrers` (list what is attached to each image) and
// `require-referrers` (kinds each image must have, which implies listing).

import { type Checked, fail, failWith, ok, quote, splitList, take } from './checked.js'
import { parseBoolean } from './scalars.js'
import { MEDIA_TYPE_PATTERN } from '../media-types.js'

/** The kinds a word of `require-referrers` can name; anything with a `/` is an artifact type. */
export const REFERRER_KINDS = ['signature', 'sbom', 'attestation'] as const
export type ReferrerKind = (typeof REFERRER_KINDS)[number]

export interface ReferrersPolicy {
  /** Kinds (`signature`, `sbom`, `attestation`) and literal artifact types, each at most once. */
  required: string[]
}

function parseRequirement(word: string): Checked<string> {
  if (word.includes('/')) {
    if (MEDIA_TYPE_PATTERN.test(word)) return ok(word)
    return fail(
      `require-referrers: ${quote(word)} is not an artifact type; write type/subtype, like application/spdx+json.`
    )
  }
  const kind = REFERRER_KINDS.find((known) => known === word.toLowerCase())
  if (kind) return ok(kind)
  return fail(
    `require-referrers: ${quote(word)} is not a kind; use ${REFERRER_KINDS.join(', ')}, or a literal artifact type containing "/" (application/spdx+json).`
  )
}

/** The policy when either input asks for referrers, else undefined (nothing is listed). */
export function parseReferrersInputs(
  referrers: string,
  requireReferrers: string
): Checked<ReferrersPolicy | undefined> {
  const list = parseBoolean('referrers', referrers, false)
  const problems: string[] = list.ok ? [] : [...list.problems]
  const required: string[] = []
  for (const word of splitList(requireReferrers, true)) {
    const requirement = take(parseRequirement(word), problems)
    if (requirement !== undefined && !required.includes(requirement)) required.push(requirement)
  }
  if (problems.length > 0) return failWith(problems)
  return list.ok && (list.value || required.length > 0) ? ok({ required }) : ok(undefined)
}
