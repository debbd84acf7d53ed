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
import { outputsWithinLimits } from './reports/results-file.js'
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

async function loadConfigStage() {
  const [{ readConfigs }, { addConfigFacts, labelsOutput }] = await Promise.all([
    import('./insight/read-configs.js'),
    import('./reports/config-facts.js')
  ])
  return { readConfigs, addConfigFacts, labelsOutput }
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
  const pinInputs = core.getInput('pin-files') !== '' ? await import('./inputs/pin-files.js') : null
  const inputs = readInputs({
    getInput: (name) => core.getInput(name),
    env,
    readFile: deps.readFile,
    ...(parseYaml ? { parseYaml } : {}),
    ...(pinInputs
      ? {
          readPinFiles: (files: string, mode: string) =>
            pinInputs.readPinFiles(files, mode, { ...deps, workspace: env.GITHUB_WORKSPACE })
        }
      : {})
  })
  requireOutputFile(env)
  // compare-to: its modules load only when it is set; the baselines ride in the images' calls.
  const comparing =
    inputs.compare && (await import('./insight/baselines.js')).comparison(inputs.compare)
  const baselines = comparing ? comparing.baselines(inputs.lookups) : []
  if (inputs.dryRun) {
    reportDryRun(core, planCalls([...inputs.lookups, ...baselines], inputs.acceptedMediaTypes))
    return undefined
  }

  const ecr: LookupContext = {
    acceptedMediaTypes: inputs.acceptedMediaTypes,
    clientFor: deps.ecrClients(inputs),
    ...(core.isDebug() ? { debug: (message: string) => core.debug(sanitizeForLog(message)) } : {})
  }
  const waited = await findImages(
    inputs.lookups,
    ecr,
    {
      ...inputs,
      clock: deps.clock,
      ...(deps.signal ? { signal: deps.signal } : {}),
      progress: (line) => core.info(line)
    },
    baselines
  )

  const inspected = inspect(waited.results, inputs.platform)
  const before = inspect(waited.alongside, undefined)
  // Children: for resolve-platforms; compare-to needs every platform's layers; require-labels
  // judges what runs, the platform images of a multi-arch one.
  const needsChildren =
    inputs.resolvePlatforms || Boolean(comparing) || inputs.requireLabels !== undefined
  const children = needsChildren
    ? await lookUpImages(childLookups([...inspected, ...before]), ecr)
    : []
  const changes = comparing?.compare(inspected, before, children)
  let inspections = withChildren(inspected, children)
  // The config stage (and its modules) only for a run that asks for what a config says.
  const configsAsked = inputs.readConfig || inputs.requireLabels || inputs.platform
  const configStage = configsAsked ? await loadConfigStage() : undefined
  if (configStage)
    inspections = await configStage.readConfigs(inspections, children, inputs, {
      source: deps.blobSource(inputs),
      clock: deps.clock,
      maxAttempts: inputs.maxAttempts,
      ...(ecr.debug ? { debug: ecr.debug } : {})
    })
  // Supply-chain modules load only when asked: a default run makes no ListImageReferrers call.
  const supplyChain = inputs.referrers ? await loadSupplyChain() : undefined
  const facts = supplyChain
    ? await supplyChain.withReferrers(inspections, {
        lookup: ecr,
        clientFor: deps.referrersClients(inputs),
        resolvePlatforms: inputs.resolvePlatforms
      })
    : inspections
  const verdicts = facts.map(({ result, ...inspection }, index) =>
    judge(result, inputs, { ...inspection, ...comparing?.facts(changes?.[index]) })
  )

  annotate(core, verdicts)
  const plainRows = reportRows(verdicts, inputs.platform)
  const rows = supplyChain ? supplyChain.withSupplyChain(plainRows, verdicts) : plainRows
  configStage?.addConfigFacts(rows, verdicts, deps.clock.now())
  core.info(renderLogTable(rows))
  const outputs = buildOutputs(verdicts, inputs.platform)
  if (supplyChain) Object.assign(outputs, supplyChain.referrersOutputs(verdicts))
  if (inputs.waitTimeoutMs > 0) outputs['waited-seconds'] = (waited.waitedMs / 1000).toFixed(1)
  const changeReport =
    comparing &&
    changes &&
    (await import('./reports/changes.js')).changeReport(verdicts, changes, comparing.label)
  if (changeReport) Object.assign(outputs, changeReport.outputs)
  const jobFails = failureSummary(verdicts)
  // A cancelled run writes no file: what it found so far is not what the files should say.
  const pinned =
    inputs.pins && !waited.cancelled
      ? (await import('./reports/pin-apply.js')).applyPins({
          ...deps,
          pins: inputs.pins,
          verdicts,
          platform: inputs.platform !== undefined,
          jobFails: jobFails !== undefined
        })
      : undefined
  if (configStage) outputs.labels = configStage.labelsOutput(verdicts)
  writeOutputs(core, outputsWithinLimits({ ...outputs, ...pinned?.outputs }, deps))
  const notes = waitNotes(inputs, waited.waitedMs, waited.cancelled)
  const sections = pinned?.summary ? [pinned.summary] : []
  await publishReports({
    ...{ core, env, readFile: deps.readFile, inputs, rows, notes, sections },
    ...(changeReport ? { changes: changeReport.section } : {})
  })

  if (waited.cancelled)
    throw new Error('Cancelled while waiting for images; outputs show what was found so far.')
  return jobFails ?? pinned?.failure
}

async function loadSupplyChain() {
  const [insight, reports] = await Promise.all([
    import('./insight/referrers.js'),
    import('./reports/referrers.js')
  ])
  return { ...insight, ...reports }
}
