// The local GitHub server's attestations API, as GitHub documents it: `GET /repos/{owner}/{repo}/
// attestations/{subject_digest}` lists `{ attestations: [{ bundle, repository_id, bundle_url }] }`,
// `per_page` at most 100, later pages behind an `after` cursor in `Link`, 404 when none, and the
// bundle behind `bundle_url` snappy-compressed, served without a token; through the real Octokit.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { uncompressSync } from 'snappy'
import { startGitHubServer, type GitHubServer } from '../../server/github-server.js'
import { createGitHubClient } from '../../src/net/github-client.js'

const TOKEN = 'ghs_attest'
const DIGEST = `sha256:${'a'.repeat(64)}`
const OTHER = `sha256:${'b'.repeat(64)}`
const bundle = (n: number) =>
  JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', n })
let server: GitHubServer

beforeAll(async () => {
  server = await startGitHubServer({
    token: TOKEN,
    attestations: [
      { repository: 'octo-org/octo-repo', digest: DIGEST, bundle: bundle(1), form: 'inline' },
      { repository: 'octo-org/octo-repo', digest: DIGEST, bundle: bundle(2), form: 'url' },
      { repository: 'octo-org/octo-repo', digest: DIGEST, bundle: bundle(3), form: 'inline' },
      { repository: 'someone/else', digest: OTHER, bundle: bundle(4), form: 'inline' }
    ]
  })
})
afterAll(() => server.close())

const octokit = () =>
  createGitHubClient({ token: TOKEN, apiUrl: server.url, env: {}, timeoutMs: 5000 })
const ROUTE = 'GET /repos/{owner}/{repo}/attestations/{subject_digest}'

describe('the attestations API', () => {
  it("lists a digest's attestations, inline or behind bundle_url, a page at a time", async () => {
    const first = await octokit().request(ROUTE, {
      owner: 'Octo-Org',
      repo: 'octo-repo',
      subject_digest: DIGEST,
      per_page: 2
    })
    expect(first.status).toBe(200)
    expect(first.data).toEqual({
      attestations: [
        {
          bundle: JSON.parse(bundle(1)),
          repository_id: 123456789,
          bundle_url: `${server.url}/attestation-bundles/0.json.sn`
        },
        {
          bundle: null,
          repository_id: 123456789,
          bundle_url: `${server.url}/attestation-bundles/1.json.sn`
        }
      ]
    })
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.link ?? '')?.[1]
    expect(new URL(next!).searchParams.get('after')).toBeTruthy()
    const second = await octokit().request({ method: 'GET', url: next! })
    expect((second.data as { attestations: unknown[] }).attestations).toHaveLength(1)
    expect(second.headers.link).toBeUndefined()
  })

  it('answers 404 when none is stored for the digest in that repository, 422 for a bad digest', async () => {
    for (const [repo, digest, status] of [
      ['octo-repo', OTHER, 404],
      ['octo-repo', 'sha256:abc', 422]
    ] as const) {
      await expect(
        octokit().request(ROUTE, { owner: 'octo-org', repo, subject_digest: digest })
      ).rejects.toMatchObject({ status })
    }
  })

  it('wants a token for the list, none for a bundle, which is snappy-compressed', async () => {
    const list = await fetch(`${server.url}/repos/octo-org/octo-repo/attestations/${DIGEST}`)
    expect(list.status).toBe(401)
    const response = await fetch(`${server.url}/attestation-bundles/1.json.sn`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/x-snappy')
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(bytes.toString('utf8')).not.toBe(bundle(2))
    expect(uncompressSync(bytes).toString()).toBe(bundle(2))
    expect((await fetch(`${server.url}/attestation-bundles/9.json.sn`)).status).toBe(404)
  })
})
