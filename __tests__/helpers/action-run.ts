// What the end-to-end tests read from a run of the action, beyond the harness's ActionRun.
import type { ActionRun, Annotation } from '../../harness/run-action.js'

/** Every annotation but the `::debug::` lines, which the runner hides unless debugging. */
export function shown(run: ActionRun): Annotation[] {
  return run.annotations.filter((annotation) => annotation.level !== 'debug')
}

/** The shown annotations as a reader sees them: level, title (when there is one) and message. */
export function shownMessages(
  run: ActionRun
): (
  | { level: Annotation['level']; message: string }
  | { level: Annotation['level']; title: string; message: string }
)[] {
  return shown(run).map(({ level, title, message }) =>
    title === undefined ? { level, message } : { level, title, message }
  )
}

/** Runs that must succeed: shows the output when they do not. */
export function expectSuccess(run: ActionRun): void {
  if (run.code !== 0) throw new Error(`exit ${run.code}\n${run.stdout}\n${run.stderr}`)
}
