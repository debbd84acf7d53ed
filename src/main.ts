// Wires the action: inputs → ECR → verdicts → reports → outputs. Every collaborator (the
// @actions/core functions, the ECR client, the clock, the file system) is passed in, so each
// path is testable without mocking modules; `run()` with no argument is what the runner calls.

import * as actionsCore from '@actions/core'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { readFileSync } from 'node:fs'
import { createClientFactory, fetchImages, planCalls, toCommandInput } from './ecr/calls.js'
import type { BatchGetImageClient } from './ecr/calls.js'
import { errorMessage } from './ecr/call-errors.js'
import { InputError, readInputs } from './inputs/read-inputs.js'
import type { Inputs } from './inputs/read-inputs.js'
import { childRequests, insightOutputs, inspect, reportRows } from './insight/inspect.js'
import { sanitizeForLog } from './reports/escape.js'
import { buildOutputs } from './reports/outputs.js'
import type { Outputs } from './reports/outputs.js'
import { ecrHttpOptions } from './net/proxy.js'
import { publishReports } from './reports/publish.js'
import { renderLogTable } from './reports/render.js'
import { loadYamlParser } from './inputs/request-input.js'
import { matchResults } from './ecr/results.js'
import type { ImageRequest, ImageResult } from './types.js'
import { annotationTitle, annotationsToShow, judge } from './insight/verdict.js'
import type { Verdict } from './insight/verdict.js'
import { lookUpWithWait, systemClock } from './ecr/wait.js'
import type { Clock } from './ecr/wait.js'

/** The part of @actions/core the action uses. */
export interface ActionCore {
  getInput(name: string): string
  setOutput(name: string, value: string): void
  info(message: string): void
  debug(message: string): void
  /** Whether step debug logging is on (RUNNER_DEBUG=1): raw requests and responses are logged then. */
  isDebug(): boolean
  notice(message: string, properties?: { title?: string }): void
  warning(message: string, properties?: { title?: string }): void
  error(message: string, properties?: { title?: string }): void
  setFailed(message: string): void
  /** Appends Markdown to the job summary file (GITHUB_STEP_SUMMARY). */
  appendSummary(markdown: string): Promise<void>
}

export interface Dependencies {
  core: ActionCore
  env: Record<string, string | undefined>
  readFile(path: string): string
  /** Builds the per-region ECR client factory; the real SDK client unless a test passes one. */
  ecrClients(inputs: Inputs): (region: string) => BatchGetImageClient
  clock: Clock
  /** Aborted when the runner cancels the job (SIGINT/SIGTERM), to stop a wait promptly. */
  signal?: AbortSignal
}

const USER_AGENT = 'ecr-batch-get-image'

export function defaultDependencies(): Dependencies {
  const env = process.env
  return {
    core: {
      getInput: (name) => actionsCore.getInput(name),
      setOutput: (name, value) => actionsCore.setOutput(name, value),
      info: (message) => actionsCore.info(message),
      debug: (message) => actionsCore.debug(message),
      isDebug: () => actionsCore.isDebug(),
      notice: (message, properties) => actionsCore.notice(message, properties),
      warning: (message, properties) => actionsCore.warning(message, properties),
      error: (message, properties) => actionsCore.error(message, properties),
      setFailed: (message) => actionsCore.setFailed(message),
      appendSummary: async (markdown) => {
        await actionsCore.summary.addRaw(markdown, true).write()
      }
    },
    env,
    readFile: (path) => readFileSync(path, 'utf8'),
    ecrClients: (inputs) =>
      createClientFactory({
        maxAttempts: inputs.maxAttempts,
        userAgent: USER_AGENT,
        ...(inputs.endpoint ? { endpoint: inputs.endpoint } : {}),
        // Proxies (http-proxy input, HTTPS_PROXY/HTTP_PROXY/NO_PROXY) and a request timeout that
        // really aborts, so a hung connection is retried instead of hanging the job.
        requestHandler: new NodeHttpHandler({
          ...ecrHttpOptions({ env, ...(inputs.httpProxy ? { httpProxy: inputs.httpProxy } : {}) }),
          connectionTimeout: Math.min(inputs.requestTimeoutMs, 10_000),
          requestTimeout: inputs.requestTimeoutMs,
          throwOnRequestTimeout: true
        })
      }),
    clock: systemClock
  }
}

/** The runner's entry: every failure ends in one setFailed with a message, never a stack trace. */
export async function run(overrides: Partial<Dependencies> = {}): Promise<void> {
  const deps = { ...defaultDependencies(), ...overrides }
  try {
    await execute(deps)
  } catch (error) {
    deps.core.setFailed(failureMessage(error))
  }
}

function failureMessage(error: unknown): string {
  if (error instanceof InputError) {
    const count = error.problems.length
    return (
      `${count} input problem${count === 1 ? '' : 's'}; nothing was sent to ECR:\n` +
      error.problems.map((problem) => `- ${problem}`).join('\n')
    )
  }
  return errorMessage(error)
}

