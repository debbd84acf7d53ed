// The job summary's section about `pin-files`: each reference that was (or in check mode, would
// be) changed or could not be pinned, and each occurrence left alone with why, at file:line,
// before and after. Pure; within a byte budget.

import { Buffer } from 'node:buffer'
import { formatCount } from '../insight/annotation-budget.js'
import { cell, code, table, tableRow } from './format.js'
import type { PinEntry, PinStatus } from './pin-files.js'

/** The most the section takes of the step summary's 1 MiB. */
export const PIN_SUMMARY_LIMIT = 100_000
/** The most entries the log lists, one line each; a line counts the rest. */
export const PIN_LOG_LIMIT = 1_000
/** A reason is ours, but quotes what the file says (a service name, a tag): clipped. */
const REASON_LENGTH = 400

const STATUS_LABELS: Record<PinStatus, string> = {
  unpinned: 'pinned',
  moved: 're-pinned (tag moved)',
  pinned: 'already pinned',
  'by-digest': 'digest only',
  unresolved: '❌ not resolved',
  skipped: '⚠️ skipped',
  'build-output': 'build output, never pinned'
}
const CHECK_LABELS: Partial<Record<PinStatus, string>> = {
  unpinned: '❌ not pinned',
  moved: '❌ tag moved',
  skipped: '❌ not verified'
}

/** What a reader needs to see: what changes, what could not be pinned, and what was left alone. */
export function listed(entry: PinEntry): boolean {
  return entry.status !== 'pinned' && entry.status !== 'by-digest'
}

export function renderPinSummary(
  entries: PinEntry[],
  options: { check: boolean; written: boolean; limit?: number }
): string {
  const limit = options.limit ?? PIN_SUMMARY_LIMIT
  const counts = new Map<PinStatus, number>()
  for (const entry of entries) counts.set(entry.status, (counts.get(entry.status) ?? 0) + 1)
  const tally = [...counts].map(([status, n]) => `${n} ${STATUS_LABELS[status]}`).join(', ')
  const files = new Set(entries.map((entry) => entry.file)).size
  const state = options.check
    ? 'pin-mode is check: no file was changed.'
    : options.written
      ? ''
      : 'No file was written: the job fails.'
  const intro =
    `### Pinned references\n\n${entries.length} ECR reference(s) in ${files} file(s)` +
    `${tally ? `: ${tally}` : ''}. ${state}\n\n`
  const rows = entries.filter(listed).map((entry) => {
    const label =
      (options.check ? CHECK_LABELS[entry.status] : undefined) ?? STATUS_LABELS[entry.status]
    return tableRow([
      cell(`${entry.file}:${entry.line}`),
      code(entry.before),
      code(entry.after),
      entry.reason === undefined ? label : cell(`${label}: ${entry.reason}`, REASON_LENGTH)
    ])
  })
  if (rows.length === 0) return intro
  const head = intro + table(['Where', 'Before', 'After', 'Result'], [])
  let text = head
  let shown = 0
  // Room for the omission line, so a row that fits never has to be taken back.
  const room = limit - Buffer.byteLength(head) - 100
  let used = 0
  for (const row of rows) {
    used += Buffer.byteLength(row)
    if (used > room) break
    text += row
    shown++
  }
  if (shown < rows.length) {
    const log =
      rows.length > PIN_LOG_LIMIT
        ? `the log lists the first ${formatCount(PIN_LOG_LIMIT)}`
        : 'the log lists them all'
    text += `\n${rows.length - shown} more not shown; ${log}.\n`
  }
  return `${text}\n`
}
