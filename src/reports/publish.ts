// Where people look: the job summary and the sticky pull-request comment. Neither can change the
// job's result or its outputs: a report that cannot be written is a warning.

import type { Inputs } from '../inputs/read-inputs.js'
import type { ActionCore } from '../main.js'
import { errorMessage } from '../ecr/call-errors.js'
import { SUMMARY_LIMIT, renderMarkdown } from './render.js'
import type { Report, ReportRow } from './render.js'

export interface PublishContext {
  core: ActionCore
  env: Record<string, string | undefined>
  readFile(path: string): string
  inputs: Inputs
  rows: ReportRow[]
  notes: string[]
}

const TITLE = 'ECR images'

/** The run's page, linked from a comment that had to leave images out. */
export function runUrl(env: Record<string, string | undefined>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env
  return server && repository && runId ? `${server}/${repository}/actions/runs/${runId}` : undefined
}

export async function publishReports(context: PublishContext): Promise<void> {
  const { core, env, inputs } = context
  const url = runUrl(env)
  const report: Report = {
    title: inputs.commentKey ? `${TITLE} (${inputs.commentKey})` : TITLE,
    rows: context.rows,
    notes: context.notes,
    ...(url ? { runUrl: url } : {})
  }
  if (inputs.summary) {
    if (!env.GITHUB_STEP_SUMMARY) {
      core.info('GITHUB_STEP_SUMMARY is not set: no job summary written.')
    } else {
      try {
        await core.appendSummary(renderMarkdown(report, { limit: SUMMARY_LIMIT }))
      } catch (error) {
        core.warning(`Could not write the job summary: ${errorMessage(error)}`)
      }
    }
  }
  if (inputs.comment) {
    // Loaded only when a comment is asked for: Octokit and its HTTP stack cost start-up time.
    const { postComment } = await import('./comment/post.js')
    await postComment(context, report)
  }
}
