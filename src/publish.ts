// Where people look: the job summary and the sticky pull-request comment. Neither can change the
// job's result or its outputs: a report that cannot be written is a warning.

import type { Inputs } from './inputs.js'
import type { ActionCore } from './main.js'
import { COMMENT_LIMIT, SUMMARY_LIMIT, renderMarkdown } from './report.js'
import type { Report, ReportRow } from './report.js'

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
        core.warning(`Could not write the job summary: ${messageOf(error)}`)
      }
    }
  }
  if (inputs.comment) await postComment(context, report)
}

async function postComment(context: PublishContext, report: Report): Promise<void> {
  const { core, env, inputs } = context
  // Loaded only when a comment is asked for: Octokit and its HTTP stack cost start-up time.
  const comments = await import('./comment.js')
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const pullRequest = comments.pullRequestFromEvent(eventName, readEvent(context))
  if (!pullRequest) {
    core.info(comments.noPullRequestMessage(eventName || 'unknown'))
    return
  }
  const marker = comments.commentMarker({
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    ...(inputs.commentKey ? { key: inputs.commentKey } : {})
  })
  const body = `${marker}\n${renderMarkdown(report, { limit: COMMENT_LIMIT - marker.length - 1 })}`
  try {
    const { createGitHubClient } = await import('./github-client.js')
    const octokit = createGitHubClient({
      token: inputs.githubToken,
      env,
      ...(inputs.httpProxy ? { httpProxy: inputs.httpProxy } : {})
    })
    const result = await comments.upsertComment(octokit, { ...pullRequest, marker, body })
    core.info(`Pull request comment ${result.action}: ${result.url}`)
  } catch (error) {
    core.warning(comments.describeCommentError(error))
  }
}

function readEvent(context: PublishContext): unknown {
  const path = context.env.GITHUB_EVENT_PATH
  if (!path) return undefined
  try {
    return JSON.parse(context.readFile(path))
  } catch (error) {
    context.core.warning(`Could not read the event payload ${path}: ${messageOf(error)}`)
    return undefined
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
