// Attestations from GitHub's attestations API: `GET /repos/{owner}/{repo}/attestations/{digest}`
// lists those a repository's workflows stored for a subject digest, 100 a page behind `Link`
// cursors (read at most MAX_ATTESTATION_PAGES pages); 404 when there are none (or the token
// cannot read the repository). Each entry holds its Sigstore bundle inline (`bundle`) or behind
// `bundle_url`: since July 2026 GitHub lists `bundle: null` and serves the bundle from blob
// storage, snappy-compressed, at a presigned URL. Both forms are read. A `bundle_url` is refused
// before any request unless it is https on GitHub's storage hosts or on the API's own origin, and
// it is fetched without the token (a presigned URL needs none; the token goes to the API alone).

import { errorMessage } from '../../errors.js'
import type { GitHubClient } from '../../net/github-client.js'
import { githubPages } from '../../net/github-pages.js'

export const ATTESTATIONS_ROUTE = 'GET /repos/{owner}/{repo}/attestations/{subject_digest}'
export const ATTESTATIONS_PER_PAGE = 100
/** 300 attestations of one digest: far past what one build writes. */
export const MAX_ATTESTATION_PAGES = 3
/** A Sigstore bundle is kilobytes; neither its compressed nor its plain form may pass this. */
export const MAX_BUNDLE_BYTES = 1024 * 1024
/**
 * Where GitHub keeps attestation bundles: Azure Blob Storage (`*.blob.core.windows.net`, as
 * `bundle_url`s have been seen to point), and GitHub's own content hosts.
 */
const STORAGE_HOSTS = [/\.blob\.core\.windows\.net$/, /\.githubusercontent\.com$/]
const IP_LITERAL = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[.*\])$/

/** One listed attestation: its bundle as GitHub inlined it, where to fetch it, or why neither. */
export type ListedAttestation = { number: number } & (
  { bundle: unknown } | { bundleUrl: URL } | { problem: string }
)

export type AttestationListing = { attestations: ListedAttestation[] } | { error: string }

/** The token is never sent with it; what may a `bundle_url` be? The URL, or why not. */
export function checkBundleUrl(raw: unknown, apiUrl: string): URL | string {
  if (typeof raw !== 'string' || raw.length > 8192) return 'its bundle_url is not a URL'
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'its bundle_url is not a URL'
  }
  const api = new URL(apiUrl)
  // Only the host is ever shown: a presigned URL's query is a credential.
  if (url.username !== '' || url.password !== '')
    return `its bundle_url on ${url.host} carries credentials; it was not fetched`
  if (url.origin === api.origin) return url
  if (url.protocol !== 'https:')
    return `its bundle_url on ${url.host} is not https; it was not fetched`
  if (
    url.port !== '' ||
    IP_LITERAL.test(url.hostname) ||
    !STORAGE_HOSTS.some((host) => host.test(url.hostname))
  )
    return `its bundle_url is on ${url.host}, neither GitHub's attestation storage nor the API's host; it was not fetched`
  return url
}

function listed(entry: unknown, number: number, apiUrl: string): ListedAttestation {
  const { bundle, bundle_url: bundleUrl } = (entry ?? {}) as Record<string, unknown>
  if (typeof bundle === 'object' && bundle !== null && !Array.isArray(bundle))
    return { number, bundle }
  if (bundleUrl === undefined || bundleUrl === null)
    return { number, problem: 'it has neither a bundle nor a bundle_url' }
  const url = checkBundleUrl(bundleUrl, apiUrl)
  return typeof url === 'string' ? { number, problem: url } : { number, bundleUrl: url }
}

/**
 * Every attestation GitHub lists for `digest` in `repository` (owner/name), numbered from 1 in
 * the order listed; none on 404. Past MAX_ATTESTATION_PAGES pages, or on an answer that is not
 * GitHub's shape, an error: a list not read to its end could hide the one that verifies.
 */
export async function listAttestations(
  octokit: GitHubClient,
  repository: string,
  digest: string
): Promise<AttestationListing> {
  const [owner, repo] = repository.split('/') as [string, string]
  const apiUrl = octokit.request.endpoint.DEFAULTS.baseUrl
  const attestations: ListedAttestation[] = []
  const what = `the attestations of ${digest} in ${repository}`
  try {
    for await (const data of githubPages(
      octokit,
      ATTESTATIONS_ROUTE,
      { owner, repo, subject_digest: digest, per_page: ATTESTATIONS_PER_PAGE },
      { maxPages: MAX_ATTESTATION_PAGES, what }
    )) {
      const entries = (data as { attestations?: unknown } | null)?.attestations
      if (!Array.isArray(entries))
        return { error: `GitHub's answer for ${what} has no attestations list` }
      for (const entry of entries.slice(0, ATTESTATIONS_PER_PAGE))
        attestations.push(listed(entry, attestations.length + 1, apiUrl))
    }
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return { attestations: [] }
    const status = (error as { status?: unknown }).status
    return {
      error: `${ATTESTATIONS_ROUTE.replace('{owner}/{repo}', repository).replace('{subject_digest}', digest)} failed${typeof status === 'number' ? ` (HTTP ${status})` : ''}: ${errorMessage(error).slice(0, 300)}`
    }
  }
  return { attestations }
}

/**
 * A bundle fetched from its `bundle_url` by `download` (one GET, no token, no redirects, capped),
 * as JSON: plain, or snappy-compressed as GitHub's storage serves it. snappyjs loads only here.
 */
export async function fetchBundle(
  url: URL,
  download: (url: URL) => Promise<Buffer>
): Promise<{ json: unknown } | { problem: string }> {
  let bytes: Buffer
  try {
    bytes = await download(url)
  } catch (error) {
    return { problem: `its bundle could not be fetched from ${url.host} (${errorMessage(error)})` }
  }
  if (bytes.length > MAX_BUNDLE_BYTES)
    return { problem: `its bundle from ${url.host} is larger than ${MAX_BUNDLE_BYTES} bytes` }
  let text: string
  if (bytes.toString('latin1', 0, 64).trimStart().startsWith('{')) text = bytes.toString('utf8')
  else {
    try {
      const { uncompress } = await import('snappyjs')
      text = Buffer.from(uncompress(new Uint8Array(bytes), MAX_BUNDLE_BYTES)).toString('utf8')
    } catch (error) {
      return {
        problem: `its bundle from ${url.host} is neither JSON nor snappy-compressed JSON (${errorMessage(error).slice(0, 200)})`
      }
    }
  }
  try {
    return { json: JSON.parse(text) as unknown }
  } catch {
    return { problem: `its bundle from ${url.host} is not JSON` }
  }
}
