// The one pull-request comment each step keeps current. A hidden marker names the workflow, job
// and key it belongs to; a re-run finds the comment carrying its marker, written by the token's
// own account, and edits it in place. Anyone can write a comment carrying the marker: one by
// another account is never edited. Writing the comment is a courtesy: every way it can fail ends
// as a warning text, never as a failed job.

import type { GitHubClient } from '../../net/github-client.js'
import { backoffDelay, systemClock, type Clock } from '../../clock.js'
import { commentPages, type ListedComment, type PullRequestRef } from './comment-list.js'
import { field, isRetryableGitHubError } from './errors.js'
import { checkLogin, isSameAccount, tokenIdentity, type TokenIdentity } from './identity.js'

export type { PullRequestRef }

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

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

/** A comment carrying the marker that another account wrote: left alone, and said. */
export interface ForeignComment {
  id: number
  /** Its author's login, when GitHub sent one that is a login. */
  login?: string
}

export interface UpsertResult {
  action: 'created' | 'updated'
  /** GitHub's `html_url` of the comment, unchecked: the caller shows it only once checked. */
  url: unknown
  /** Comments carrying the marker by other accounts (none edited); `author` is the token's own. */
  foreign: ForeignComment[]
  author?: TokenIdentity
}

export interface RetryOptions {
  /** Attempts of the whole find-then-write, the first one included. Default 3. */
  attempts?: number
  /** First delay between attempts, doubled after each. Default 1000 ms. */
  baseDelayMs?: number
  /** Injected so tests do not wait for real. */
  clock?: Pick<Clock, 'sleep'>
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

/** What the walk over the comments found: the token's own marked comment, and anyone else's. */
interface Found {
  mine?: ListedComment
  foreign: ForeignComment[]
  author?: TokenIdentity
}

/**
 * Walks the comments to the first one carrying the marker that the token's own account wrote.
 * Whose the token is gets asked only once a marked comment turns up: a first run asks nothing.
 */
async function findOwnComment(
  octokit: GitHubClient,
  target: CommentTarget,
  identity: () => Promise<TokenIdentity>
): Promise<Found> {
  const found: Found = { foreign: [] }
  for await (const page of commentPages(octokit, target)) {
    for (const comment of page) {
      if (!comment.body.includes(target.marker)) continue
      found.author = await identity()
      if (isSameAccount(comment.user, found.author)) return { ...found, mine: comment }
      const login = checkLogin(field(comment.user, 'login'))
      found.foreign.push({ id: comment.id, ...(login ? { login } : {}) })
    }
  }
  return found
}

async function upsertOnce(
  octokit: GitHubClient,
  target: CommentTarget,
  identity: () => Promise<TokenIdentity>
): Promise<UpsertResult> {
  const { owner, repo, body } = target
  const { mine, foreign, author } = await findOwnComment(octokit, target, identity)
  const said = { foreign, ...(author ? { author } : {}) }
  if (mine) {
    const { data } = await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: mine.id,
      body
    })
    return { action: 'updated', url: field(data, 'html_url'), ...said }
  }
  const { data } = await octokit.rest.issues.createComment({
    owner,
    repo,
    issue_number: target.number,
    body
  })
  return { action: 'created', url: field(data, 'html_url'), ...said }
}

/**
 * Edits the pull request's comment carrying `marker` that the token's own account wrote, or
 * creates one; a comment carrying the marker by anyone else is left as it is (and listed in the
 * result). `body` is posted as given when it carries the marker; otherwise the marker is put in
 * front, or the next run could not find the comment. On a 5xx or a timeout the whole
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
  // Asked once per run, however many attempts the find-then-write takes.
  let identity: Promise<TokenIdentity> | undefined
  const ask = () =>
    (identity ??= tokenIdentity(octokit).catch((error: unknown) => {
      identity = undefined
      throw error
    }))
  return withRetries(() => upsertOnce(octokit, { ...target, body }, ask), retry)
}

/** Foreign comments named in a warning, at most; the rest are counted. */
const FOREIGN_SHOWN = 5

/** The warning about comments carrying the marker that another account wrote; none when none. */
export function foreignCommentsWarning(result: UpsertResult): string | undefined {
  const { foreign, author } = result
  if (foreign.length === 0) return undefined
  const named = foreign
    .slice(0, FOREIGN_SHOWN)
    .map((comment) => `${comment.id} by ${comment.login ?? 'an unnamed account'}`)
  const more = foreign.length > FOREIGN_SHOWN ? ` and ${foreign.length - FOREIGN_SHOWN} more` : ''
  return (
    `${foreign.length} comment(s) on the pull request carry this step's marker but were written ` +
    `by another account than the token's own${author ? ` (${author.login})` : ''}: comment ` +
    `${named.join(', ')}${more}. Left as written; the action ${result.action} its own comment.`
  )
}
