// The reports stage as the pipeline runs it: annotations, the log table, the step outputs (each
// optional feature adding its own), pinned files, the job summary and the PR comment. A
// feature's report modules load only when its input is set.

import type { Found } from '../ecr/lookup.js'
import type { Replacement, StagedFiles } from '../files/replace-files.js'
import type { Judged } from '../insight/judge-images.js'
import type { Inputs } from '../inputs/read-inputs.js'
import type { Dependencies } from '../runtime.js'
import { countedAnnotations, type CountedAnnotation } from '../insight/verdict.js'
import { annotate, collectingAnnotations, failureSummary } from './job-result.js'
import { renderLogTable } from './log-table.js'
import { buildOutputs } from './outputs.js'
import { publishReports, waitNotes } from './publish.js'
import { outputsWithinLimits } from './results-file.js'
import { reportRows } from './rows.js'
import { writeOutputs } from './write-outputs.js'

export interface RunReport extends Judged {
  inputs: Inputs
  waited: Found
  /** compare-to's tag or digest, as the Changes section names it. */
  baselineLabel?: string | undefined
}

/** Reports the run; resolves to why the job fails, if it does. */
export async function reportRun(deps: Dependencies, run: RunReport): Promise<string | undefined> {
  const { core, env } = deps
  const { inputs, waited, verdicts } = run
  let rows = reportRows(verdicts, inputs.platform)
  const outputs = buildOutputs(verdicts, inputs.platform)
  if (inputs.referrers) {
    const { withSupplyChain, referrersOutputs } = await import('./referrers.js')
    rows = withSupplyChain(rows, verdicts)
    Object.assign(outputs, referrersOutputs(verdicts))
  }
  if (inputs.waitTimeoutMs > 0) outputs['waited-seconds'] = (waited.waitedMs / 1000).toFixed(1)
  const changeReport =
    run.changes && run.baselineLabel !== undefined
      ? (await import('./changes.js')).changeReport(verdicts, run.changes, run.baselineLabel)
      : undefined
  if (changeReport) Object.assign(outputs, changeReport.outputs)
  if (run.configsRead) {
    const { addConfigFacts, labelsOutput } = await import('./config-facts.js')
    addConfigFacts(rows, verdicts, deps.clock.now())
    outputs.labels = labelsOutput(verdicts)
  }
  core.info(renderLogTable(rows))

  const jobFails = failureSummary(verdicts)
  // A cancelled run writes no file: what it found so far is not what the files should say.
  const pinned =
    inputs.pins && !waited.cancelled
      ? (await import('./pin-apply.js')).applyPins({
          ...deps,
          pins: inputs.pins,
          verdicts,
          platform: inputs.platform !== undefined,
          jobFails: jobFails !== undefined
        })
      : undefined
  // Every new text on disk beside its file before anything is said about it (all or nothing).
  const staged = pinned?.writes.length
    ? await stage(env.GITHUB_WORKSPACE, pinned.writes)
    : undefined
  try {
    // One budget of annotations for the step: the ids', the files' and the outputs' size
    // warnings, one error kept for setFailed's when the job fails.
    const annotations: CountedAnnotation[] = [
      ...countedAnnotations(verdicts),
      ...(pinned?.annotations ?? [])
    ]
    const within = outputsWithinLimits(
      { ...outputs, ...pinned?.outputs },
      { ...deps, core: collectingAnnotations(core, annotations) }
    )
    const fails = jobFails !== undefined || pinned?.failure !== undefined || waited.cancelled
    annotate(core, annotations, fails ? { error: 1 } : {})
    writeOutputs(core, within)
    // Only once the outputs are written are the files replaced: a step that cannot write its
    // outputs leaves every file as it was. A file edited since it was read stops every rename.
    staged?.commit()
  } finally {
    staged?.discard()
  }
  await publishReports({
    ...{ core, env, readFile: deps.readFile, clock: deps.clock, inputs, rows },
    notes: waitNotes(inputs, waited.waitedMs, waited.cancelled),
    sections: pinned?.summary ? [pinned.summary] : [],
    ...(changeReport ? { changes: changeReport.section } : {})
  })
  if (waited.cancelled)
    throw new Error('Cancelled while waiting for images; outputs show what was found so far.')
  return jobFails ?? pinned?.failure
}

/** The new texts beside their files; the module loads only when there is a file to write. */
async function stage(workspace: string | undefined, writes: Replacement[]): Promise<StagedFiles> {
  if (!workspace) throw new Error('pin-files: GITHUB_WORKSPACE is not set; no file was written.')
  const { stageReplacements } = await import('../files/replace-files.js')
  return stageReplacements(workspace, writes)
}
