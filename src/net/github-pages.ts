// A GitHub list read page by page where its `Link: rel="next"` header points, bounded: at most
// `maxPages` pages, each next page on the API's own origin and route (so the token goes nowhere
// else) and never one already read. GitHub's answer is not trusted to end.

import type { GitHubClient } from './github-client.js'

/** The URL `rel="next"` points at, as Octokit's own pagination reads it. */
export function nextLink(link: unknown): string | undefined {
  if (typeof link !== 'string') return undefined
  return /<([^<>]+)>;\s*rel="next"/.exec(link)?.[1]
}

/** Why a list was not read to its end. */
export class PagingError extends Error {
  override name = 'PagingError'
}

export interface PagingOptions {
  maxPages: number
  /** What the list is, for messages: `the attestations of sha256:…`. */
  what: string
}

/** Each page's `data`, from the first to the last, or a PagingError past the bounds. */
export async function* githubPages(
  octokit: GitHubClient,
  route: string,
  parameters: Record<string, string | number>,
  options: PagingOptions
): AsyncGenerator<unknown> {
  const first = new URL(octokit.request.endpoint(route, parameters).url)
  const seen = new Set<string>([first.href])
  let response: { data: unknown; headers: { link?: string } } = await octokit.request(
    route,
    parameters
  )
  for (let page = 1; ; page++) {
    yield response.data
    const next = nextLink(response.headers.link)
    if (next === undefined) return
    if (page >= options.maxPages)
      throw new PagingError(`${options.what} go on past ${options.maxPages} pages`)
    let url: URL
    try {
      url = new URL(next, first)
    } catch {
      throw new PagingError(`GitHub sent a next page of ${options.what} that is not a URL`)
    }
    if (url.origin !== first.origin || url.pathname !== first.pathname)
      throw new PagingError(
        `GitHub sent a next page of ${options.what} at another address; it was not followed`
      )
    if (seen.has(url.href))
      throw new PagingError(`GitHub sent a next page of ${options.what} that was already read`)
    seen.add(url.href)
    response = await octokit.request({ method: 'GET', url: url.href })
  }
}
