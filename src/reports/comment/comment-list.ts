// The comments of a pull request, page by page, as GitHub lists them: 100 a page, the next page
// where the `Link: rel="next"` header points. The list is GitHub's answer, so it is bounded: at
// most MAX_COMMENT_PAGES pages, each next page on the API's own host and route and never one
// already read, and each entry read only for the fields the comment needs.

import type { GitHubClient } from '../../net/github-client.js'
import { CommentError, field } from './errors.js'

/** The pull request a comment is written on. */
export interface PullRequestRef {
  owner: string
  repo: string
  number: number
}

export const COMMENTS_PER_PAGE = 100
/** 5,000 comments: far past any pull request people read, and still a bounded walk. */
export const MAX_COMMENT_PAGES = 50

/** One comment of the list: its id, its text and its author, as GitHub sent them. */
export interface ListedComment {
  id: number
  body: string
  /** The author (`user`), still to be checked: a login and an id, or null for a deleted account. */
  user: unknown
}

const LIST_ROUTE = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments'

/** The URL `rel="next"` points at, as Octokit's own pagination reads it. */
function nextLink(link: unknown): string | undefined {
  if (typeof link !== 'string') return undefined
  return /<([^<>]+)>;\s*rel="next"/.exec(link)?.[1]
}

function listedComment(entry: unknown): ListedComment | undefined {
  const id = field(entry, 'id')
  const body = field(entry, 'body')
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return undefined
  if (typeof body !== 'string') return undefined
  return { id, body, user: field(entry, 'user') }
}

/** A next page the list may go on to: the same origin and path, a URL not read before. */
function checkNext(next: string, first: URL, seen: Set<string>): string {
  let url: URL
  try {
    url = new URL(next, first)
  } catch {
    throw new CommentError('GitHub sent a next page of the comment list that is not a URL')
  }
  if (url.origin !== first.origin || url.pathname !== first.pathname) {
    throw new CommentError(
      'GitHub sent a next page of the comment list at another address than the list; it was ' +
        'not followed, and the comment was not written'
    )
  }
  if (seen.has(url.href)) {
    throw new CommentError(
      'GitHub sent a next page of the comment list that was already read; the comment was not ' +
        'written, so as not to add a second one'
    )
  }
  return url.href
}

/**
 * The pull request's comments, one page at a time. Past MAX_COMMENT_PAGES pages, or on a page
 * that is not a list, it throws a CommentError: a list not read to its end could hide the
 * action's own comment, and writing a new one on every run would be worse than none.
 */
export async function* commentPages(
  octokit: GitHubClient,
  pullRequest: PullRequestRef
): AsyncGenerator<ListedComment[]> {
  const parameters = {
    owner: pullRequest.owner,
    repo: pullRequest.repo,
    issue_number: pullRequest.number,
    per_page: COMMENTS_PER_PAGE
  }
  const first = new URL(octokit.request.endpoint(LIST_ROUTE, parameters).url)
  const seen = new Set<string>([first.href])
  let response: { data: unknown; headers: { link?: string } } = await octokit.request(
    LIST_ROUTE,
    parameters
  )
  for (let page = 1; ; page++) {
    const { data } = response
    if (!Array.isArray(data)) {
      throw new CommentError(`page ${page} of the pull request's comments is not a list`)
    }
    yield data.map(listedComment).filter((comment) => comment !== undefined)
    const next = nextLink(response.headers.link)
    if (next === undefined) return
    if (page >= MAX_COMMENT_PAGES) {
      throw new CommentError(
        `the pull request's comment list goes on past ${MAX_COMMENT_PAGES} pages ` +
          `(${(MAX_COMMENT_PAGES * COMMENTS_PER_PAGE).toLocaleString('en-US')} comments) and was not read ` +
          'further; the comment was not written, so as not to add a second one'
      )
    }
    const url = checkNext(next, first, seen)
    seen.add(url)
    response = await octokit.request({ method: 'GET', url })
  }
}
