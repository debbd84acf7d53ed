// The shapes of what is attached to an image, as plain data: the `referrers` output serialises
// them as they are, and verdict.ts judges by them.

import type { ReferrerKind } from '../inputs/referrers.js'

export type RecordKind = ReferrerKind | 'other'

/** One artifact attached to an image, as the `referrers` output lists it. */
export interface ReferrerRecord {
  kind: RecordKind
  artifactType: string | null
  digest: string
  mediaType: string
  size: number
  status: string
  annotations: Record<string, string>
  source: 'referrers' | 'tag'
  /** The digest it is attached to: the image's own, or (resolve-platforms) a platform's. */
  subject: string
}

/** The referrers of one image, and what counts towards `require-referrers`. */
export interface ReferrerFacts {
  records: ReferrerRecord[]
  /** ACTIVE artifacts attached to the image's own digest, by kind and by artifact type. */
  counted: Record<string, number>
  /** Artifacts of the image's own digest that are not ACTIVE: shown, never counted. */
  notCounted: number
  /** Why the list may be incomplete (a call failed, an entry was malformed). */
  problems: string[]
  /**
   * Why `counted` may miss artifacts of the image's own digest: its listing or a cosign tag
   * lookup failed, entries were malformed, a status was unknown. A required kind not counted
   * is then unknown, not missing.
   */
  uncertain: string[]
}
