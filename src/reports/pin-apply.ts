// `pin-files` after the lookup: the files rewritten (write mode, and only when the job passes),
// the diffs in the log, the annotations on file and line, the `pinned-files` and `pins` outputs
// and the summary section. Loaded only when `pin-files` is set.

import type { Replacement } from '../files/replace-files.js'
import type { PinSource } from '../inputs/pin-files.js'
import type { Verdict } from '../insight/verdict.js'
import type { CountedAnnotation } from '../insight/annotation-budget.js'
import type { ActionCore } from '../runtime.js'
import { sanitizeForLog } from './escape.js'
import { JsonOutput } from './json-output.js'
import type { Outputs } from './outputs.js'
import { type PinEntry, planPins } from './pin-files.js'
import { listed, renderPinSummary } from './pin-summary.js'
import { unifiedDiff } from './unified-diff.js'

export interface PinContext {
  core: ActionCore
  pins: PinSource
  verdicts: Verdict[]
  /** `platform` is set: pin to the platform's digest. */
  platform: boolean
  /** Some id fails the job: nothing is written, so no file is left half-way to a broken deploy. */
  jobFails: boolean
}

export interface PinOutcome {
  outputs: Outputs
  /** The job summary's section ('' when there is nothing to say). */
  summary: string
  /** Why the job fails (check mode found references to pin). */
  failure?: string
  /** On file and line; shown within the step's budget with the ids' own (job-result.ts). */
  annotations: CountedAnnotation[]
  /**
   * The files to rewrite (write mode, the job passing); the caller writes them all or none,
   * renaming them only after the step outputs are written (report-run.ts).
   */
  writes: Replacement[]
}

/** References the log lists one by one, and files whose diff it shows; the rest are counted. */
const MAX_LISTED = 1000
const MAX_DIFFS = 20

export function applyPins(context: PinContext): PinOutcome {
  const { core, pins } = context
  const check = pins.mode === 'check'
  const plan = planPins(pins.files, context.verdicts, context.platform)
  if (plan.entries.length === 0) {
    core.info(`pin-files: no ECR image reference in the ${pins.files.length} file(s) matched.`)
  }
  const shown = plan.entries.filter(listed)
  for (const entry of shown.slice(0, MAX_LISTED)) core.info(sanitizeForLog(describe(entry)))
  if (shown.length > MAX_LISTED) {
    const more = (shown.length - MAX_LISTED).toLocaleString('en-US')
    core.info(`… and ${more} more reference(s), not listed in the log.`)
  }

  const write = !check && !context.jobFails
  if (!check && context.jobFails && plan.changes.length > 0) {
    core.info('The job fails (see the annotations): no file was written.')
  }
  const writes: Replacement[] = []
  plan.changes.forEach(({ file, text }, index) => {
    if (index < MAX_DIFFS) {
      const diff = unifiedDiff(file.path, file.text, text)
      const heading = write ? `Pinned ${file.path}:` : `Would pin ${file.path}:`
      core.info([heading, ...diff.split('\n')].map(sanitizeForLog).join('\n'))
    }
    if (write) writes.push({ path: file.path, read: file.read, text })
  })
  const more = plan.changes.length - MAX_DIFFS
  if (more > 0) {
    core.info(
      `… and ${more} more file(s) ${write ? 'pinned' : 'to pin'}; their diffs are not shown.`
    )
  }

  const failing = check ? plan.entries.filter(listed) : []
  const moved = write ? plan.entries.filter((entry) => entry.status === 'moved') : []
  const outcome: PinOutcome = {
    outputs: {
      'pinned-files': JsonOutput.list(writes.map(({ path }) => path)),
      pins: JsonOutput.record(plan.pins)
    },
    summary: renderPinSummary(plan.entries, { check, written: write }),
    annotations: [...annotationsOf('error', failing), ...annotationsOf('notice', moved)],
    writes
  }
  if (failing.length > 0) {
    outcome.failure =
      `pin-mode is check and ${failing.length} ECR reference(s) in pin-files are not pinned to ` +
      'the digest their tag resolves to; run with pin-mode: write to pin them.'
  }
  return outcome
}

function describe(entry: PinEntry): string {
  const where = `${entry.file}:${entry.line}:${entry.column}`
  switch (entry.status) {
    case 'unpinned':
      return `${where}: ${entry.before} → ${entry.after ?? ''}`
    case 'moved':
      return `${where}: ${entry.before} → ${entry.after ?? ''} (the tag moved)`
    default:
      return `${where}: ${entry.before} was not resolved (see the image's annotation); left as it is`
  }
}

function annotation(entry: PinEntry, level: 'error' | 'notice'): string {
  const newDigest = entry.after?.slice(entry.after.lastIndexOf('@') + 1) ?? ''
  if (entry.status === 'moved') {
    const digests = `the file had ${entry.oldDigest ?? ''}; the tag now resolves to ${newDigest}.`
    return level === 'notice'
      ? `Re-pinned ${entry.after ?? ''}: ${digests}`
      : `${entry.before} is pinned to a digest its tag no longer resolves to: ${digests}`
  }
  if (entry.status === 'unpinned')
    return `${entry.before} is not pinned; pin it as ${entry.after ?? ''}.`
  return `${entry.before} is not pinned, and its image was not resolved, so there is no digest to pin.`
}

function annotationsOf(level: 'error' | 'notice', entries: PinEntry[]): CountedAnnotation[] {
  const title = level === 'error' ? 'Unpinned image reference' : 'Pinned digest updated'
  return entries.map((entry) => ({
    annotation: {
      level,
      title,
      message: annotation(entry, level),
      file: { path: entry.file, line: entry.line, column: entry.column }
    },
    about: level === 'error' ? 'unpinned references' : 'pinned digests updated',
    unit: 'references'
  }))
}
