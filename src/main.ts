// The pipeline: inputs → ECR (with wait) → insight (inspect, judge) → reports → outputs. Every
// collaborator comes in through `Dependencies`; `run()` with no argument is what the runner calls.

import { findImages, lookUpImages, type LookupContext } from './ecr/lookup.js'
import { planCalls } from './ecr/calls.js'
import { errorMessage } from './errors.js'
import { childLookups, inspect, withChildren } from './insight/inspect.js'
import { judge } from './insight/verdict.js'
import { InputError, readInputs } from './inputs/read-inputs.js'
import { loadYamlParser } from './inputs/request-input.js'
import { sanitizeForLog } from './reports/escape.js'
import { annotate, failureSummary } from './reports/job-result.js'
import { renderLogTable } from './reports/log-table.js'
import { buildOutputs } from './reports/outputs.js'
import { publishReports, waitNotes } from './reports/publish.js'
import { reportRows } from './reports/rows.js'
import { reportDryRun, requireOutputFile, writeOutputs } from './reports/write-outputs.js'
import { defaultDependencies, type Dependencies } from './runtime.js'

/** The runner's entry: every failure ends in this one setFailed, never a stack trace. */
export async function run(overrides: Partial<Dependencies> = {}): Promise<void> {
  const deps = { ...defaultDependencies(), ...overrides }
  try {
    const failure = await execute(deps)
    if (failure) deps.core.setFailed(failure)
  } catch (error) {
    deps.core.setFailed(failureMessage(error))
  }
}

function failureMessage(error: unknown): string {
  if (!(error instanceof InputError)) return errorMessage(error)
  const count = error.problems.length
  return (
    `${count} input problem${count === 1 ? '' : 's'}; nothing was sent to ECR:\n` +
    error.problems.map((problem) => `- ${problem}`).join('\n')
  )
}

/** Runs the pipeline; resolves to why the job fails, if it does. */
async function execute(deps: Dependencies): Promise<string | undefined> {
  const { core, env } = deps
  // The YAML parser costs start-up time: loaded only for the one input that can need it.
  const parseYaml = core.getInput('request') !== '' ? await loadYamlParser() : undefined
  const inputs = readInputs({
    getInput: (name) => core.getInput(name),
    env,
    readFile: deps.readFile,
    ...(parseYaml ? { parseYaml } : {})
  })
  requireOutputFile(env)
  if (inputs.dryRun) {
    reportDryRun(core, planCalls(inputs.lookups, inputs.acceptedMediaTypes))
    return undefined
  }

  const ecr: LookupContext = {
    acceptedMediaTypes: inputs.acceptedMediaTypes,
    clientFor: await deps.ecrClients(inputs),
    ...(core.isDebug() ? { debug: (message: string) => core.debug(sanitizeForLog(message)) } : {})
  }
  const waited = await findImages(inputs.lookups, ecr, {
    ...inputs,
    clock: deps.clock,
    ...(deps.signal ? { signal: deps.signal } : {}),
    progress: (line) => core.info(line)
  })

  const inspected = inspect(waited.results, inputs.platform)
  const children = inputs.resolvePlatforms ? await lookUpImages(childLookups(inspected), ecr) : []
  const verdicts = withChildren(inspected, children).map(({ result, ...inspection }) =>
    judge(result, inputs, inspection)
  )

  annotate(core, verdicts)
  const rows = reportRows(verdicts, inputs.platform)
  core.info(renderLogTable(rows))
  const outputs = buildOutputs(verdicts, inputs.platform)
  if (inputs.waitTimeoutMs > 0) outputs['waited-seconds'] = (waited.waitedMs / 1000).toFixed(1)
  writeOutputs(core, outputs)
  const notes = waitNotes(inputs, waited.waitedMs, waited.cancelled)
  await publishReports({ core, env, readFile: deps.readFile, inputs, rows, notes })

  if (waited.cancelled)
    throw new Error('Cancelled while waiting for images; outputs show what was found so far.')
  return failureSummary(verdicts)
}
