// The sticky pull-request comment. publish.ts imports this module only when `comment: true`, so
// Octokit and its HTTP stack are loaded only then, as one chunk.

import {
  commentMarker,
  describeCommentError,
  noPullRequestMessage,
  pullRequestFromEvent,
  upsertComment
} from './upsert.js'
import { createGitHubClient } from '../../net/github-client.js'
import { errorMessage } from '../../errors.js'
import type { Inputs } from '../../inputs/read-inputs.js'
import type { ActionCore } from '../../runtime.js'
import type { Env } from '../../types.js'
import { COMMENT_LIMIT, renderMarkdown } from '../render.js'
import type { Report } from '../render.js'

/** What posting needs of the run (publish.ts passes its own context, which has all of it). */
export interface CommentContext {
  core: ActionCore
  env: Env
  readFile(path: string): string
  inputs: Pick<Inputs, 'commentKey' | 'githubToken' | 'httpProxy'>
}

export async function postComment(context: CommentContext, report: Report): Promise<void> {
  const { core, env, inputs } = context
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  const pullRequest = pullRequestFromEvent(eventName, readEvent(context))
  if (!pullRequest) {
    core.info(noPullRequestMessage(eventName || 'unknown'))
    return
  }
  const marker = commentMarker({
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    ...(inputs.commentKey ? { key: inputs.commentKey } : {})
  })
  const body = `${marker}\n${renderMarkdown(report, { limit: COMMENT_LIMIT - marker.length - 1 })}`
  try {
    const octokit = createGitHubClient({
      token: inputs.githubToken,
      env,
      ...(inputs.httpProxy ? { httpProxy: inputs.httpProxy } : {})
    })
    const result = await upsertComment(octokit, { ...pullRequest, marker, body })
    core.info(`Pull request comment ${result.action}: ${result.url}`)
  } catch (error) {
    core.warning(describeCommentError(error))
  }
}

function readEvent(context: CommentContext): unknown {
  const path = context.env.GITHUB_EVENT_PATH
  if (!path) return undefined
  try {
    return JSON.parse(context.readFile(path))
  } catch (error) {
    context.core.warning(`Could not read the event payload ${path}: ${errorMessage(error)}`)
    return undefined
  }
}
