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

/**
 * Every output by name, as one JSON object: the JSON-valued outputs (`images`, `digests`, …,
 * which this action writes with JSON.stringify, so they start with `[` or `{`) embedded as JSON,
 * the rest as strings. Built as text chunks, so a 19 MB `images` value is not parsed again.
 */
export function resultsFileText(outputs: Outputs): string[] {
  const chunks = ['{']
  for (const [name, value] of Object.entries(outputs)) {
    if (chunks.length > 1) chunks.push(',')
    const json = value.startsWith('[') || value.startsWith('{')
    chunks.push(`${JSON.stringify(name)}:`, json ? value : JSON.stringify(value))
  }
  chunks.push('}\n')
  return chunks
}

export interface ResultsFileDependencies {
  core: ActionCore
  env: Env
  /** Writes the chunks one after another (a 20 MB result is never joined into one string). */
  writeFile(path: string, chunks: readonly string[]): void
}

/**
 * Writes the results file and returns the outputs to set: `results-file` added, every output
 * over OUTPUT_LIMIT left out with a warning that names it.
 */
export function outputsWithinLimits(outputs: Outputs, deps: ResultsFileDependencies): Outputs {
  const path = resultsFilePath(deps.env)
  if (path) {
    try {
      deps.writeFile(path, resultsFileText(outputs))
    } catch (error) {
      throw new Error(`Cannot write the results file ${path}: ${errorMessage(error)}`)
    }
  }
  const kept: Outputs = {}
  for (const [name, value] of Object.entries(outputs)) {
    if (value.length <= OUTPUT_LIMIT) {
      kept[name] = value
      continue
    }
    const where = path
      ? `its full value is in the results file (the ${RESULTS_FILE_OUTPUT} output, ${path})`
      : 'RUNNER_TEMP is not set, so no results file holds it either'
    deps.core.warning(
      `The output '${name}' is not set: its value is ${formatCount(value.length)} characters and ` +
        `GitHub carries at most 1 MiB in an output (${formatCount(OUTPUT_LIMIT)}); ${where}.`,
      { title: `output ${name} not set` }
    )
  }
  if (path) kept[RESULTS_FILE_OUTPUT] = path
  return kept
}
