// GitHub's limits on outputs: a job output holds at most 1 MB ("approximated based on UTF-16"),
// and `fromJSON` of a larger value fails. So the complete result goes to a file under
// RUNNER_TEMP (its path is the `results-file` output), and an output too large to carry is not
// set, with a warning that names it and points to the file. The small outputs always fit.

import { join } from 'node:path'
import { errorMessage } from '../errors.js'
import { formatCount } from '../insight/annotation-budget.js'
import type { ActionCore } from '../runtime.js'
import type { Env } from '../types.js'
import type { Outputs } from './outputs.js'

/** 1 MiB in UTF-16 code units: what JavaScript's `length` counts, as GitHub measures. */
export const OUTPUT_LIMIT = 1024 * 1024

export const RESULTS_FILE_OUTPUT = 'results-file'

/** Where this step's results go: RUNNER_TEMP, named after the step, so two steps never share one. */
export function resultsFilePath(env: Env): string | undefined {
  if (!env.RUNNER_TEMP) return undefined
  const step = (env.GITHUB_ACTION ?? '').replace(/[^A-Za-z0-9_.-]/g, '_') || 'step'
  return join(env.RUNNER_TEMP, `ecr-batch-get-image-${step}.json`)
}

/** What a pass over the outputs measured: each output's length, its text while it fits. */
interface Measured {
  length: number
  /** The output's value; undefined once it is longer than OUTPUT_LIMIT. */
  text: string | undefined
}

/**
 * Every output by name, as one JSON object, in pieces: the JSON-valued outputs embedded as JSON,
 * the rest as strings. Each output is measured on the way (`measured`), so the file and the
 * limits take one pass, and no output longer than an output can hold is ever joined.
 */
export function* resultsFileText(
  outputs: Outputs,
  measured = new Map<string, Measured>()
): Generator<string> {
  yield '{'
  let first = true
  for (const [name, value] of Object.entries(outputs)) {
    yield `${first ? '' : ','}${JSON.stringify(name)}:`
    first = false
    if (typeof value === 'string') {
      measured.set(name, {
        length: value.length,
        text: value.length <= OUTPUT_LIMIT ? value : undefined
      })
      yield JSON.stringify(value)
      continue
    }
    let kept: string[] | undefined = []
    let length = 0
    for (const piece of value.pieces()) {
      length += piece.length
      if (kept && length <= OUTPUT_LIMIT) kept.push(piece)
      else kept = undefined
      yield piece
    }
    measured.set(name, { length, text: kept?.join('') })
  }
  yield '}\n'
}

export interface ResultsFileDependencies {
  core: ActionCore
  env: Env
  /** Writes the pieces one after another (a 20 MB result is never joined into one string). */
  writeFile(path: string, chunks: Iterable<string>): void
}

/**
 * Writes the results file and returns the outputs to set: `results-file` added, every output
 * over OUTPUT_LIMIT left out with a warning that names it.
 */
export function outputsWithinLimits(
  outputs: Outputs,
  deps: ResultsFileDependencies
): Record<string, string> {
  const path = resultsFilePath(deps.env)
  const measured = new Map<string, Measured>()
  const pieces = resultsFileText(outputs, measured)
  if (path) {
    try {
      deps.writeFile(path, pieces)
    } catch (error) {
      throw new Error(`Cannot write the results file ${path}: ${errorMessage(error)}`)
    }
  }
  // Without a file, or past what writeFile read, the pieces still measure every output.
  while (!pieces.next().done) continue
  const kept: Record<string, string> = {}
  for (const [name, { length, text }] of measured) {
    if (text !== undefined) {
      kept[name] = text
      continue
    }
    const where = path
      ? `its full value is in the results file (the ${RESULTS_FILE_OUTPUT} output, ${path})`
      : 'RUNNER_TEMP is not set, so no results file holds it either'
    deps.core.warning(
      `The output '${name}' is not set: its value is ${formatCount(length)} characters and ` +
        `GitHub carries at most 1 MiB in an output (${formatCount(OUTPUT_LIMIT)}); ${where}.`,
      { title: `output ${name} not set` }
    )
  }
  if (path) kept[RESULTS_FILE_OUTPUT] = path
  return kept
}
