// The one pull-request comment each step keeps current. A hidden marker names the workflow, job
// and key it belongs to; a re-run finds the comment carrying its marker and edits it in place.
// Writing the comment is a courtesy: every way it can fail ends as a warning text, never as a
// failed job.

import { GitHubTimeoutError, type GitHubClient } from '../../net/github-client.js'
import { backoffDelay, systemClock, type Clock } from '../../clock.js'
import { redactProxyUrl } from '../../net/proxy.js'

export interface PullRequestRef {
  owner: string
  repo: string
  number: number
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined
}

/** The pull request of a pull_request / pull_request_target event; null for any other event. */
export function pullRequestFromEvent(eventName: string, payload: unknown): PullRequestRef | null {
  if (!PULL_REQUEST_EVENTS.has(eventName)) return null
  const number = field(field(payload, 'pull_request'), 'number')
  const repository = field(payload, 'repository')
  const owner = field(field(repository, 'owner'), 'login')
  const repo = field(repository, 'name')
  if (typeof number !== 'number' || typeof owner !== 'string' || typeof repo !== 'string') {
    return null
  }
  return { owner, repo, number }
}

/** The info line the caller logs when there is no pull request to comment on. */
export function noPullRequestMessage(eventName: string): string {
  return `not a pull request event (${eventName}): no comment`
}

export interface MarkerParts {
  workflow: string
  job: string
  /** The `comment-key` input; steps with different keys keep different comments. */
  key?: string
}

// Percent-encoding `>` makes `-->` (and `--!>`) impossible inside a value, so no name can end the
// HTML comment early; `;` and `=` are encoded so no value can imitate another field.
function escapeMarkerValue(value: string): string {
  return value.replace(
    /[%<>;=\r\n]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
}

/** `<!-- ecr-batch-get-image: workflow=…; job=…; key=… -->`, hidden when GitHub renders it. */
export function commentMarker(parts: MarkerParts): string {
  const fields = [
    `workflow=${escapeMarkerValue(parts.workflow)}`,
    `job=${escapeMarkerValue(parts.job)}`
  ]
  if (parts.key) fields.push(`key=${escapeMarkerValue(parts.key)}`)
  return `<!-- ecr-batch-get-image: ${fields.join('; ')} -->`
}

export interface CommentTarget extends PullRequestRef {
  marker: string
  body: string
}

export interface UpsertResult {
  action: 'created' | 'updated'
  id: number
  url: string
}

export interface RetryOptions {
  /** Attempts of the whole find-then-write, the first one included. Default 3. */
  attempts?: number
  /** First delay between attempts, doubled after each. Default 1000 ms. */
  baseDelayMs?: number
  /** Injected so tests do not wait for real. */
  clock?: Pick<Clock, 'sleep'>
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

// GitHub's own `message` when it answered; Octokit's error message adds the documentation URL.
function messageOf(error: unknown): string {
  const apiMessage = field(field(field(error, 'response'), 'data'), 'message')
  const text =
    typeof apiMessage === 'string'
      ? apiMessage
      : error instanceof Error
        ? error.message
        : String(error)
  return redactProxyUrl(text)
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
 * its mind.
 */
export function isRetryableGitHubError(error: unknown): boolean {
  if (proxyStatus(error) !== undefined) return false
  if (isTimeout(error)) return true
  const status = statusOf(error)
  return status !== undefined && status >= 500
}

async function withRetries<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 3)
  const clock = options.clock ?? systemClock
  const initialMs = options.baseDelayMs ?? 1000
  // Doubling, no jitter: one job's own retries, not many jobs polling one service.
  const backoff = { initialMs, factor: 2, capMs: initialMs * 2 ** attempts, jitter: 0 }
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      if (attempt >= attempts || !isRetryableGitHubError(error)) throw error
      await clock.sleep(backoffDelay(attempt - 1, backoff, Math.random))
    }
  }
}

async function findMarkedComment(octokit: GitHubClient, target: CommentTarget) {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100
  })
  // Stop at the first page that has it: a long thread need not be read to the end.
  for await (const page of pages) {
    const found = page.data.find((comment) => comment.body?.includes(target.marker))
    if (found) return found
  }
  return undefined
}

async function upsertOnce(octokit: GitHubClient, target: CommentTarget): Promise<UpsertResult> {
  const { owner, repo, body } = target
  const existing = await findMarkedComment(octokit, target)
  if (existing) {
    const { data } = await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: existing.id,
      body
    })
    return { action: 'updated', id: data.id, url: data.html_url }
  }
  const { data } = await octokit.rest.issues.createComment({
    owner,
    repo,
    issue_number: target.number,
    body
  })
  return { action: 'created', id: data.id, url: data.html_url }
}

/**
 * Edits the pull request's comment carrying `marker` (whoever wrote it: the marker is exact), or
 * creates one. `body` is posted as given when it carries the marker; otherwise the marker is put
 * in front, or the next run could not find the comment. On a 5xx or a timeout the whole
 * find-then-write is repeated, so a write that did land before the error is found, not doubled.
 */
export async function upsertComment(
  octokit: GitHubClient,
  target: CommentTarget,
  retry: RetryOptions = {}
): Promise<UpsertResult> {
  const body = target.body.includes(target.marker)
    ? target.body
    : `${target.marker}\n${target.body}`
  return withRetries(() => upsertOnce(octokit, { ...target, body }), retry)
}

const CANNOT_COMMENT = 'Could not write the pull request comment'

/** The warning to log when the comment could not be written, for every way that can happen. */
export function describeCommentError(error: unknown): string {
  const message = messageOf(error)
  const proxy = proxyStatus(error)
  if (proxy === 407) {
    return `${CANNOT_COMMENT}: the proxy wants credentials or refused them (407); give them in the proxy URL (http://user:password@host:port).`
  }
  if (proxy !== undefined) return `${CANNOT_COMMENT}: the proxy refused the connection (${proxy}).`
  const timeout = isTimeout(error)
  if (timeout) {
    return `${CANNOT_COMMENT}: GitHub API unavailable: no answer within ${timeout.timeoutMs / 1000} s, after retries.`
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
      return `${CANNOT_COMMENT}: ${status !== undefined ? `HTTP ${status}: ` : ''}${message}`
  }
}
