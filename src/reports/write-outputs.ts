// Writing the step outputs, and the dry run's: the calls that would be sent, sent nowhere.

import { toCommandInput } from '../ecr/calls.js'
import type { ActionCore } from '../runtime.js'
import type { BatchCall, Env } from '../types.js'
import { errorMessage } from '../errors.js'

/**
 * Without GITHUB_OUTPUT, @actions/core falls back to the removed `::set-output` command and the
 * outputs silently go nowhere; say so before any call is made.
 */
export function requireOutputFile(env: Env): void {
  if (!env.GITHUB_OUTPUT) {
    throw new Error(
      'GITHUB_OUTPUT is not set, so step outputs cannot be written: run this action in GitHub ' +
        'Actions (runner 2.297.0 or later), or set GITHUB_OUTPUT to a writable file.'
    )
  }
}

export function writeOutputs(core: ActionCore, outputs: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(outputs)) {
    try {
      core.setOutput(name, value)
    } catch (error) {
      const reason = errorMessage(error)
      throw new Error(`Cannot write the step output '${name}' to the GITHUB_OUTPUT file: ${reason}`)
    }
  }
}

/** `dry-run`: each call as it would be sent, in the log and the `requests` output. */
export function reportDryRun(core: ActionCore, calls: BatchCall[]): void {
  const requests = calls.map(toCommandInput)
  core.info(`Dry run: ${calls.length} BatchGetImage call(s) would be sent; nothing was sent.`)
  calls.forEach((call, index) =>
    core.info(
      `Call ${index + 1} (region ${call.region}):\n${JSON.stringify(requests[index], null, 2)}`
    )
  )
  writeOutputs(core, { requests: JSON.stringify(requests) })
}
