// What `pin-files` does to each reference found, decided from the verdicts, and the new text of
// each file: only the bytes a pin changes do, everything else stays as it was. Every other
// occurrence of an ECR host the scan left alone is an entry too, with why. Pure.

import { checkDigest } from '../inputs/image-ids.js'
import type { PinFile } from '../inputs/pin-files.js'
import type { FoundReference } from '../inputs/pin-references.js'
import type { Verdict } from '../insight/verdict.js'
import { splice } from '../text.js'

/**
 * `pinned`: already at the digest its tag resolves to; `unpinned`: a tag alone, pinned now;
 * `moved`: pinned to a digest the tag no longer resolves to; `by-digest`: a digest alone, nothing
 * to resolve; `unresolved`: the image was not found or failed, so the reference is left alone;
 * `skipped`: not a reference the action understands well enough to pin, or to verify (`reason`);
 * `build-output`: what a compose service builds, never pinned and nothing to verify (`reason`).
 */
export type PinStatus =
  'pinned' | 'unpinned' | 'moved' | 'by-digest' | 'unresolved' | 'skipped' | 'build-output'

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
  /** For `skipped` and `build-output`: why it is left as it is. */
  reason?: string
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

function decide(found: FoundReference, file: string, digest: string | undefined) {
  const { text, key, line, column, reference, edit } = found
  const entry: PinEntry = { file, line, column, before: text, status: 'by-digest' }
  if (reference.imageTag === undefined || !edit) return { entry }
  if (digest === undefined) return { entry: { ...entry, status: 'unresolved' as const } }
  const after = `${key}@${digest}`
  const replacement = { start: edit.start, end: edit.end, text: edit.prefix + digest + edit.suffix }
  if (reference.imageDigest === undefined) {
    return { entry: { ...entry, after, status: 'unpinned' as const }, replacement }
  }
  if (reference.imageDigest === digest)
    return { entry: { ...entry, after, status: 'pinned' as const } }
  const moved = { ...entry, after, status: 'moved' as const, oldDigest: reference.imageDigest }
  return { entry: moved, replacement }
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
    const skipped = file.skipped.map(({ text, line, column, reason, buildOutput }): PinEntry => ({
      file: file.path,
      line,
      column,
      before: text,
      status: buildOutput ? 'build-output' : 'skipped',
      reason
    }))
    const fileEntries = [...decided.map(({ entry }) => entry), ...skipped]
    fileEntries.sort((a, b) => a.line - b.line || a.column - b.column)
    for (const entry of fileEntries) entries.push(entry)
    for (const { entry } of decided) if (entry.after !== undefined) pins[entry.before] = entry.after
    const replacements = decided.flatMap(({ replacement }) => (replacement ? [replacement] : []))
    if (replacements.length > 0) changes.push({ file, text: splice(file.text, replacements) })
  }
  return { entries, changes, pins }
}
