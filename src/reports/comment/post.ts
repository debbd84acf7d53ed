// The sticky pull-request comment. publish.ts imports this module only when `comment: true`, so
// Octokit and its HTTP stack are loaded only then, as one chunk.

import {
  commentMarker,
  foreignCommentsWarning,
  noPullRequestMessage,
  pullRequestFromEvent,
  upsertComment
} from './upsert.js'
import { describeCommentError } from './errors.js'
import { createGitHubClient } from '../../net/github-client.js'
import { errorMessage } from '../../errors.js'
import type { Inputs } from '../../inputs/read-inputs.js'
import type { Clock } from '../../clock.js'
import type { ActionCore } from '../../runtime.js'
import type { Env } from '../../types.js'
import { sanitizeForLog } from '../escape.js'
import { COMMENT_LIMIT, renderMarkdown } from '../render.js'
import type { Report } from '../render.js'

/** Attempts of the comment's find-then-write, at most: fewer when `max-attempts` says so. */
const MAX_COMMENT_ATTEMPTS = 3

/** What posting needs of the run (publish.ts passes its own context, which has all of it). */
export interface CommentContext {
  core: ActionCore
  env: Env
  readFile(path: string): string
  /** What the retries wait on: the run's clock. */
  clock: Pick<Clock, 'sleep'>
  inputs: Pick<
    Inputs,
    'commentKey' | 'githubToken' | 'httpProxy' | 'maxAttempts' | 'requestTimeoutMs'
  >
}

const DEFAULT_SERVER_URL = 'https://github.com'

/** Printable ASCII without spaces: all a link GitHub gives is made of. */
const URL_CHARACTERS = /^[\x21-\x7e]+$/

/**
 * The comment's link as GitHub gave it (`html_url`), when it is an https URL on the GitHub
 * server's own host (GITHUB_SERVER_URL: github.com, or the Enterprise Server's host); anything
 * else is not shown.
 */
export function commentLink(url: unknown, serverUrl = DEFAULT_SERVER_URL): string | undefined {
  if (typeof url !== 'string' || !URL_CHARACTERS.test(url)) return undefined
  let parsed: URL
  let server: URL
  try {
    parsed = new URL(url)
    server = new URL(serverUrl)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'https:' || parsed.host !== server.host) return undefined
  if (parsed.username !== '' || parsed.password !== '') return undefined
  return parsed.href
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
      timeoutMs: inputs.requestTimeoutMs,
      ...(inputs.httpProxy ? { httpProxy: inputs.httpProxy } : {})
    })
    const result = await upsertComment(
      octokit,
      { ...pullRequest, marker, body },
      { attempts: Math.min(MAX_COMMENT_ATTEMPTS, inputs.maxAttempts), clock: context.clock }
    )
    const foreign = foreignCommentsWarning(result)
    if (foreign) core.warning(foreign)
    const server = env.GITHUB_SERVER_URL || DEFAULT_SERVER_URL
    const link = commentLink(result.url, server) ?? `(GitHub gave no https link on ${server})`
    core.info(`Pull request comment ${result.action}: ${sanitizeForLog(link)}`)
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
