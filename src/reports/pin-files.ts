// What `pin-files` does to each reference found, decided from the verdicts, and the new text of
// each file: only the bytes of the references change, everything else stays as it was. Pure.

import { checkDigest } from '../inputs/image-ids.js'
import type { PinFile } from '../inputs/pin-files.js'
import type { FoundReference } from '../inputs/pin-references.js'
import type { Verdict } from '../insight/verdict.js'

/**
 * `pinned`: already at the digest its tag resolves to; `unpinned`: a tag alone, pinned now;
 * `moved`: pinned to a digest the tag no longer resolves to; `by-digest`: a digest alone, nothing
 * to resolve; `unresolved`: the image was not found or failed, so the reference is left alone.
 */
export type PinStatus = 'pinned' | 'unpinned' | 'moved' | 'by-digest' | 'unresolved'

export interface PinEntry {
  file: string
  line: number
  column: number
  /** The reference as found. */
  before: string
  /** Its pinned form, when the tag resolved. */
  after?: string
  status: PinStatus
  /** For `moved`: the digest the file had. */
  oldDigest?: string
}

export interface FileChange {
  file: PinFile
  text: string
}

export interface PinPlan {
  entries: PinEntry[]
  /** The files whose text changes, with their new text. */
  changes: FileChange[]
  /** Each tag reference that resolved, as found → pinned (already pinned ones map to themselves). */
  pins: Record<string, string>
}

/** The digest a tag reference is pinned to: the platform's with `platform`, else ECR's (the index's). */
function wantedDigest(verdict: Verdict | undefined, platform: boolean): string | undefined {
  if (verdict?.status !== 'found') return undefined
  const digest = platform ? verdict.platformDigest : verdict.digest
  // Written into files people deploy from: a value that is not a digest is never written.
  return digest !== undefined && checkDigest(digest, '').ok ? digest : undefined
}

function decide(found: FoundReference, file: string, digest: string | undefined): PinEntry {
  const { text, key, line, column, reference } = found
  const entry: PinEntry = { file, line, column, before: text, status: 'by-digest' }
  if (reference.imageTag === undefined) return entry
  if (digest === undefined) return { ...entry, status: 'unresolved' }
  const after = `${key}@${digest}`
  if (reference.imageDigest === undefined) return { ...entry, after, status: 'unpinned' }
  if (reference.imageDigest === digest) return { ...entry, after, status: 'pinned' }
  return { ...entry, after, status: 'moved', oldDigest: reference.imageDigest }
}

/** Every reference's fate and the new text of every file that changes. */
export function planPins(files: PinFile[], verdicts: Verdict[], platform: boolean): PinPlan {
  const byKey = new Map(verdicts.map((verdict) => [verdict.result.request.key, verdict]))
  const entries: PinEntry[] = []
  const changes: FileChange[] = []
  const pins: Record<string, string> = {}
  for (const file of files) {
    const decided = file.references.map((found) =>
      decide(found, file.path, wantedDigest(byKey.get(found.key), platform))
    )
    for (const entry of decided) entries.push(entry)
    const replacements = file.references.flatMap((found, index) => {
      const entry = decided[index]
      if (entry?.after !== undefined) pins[entry.before] = entry.after
      return entry?.after !== undefined && entry.after !== entry.before
        ? [{ start: found.start, end: found.end, text: entry.after }]
        : []
    })
    if (replacements.length > 0) changes.push({ file, text: splice(file.text, replacements) })
  }
  return { entries, changes, pins }
}

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
