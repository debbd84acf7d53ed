// What the step itself says: the annotations (registry text neutralised, so no raw control
// characters reach the log) and the one failure message when ids fail the job.

import { type Level, withinBudget } from '../insight/annotation-budget.js'
import type { CountedAnnotation, Verdict } from '../insight/verdict.js'
import type { ActionCore, AnnotationProperties } from '../runtime.js'
import { sanitizeForLog } from './escape.js'

/** Every annotation of the step, within one budget per level (`reserved`: setFailed's error). */
export function annotate(
  core: ActionCore,
  entries: readonly CountedAnnotation[],
  reserved: Partial<Record<Level, number>> = {}
): void {
  for (const { level, title, message, file } of withinBudget(entries, reserved)) {
    const properties: AnnotationProperties = {
      title: sanitizeForLog(title),
      ...(file ? { file: file.path, startLine: file.line, startColumn: file.column } : {})
    }
    core[level](sanitizeForLog(message), properties)
  }
}

/** A core whose annotations join `into` (to share the step's budget); everything else passes. */
export function collectingAnnotations(core: ActionCore, into: CountedAnnotation[]): ActionCore {
  const collect =
    (level: Level) =>
    (message: string, properties?: AnnotationProperties): void =>
      void into.push({
        annotation: { level, title: properties?.title ?? '', message },
        about: 'warnings about outputs',
        unit: 'annotations'
      })
  return {
    ...core,
    error: collect('error'),
    warning: collect('warning'),
    notice: collect('notice')
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
