// How a GitHub call of the comment failed, and the one warning each way of failing becomes. Every
// text GitHub sent (its error message, a login) is neutralised and clipped before it is shown.

import { GitHubTimeoutError } from '../../net/github-client.js'
import { redactProxyUrl } from '../../net/proxy.js'
import { clip } from '../../text.js'
import { sanitizeForLog } from '../escape.js'

/** What the comment could not do for a reason of its own (not an HTTP failure); never retried. */
export class CommentError extends Error {
  override name = 'CommentError'
}

export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined
}

function statusOf(error: unknown): number | undefined {
  const status = field(error, 'status')
  return typeof status === 'number' ? status : undefined
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = []
  for (let e = error; e !== undefined && chain.length < 10; e = field(e, 'cause')) chain.push(e)
  return chain
}

function isTimeout(error: unknown): GitHubTimeoutError | undefined {
  return causes(error).find((e): e is GitHubTimeoutError => e instanceof GitHubTimeoutError)
}

/** The longest piece of GitHub's text a warning quotes. */
const MAX_QUOTED = 300

/** GitHub's text for a sentence of ours: one line, no workflow command, no proxy password. */
export function quoteGitHub(text: string, max = MAX_QUOTED): string {
  return sanitizeForLog(clip(redactProxyUrl(text), max))
}

// GitHub's own `message` when it answered; Octokit's error message adds the documentation URL.
function messageOf(error: unknown): string {
  const apiMessage = field(field(field(error, 'response'), 'data'), 'message')
  const text =
    typeof apiMessage === 'string'
      ? apiMessage
      : error instanceof Error
        ? error.message
        : String(error)
  return quoteGitHub(text)
}

// undici reports a proxy that refused a CONNECT as "Proxy response (407) !== 200 …", and a 407
// to an absolute-form request as "Proxy Authentication Required (407)"; Octokit wraps both.
const PROXY_REFUSAL = /Proxy (?:response|Authentication Required) \((\d{3})\)/

function proxyStatus(error: unknown): number | undefined {
  for (const e of causes(error)) {
    const match = PROXY_REFUSAL.exec(messageOf(e))
    if (match) return Number(match[1])
  }
  return undefined
}

/**
 * Whether trying again may help: the API answered 5xx, did not answer in time, or the connection
 * failed (Octokit reports that as status 500 without a response). A refusing proxy will not change
 * its mind, and neither will a comment list or an identity that cannot be read.
 */
export function isRetryableGitHubError(error: unknown): boolean {
  if (error instanceof CommentError) return false
  if (proxyStatus(error) !== undefined) return false
  if (isTimeout(error)) return true
  const status = statusOf(error)
  return status !== undefined && status >= 500
}

const CANNOT_COMMENT = 'Could not write the pull request comment'

/** `HTTP 403: Resource not accessible by integration`: a failure said in a few words. */
export function briefFailure(error: unknown): string {
  if (error instanceof CommentError) return error.message
  const status = statusOf(error)
  return `${status !== undefined ? `HTTP ${status}: ` : ''}${messageOf(error)}`
}

/** The warning to log when the comment could not be written, for every way that can happen. */
export function describeCommentError(error: unknown): string {
  if (error instanceof CommentError) return `${CANNOT_COMMENT}: ${error.message}`
  const message = messageOf(error)
  const proxy = proxyStatus(error)
  if (proxy === 407) {
    return `${CANNOT_COMMENT}: the proxy wants credentials or refused them (407); give them in the proxy URL (http://user:password@host:port).`
  }
  if (proxy !== undefined) return `${CANNOT_COMMENT}: the proxy refused the connection (${proxy}).`
  const timeout = isTimeout(error)
  if (timeout) {
    return `${CANNOT_COMMENT}: GitHub API unavailable: ${quoteGitHub(timeout.message, 400)}.`
  }
  const status = statusOf(error)
  switch (true) {
    case status === 401:
      return `${CANNOT_COMMENT}: GitHub rejected the token (401 ${message}); check the github-token input.`
    case status === 403 && /rate limit/i.test(message):
      return `${CANNOT_COMMENT}: GitHub API rate limit exceeded (403 ${message}).`
    case status === 403:
      return `${CANNOT_COMMENT}: the token may not comment (403 ${message}). The job needs \`permissions: pull-requests: write\` (on pull_request from a fork the token is read-only: use pull_request_target or skip the comment).`
    case status === 404:
      return `${CANNOT_COMMENT}: pull request or repository not found, or the token cannot see it (404 ${message}).`
    case status !== undefined && status >= 500:
      return `${CANNOT_COMMENT}: GitHub API unavailable (${field(error, 'response') ? `HTTP ${status}: ` : ''}${message}), after retries.`
    default:
      return `${CANNOT_COMMENT}: ${briefFailure(error)}`
  }
}
