// Where people look: the job summary and the sticky pull-request comment. Neither can change the
// job's result or its outputs: a report that cannot be written is a warning.

import { Buffer } from 'node:buffer'
import type { Inputs } from '../inputs/read-inputs.js'
import type { Clock } from '../clock.js'
import type { ActionCore } from '../runtime.js'
import type { Env } from '../types.js'
import { errorMessage } from '../errors.js'
import { SUMMARY_LIMIT, renderMarkdown } from './render.js'
import type { Report, ReportRow } from './render.js'

export interface PublishContext {
  core: ActionCore
  env: Env
  readFile(path: string): string
  /** What the comment's retries wait on. */
  clock: Pick<Clock, 'sleep'>
  inputs: Inputs
  rows: ReportRow[]
  notes: string[]
  changes?: Report['changes']
  /** More of the job summary, after the images (their size comes off the images' budget). */
  sections?: string[]
}

/** The line a report shows about waiting, when a wait timeout was set. */
export function waitNotes(inputs: Inputs, waitedMs: number, cancelled: boolean): string[] {
  if (inputs.waitTimeoutMs === 0) return []
  const seconds = (waitedMs / 1000).toFixed(1)
  return [cancelled ? `Cancelled after waiting ${seconds}s.` : `Waited ${seconds}s for images.`]
}

const TITLE = 'ECR images'

/** The run's page, linked from a comment that had to leave images out. */
export function runUrl(env: Env): string | undefined {
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
    ...(context.changes ? { changes: context.changes } : {}),
    ...(url ? { runUrl: url } : {})
  }
  if (inputs.summary) {
    if (!env.GITHUB_STEP_SUMMARY) {
      core.info('GITHUB_STEP_SUMMARY is not set: no job summary written.')
    } else {
      try {
        const more = (context.sections ?? []).join('')
        const limit = SUMMARY_LIMIT - Buffer.byteLength(more)
        await core.appendSummary(renderMarkdown(report, { limit }) + more)
      } catch (error) {
        core.warning(`Could not write the job summary: ${errorMessage(error)}`)
      }
    }
  }
  if (inputs.comment) {
    // @actions/github reads GITHUB_EVENT_PATH whole, with no cap, as it loads: the payload is
    // read here first, capped and as a regular file only, and the comment skipped if it cannot be.
    const eventPath = env.GITHUB_EVENT_PATH
    if (eventPath) {
      try {
        context.readFile(eventPath)
      } catch (error) {
        core.warning(`Could not read the event payload ${eventPath}: ${errorMessage(error)}`)
        return
      }
    }
    // Loaded only when a comment is asked for: Octokit and its HTTP stack cost start-up time.
    // In the bundle, @actions/http-client (undici under it) is a chunk the comment loads first
    // (src/net/deferred-http-client.cjs); run from source it is the package itself, already whole.
    const httpClient: { loadHttpClient?: () => Promise<void> } =
      await import('@actions/http-client')
    await httpClient.loadHttpClient?.()
    const { postComment } = await import('./comment/post.js')
    await postComment(context, report)
  }
}