async function execute(deps: Dependencies): Promise<void> {
  const { core } = deps
  if (core.getInput('request') !== '') await loadYamlParser()
  const inputs = readInputs({
    getInput: (name) => core.getInput(name),
    env: deps.env,
    readFile: deps.readFile
  })
  requireOutputFile(deps.env)
  const calls = planCalls(inputs.requests, inputs.acceptedMediaTypes)

  if (inputs.dryRun) {
    const requests = calls.map(toCommandInput)
    core.info(`Dry run: ${calls.length} BatchGetImage call(s) would be sent; nothing was sent.`)
    calls.forEach((call, index) =>
      core.info(
        `Call ${index + 1} (region ${call.region}):\n${JSON.stringify(requests[index], null, 2)}`
      )
    )
    writeOutputs(core, { requests: JSON.stringify(requests) })
    return
  }

  const clientFor = deps.ecrClients(inputs)
  const lookUp = async (requests: ImageRequest[]): Promise<ImageResult[]> => {
    const outcomes = await fetchImages(
      planCalls(requests, inputs.acceptedMediaTypes),
      clientFor,
      core.isDebug() ? { debug: (message) => core.debug(sanitizeForLog(message)) } : {}
    )
    return matchResults(requests, outcomes)
  }
  const waited = await lookUpWithWait(inputs.requests, lookUp, {
    timeoutMs: inputs.waitTimeoutMs,
    intervalMs: inputs.waitIntervalMs,
    clock: deps.clock,
    ...(deps.signal ? { signal: deps.signal } : {}),
    onProgress: ({ found, total, pending, nextDelayMs }) =>
      core.info(
        `${found}/${total} found, waiting ${(nextDelayMs / 1000).toFixed(1)}s for ` +
          `${pending.map(annotationTitle).join(', ')} …`
      )
  })

  const verdicts = waited.results.map((result) => judge(result, inputs))
  const children = inputs.resolvePlatforms ? await lookUp(childRequests(verdicts)) : []
  const insights = inspect(verdicts, inputs.platform, children)
  const judged = insights.map((insight) => insight.verdict)
  annotate(core, judged)
  const rows = reportRows(insights, inputs.platform)
  core.info(renderLogTable(rows))

  const outputs = { ...buildOutputs(judged), ...insightOutputs(insights, inputs.platform) }
  if (inputs.waitTimeoutMs > 0) outputs['waited-seconds'] = (waited.waitedMs / 1000).toFixed(1)
  writeOutputs(core, outputs)

  const notes = waitNotes(inputs, waited.waitedMs, waited.cancelled)
  await publishReports({ core, env: deps.env, readFile: deps.readFile, inputs, rows, notes })

  if (waited.cancelled)
    throw new Error('Cancelled while waiting for images; outputs show what was found so far.')
  const failing = judged.filter((verdict) => verdict.failsJob)
  if (failing.length > 0) core.setFailed(failureSummary(failing, judged.length))
}

function waitNotes(inputs: Inputs, waitedMs: number, cancelled: boolean): string[] {
  if (inputs.waitTimeoutMs === 0) return []
  const seconds = (waitedMs / 1000).toFixed(1)
  return [cancelled ? `Cancelled after waiting ${seconds}s.` : `Waited ${seconds}s for images.`]
}

/** Registry text (failure reasons, manifests) reaches the log neutralised: no raw control chars. */
function annotate(core: ActionCore, verdicts: Verdict[]): void {
  for (const { level, title, message } of annotationsToShow(verdicts)) {
    core[level](sanitizeForLog(message), { title: sanitizeForLog(title) })
  }
}

function failureSummary(failing: Verdict[], total: number): string {
  const missing = failing.filter((verdict) => verdict.status === 'missing').length
  const exists = failing.filter((verdict) => verdict.status === 'found').length
  const failed = failing.length - missing - exists
  const parts = [
    missing && `${missing} not found (if-missing: fail)`,
    exists && `${exists} already exist (if-exists: fail)`,
    failed && `${failed} failed`
  ].filter(Boolean)
  return `${failing.length} of ${total} image id(s): ${parts.join(', ')}. See the annotations above.`
}

/**
 * Without GITHUB_OUTPUT, @actions/core falls back to the removed `::set-output` command and the
 * outputs silently go nowhere; say so before any call is made.
 */
function requireOutputFile(env: Record<string, string | undefined>): void {
  if (!env.GITHUB_OUTPUT) {
    throw new Error(
      'GITHUB_OUTPUT is not set, so step outputs cannot be written: run this action in GitHub ' +
        'Actions (runner 2.297.0 or later), or set GITHUB_OUTPUT to a writable file.'
    )
  }
}

function writeOutputs(core: ActionCore, outputs: Outputs): void {
  for (const [name, value] of Object.entries(outputs)) {
    try {
      core.setOutput(name, value)
    } catch (error) {
      const reason = errorMessage(error)
      throw new Error(`Cannot write the step output '${name}' to the GITHUB_OUTPUT file: ${reason}`)
    }
  }
}
