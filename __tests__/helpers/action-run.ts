// What the tests read from a run of the action (a process's or run()'s in process), beyond the
// harness's ActionRun.
import { expect } from '@jest/globals'
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

/**
 * A wait cancelled before `id` of `repository` turned up: the step fails, saying so after the id's
 * not-found error, and its outputs and summary show what was found so far (nothing).
 */
export function expectCancelledWait(run: ActionRun, repository: string, id: string): void {
  const title = `${repository} ${id}`
  const escaped = title.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  expect(run.stdout).toMatch(new RegExp(`^0/1 found, waiting \\d+\\.\\ds for ${escaped} …$`, 'm'))
  expect(run.code).toBe(1)
  expect(shown(run)).toEqual([
    {
      level: 'error',
      title,
      message: 'ImageNotFound: Requested image not found',
      properties: { title }
    },
    {
      level: 'error',
      message: 'Cancelled while waiting for images; outputs show what was found so far.',
      properties: {}
    }
  ])
  expect(run.outputs.missing).toBe(JSON.stringify([id]))
  expect(run.outputs['found-count']).toBe('0')
  expect(run.summary).toMatch(/^- Cancelled after waiting \d+\.\ds\.$/m)
}

/** Runs that must succeed: shows the output when they do not. */
export function expectSuccess(run: ActionRun): void {
  if (run.code !== 0) throw new Error(`exit ${run.code}\n${run.stdout}\n${run.stderr}`)
}
