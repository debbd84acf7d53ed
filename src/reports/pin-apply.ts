// `pin-files` after the lookup: the files rewritten (write mode, and only when the job passes),
// the diffs in the log, the annotations on file and line, the `pinned-files` and `pins` outputs
// and the summary section. Loaded only when `pin-files` is set.

import type { PinSource } from '../inputs/pin-files.js'
import type { Replacement } from '../files/replace-files.js'
import type { Verdict } from '../insight/verdict.js'
import { type CountedAnnotation, formatCount } from '../insight/annotation-budget.js'
import type { ActionCore } from '../runtime.js'
import { sanitizeForLog } from './escape.js'
import { JsonOutput } from './json-output.js'
import type { Outputs } from './outputs.js'
import { type PinEntry, planPins } from './pin-files.js'
import { listed, PIN_LOG_LIMIT, renderPinSummary } from './pin-summary.js'
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
  /** Why the job fails (check mode found references to pin, or ones it could not verify). */
  failure?: string
  /** On file and line; shown within the step's budget with the ids' own (job-result.ts). */
  annotations: CountedAnnotation[]
  /**
   * The files to rewrite (write mode, the job passing); the caller writes them all or none,
   * renaming them only after the step outputs are written (report-run.ts).
   */
  writes: Replacement[]
}

/** Files whose diff the log shows; the rest are counted. */
const MAX_DIFFS = 20

export function applyPins(context: PinContext): PinOutcome {
  const { core, pins } = context
  const check = pins.mode === 'check'
  const plan = planPins(pins.files, context.verdicts, context.platform)
  if (plan.entries.length === 0) {
    core.info(`pin-files: no ECR image reference in the ${pins.files.length} file(s) matched.`)
  }
  const shown = plan.entries.filter(listed)
  for (const entry of shown.slice(0, PIN_LOG_LIMIT))
    core.info(sanitizeForLog(describe(entry, check)))
  if (shown.length > PIN_LOG_LIMIT) {
    core.info(
      `… and ${formatCount(shown.length - PIN_LOG_LIMIT)} more (the job summary counts them).`
    )
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

  const failing = check ? plan.entries.filter(failsCheck) : []
  const moved = write ? plan.entries.filter((entry) => entry.status === 'moved') : []
  const skipped = check ? [] : plan.entries.filter((entry) => entry.status === 'skipped')
  const outcome: PinOutcome = {
    outputs: {
      'pinned-files': JsonOutput.list(writes.map(({ path }) => path)),
      pins: JsonOutput.record(plan.pins)
    },
    summary: renderPinSummary(plan.entries, { check, written: write }),
    annotations: [
      ...annotationsOf('error', failing),
      ...annotationsOf('notice', moved),
      ...annotationsOf('warning', skipped)
    ],
    writes
  }
  if (failing.length > 0) outcome.failure = checkFailure(failing)
  return outcome
}

/** Check mode passes only what it verified: every reference pinned right, nothing left unread. */
function failsCheck(entry: PinEntry): boolean {
  return listed(entry) && entry.status !== 'build-output'
}

function checkFailure(failing: PinEntry[]): string {
  const unverified = failing.filter((entry) => entry.status === 'skipped').length
  const unpinned = failing.length - unverified
  const parts: string[] = []
  if (unpinned > 0) {
    parts.push(
      `${unpinned} ECR reference(s) in pin-files are not pinned to the digest their tag ` +
        'resolves to; run with pin-mode: write to pin them'
    )
  }
  if (unverified > 0) {
    parts.push(
      `${unverified} ECR reference(s) in pin-files could not be verified (each is annotated ` +
        'with why); write them as references the action reads, or leave them out of pin-files'
    )
  }
  return `pin-mode is check and ${parts.join('; and ')}.`
}

function describe(entry: PinEntry, check: boolean): string {
  const where = `${entry.file}:${entry.line}:${entry.column}`
  switch (entry.status) {
    case 'unpinned':
      return `${where}: ${entry.before} → ${entry.after ?? ''}`
    case 'moved':
      return `${where}: ${entry.before} → ${entry.after ?? ''} (the tag moved)`
    case 'skipped':
      return check
        ? `${where}: ${entry.before} is not verified: ${entry.reason ?? ''}`
        : `${where}: ${entry.before} is left as it is: ${entry.reason ?? ''}`
    case 'build-output':
      return `${where}: ${entry.before} is a build output, never pinned: ${entry.reason ?? ''}`
    default:
      return `${where}: ${entry.before} was not resolved (see the image's annotation); left as it is`
  }
}

type PinLevel = 'error' | 'warning' | 'notice'

function annotation(entry: PinEntry, level: PinLevel): string {
  const newDigest = entry.after?.slice(entry.after.lastIndexOf('@') + 1) ?? ''
  if (entry.status === 'skipped') {
    return level === 'error'
      ? `${entry.before} cannot be verified: ${entry.reason ?? ''}.`
      : `${entry.before} was left as it is: ${entry.reason ?? ''}.`
  }
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

/** Each entry's annotation: its title and what a count of those left out calls them. */
function kindOf(entry: PinEntry, level: PinLevel): { title: string; about: string } {
  if (entry.status === 'skipped') {
    return level === 'error'
      ? { title: 'Unverified image reference', about: 'unverified references' }
      : { title: 'Image reference not pinned', about: 'references not pinned' }
  }
  return level === 'notice'
    ? { title: 'Pinned digest updated', about: 'pinned digests updated' }
    : { title: 'Unpinned image reference', about: 'unpinned references' }
}

function annotationsOf(level: PinLevel, entries: PinEntry[]): CountedAnnotation[] {
  return entries.map((entry) => {
    const { title, about } = kindOf(entry, level)
    return {
      annotation: {
        level,
        title,
        message: annotation(entry, level),
        file: { path: entry.file, line: entry.line, column: entry.column }
      },
      about,
      unit: 'references'
    }
  })
}
