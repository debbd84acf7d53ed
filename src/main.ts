// The pipeline: inputs → ECR (with wait) → insight (inspect, judge) → reports → outputs. Every
// collaborator comes in through `Dependencies`; `run()` with no argument is what the runner calls.

import { planCalls } from './ecr/calls.js'
import { findImages, type LookupContext } from './ecr/lookup.js'
import { errorMessage } from './errors.js'
import { tuneHeap } from './heap.js'
import { judgeImages } from './insight/judge-images.js'
import { InputError, readInputs } from './inputs/read-inputs.js'
import { loadYamlParser } from './inputs/request-input.js'
import { sanitizeForLog } from './reports/escape.js'
import { reportRun } from './reports/report-run.js'
import { reportDryRun, requireOutputFile } from './reports/write-outputs.js'
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
  const pinFiles = core.getInput('pin-files')
  const pinInputs = pinFiles !== '' ? await import('./inputs/pin-files.js') : null
  // Without GITHUB_WORKSPACE, no file is read: an `@path` or pin-files input is a problem.
  const workspace = env.GITHUB_WORKSPACE ? deps.openWorkspace(env.GITHUB_WORKSPACE) : undefined
  // Read and scanned before the other inputs: a YAML file's structure takes the YAML parser,
  // loaded (an await) only when a matched YAML file names an ECR host.
  const pins = await pinInputs?.readPinFiles(pinFiles, core.getInput('pin-mode'), workspace)
  const inputs = readInputs({
    getInput: (name) => core.getInput(name),
    env,
    workspace,
    ...(parseYaml ? { parseYaml } : {}),
    ...(pins ? { pins } : {})
  })
  requireOutputFile(env)
  // From 1,000 ids, V8 settings that keep the peak memory down (heap.ts); none below that.
  const heap = await tuneHeap(inputs.lookups.length)
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
    clientFor: await deps.ecrClients(inputs),
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

  heap.afterLookup()
  const judged = await judgeImages(waited, {
    inputs,
    ecr,
    clock: deps.clock,
    comparing,
    blobSource: () => deps.blobSource(inputs),
    referrersClients: () => deps.referrersClients(inputs)
  })
  return reportRun(deps, { ...judged, inputs, waited, baselineLabel: comparing?.label })
}
