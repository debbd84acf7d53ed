// What the step itself says: the annotations (registry text neutralised, so no raw control
// characters reach the log) and the one failure message when ids fail the job.

import { annotationsToShow, type Verdict } from '../insight/verdict.js'
import type { ActionCore } from '../runtime.js'
import { sanitizeForLog } from './escape.js'

export function annotate(core: ActionCore, verdicts: Verdict[]): void {
  for (const { level, title, message } of annotationsToShow(verdicts)) {
    core[level](sanitizeForLog(message), { title: sanitizeForLog(title) })
  }
}

/** Why the job fails, or undefined when no id fails it. */
export function failureSummary(verdicts: Verdict[]): string | undefined {
  const failing = verdicts.filter((verdict) => verdict.failsJob)
  if (failing.length === 0) return undefined
  const missing = failing.filter((verdict) => verdict.status === 'missing').length
  const exists = failing.filter((verdict) => verdict.status === 'found').length
  const failed = failing.length - missing - exists
  const parts = [
    missing && `${missing} not found (if-missing: fail)`,
    exists && `${exists} already exist (if-exists: fail)`,
    failed && `${failed} failed`
  ].filter(Boolean)
  return `${failing.length} of ${verdicts.length} image id(s): ${parts.join(', ')}. See the annotations above.`
}
