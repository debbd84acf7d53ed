// The pull-request comment against the local GitHub-API server, through the real Octokit of
// @actions/github. Retry delays and request timeouts are injected: nothing here sleeps for real.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import {
  commentMarker,
  describeCommentError,
  noPullRequestMessage,
  pullRequestFromEvent,
  upsertComment,
  type CommentTarget
} from '../../src/reports/comment/upsert.js'
import { createGitHubClient, type GitHubClient } from '../../src/net/github-client.js'
import { startGitHubServer, type GitHubServer } from '../../server/github-server.js'

const TOKEN = 'ghs_test'
const PR = { owner: 'acme', repo: 'app', number: 42 }

let server: GitHubServer
let octokit: GitHubClient
let sleeps: number[]
const sleep = async (ms: number) => {
  sleeps.push(ms)
}

beforeEach(async () => {
  server = await startGitHubServer({ token: TOKEN })
  octokit = createGitHubClient({ token: TOKEN, env: { GITHUB_API_URL: server.url } })
  sleeps = []
})

afterEach(async () => {
  await server.close()
})

function target(body: string, key?: string): CommentTarget {
  const marker = commentMarker({ workflow: 'CI', job: 'images', ...(key ? { key } : {}) })
  return { ...PR, marker, body: `${marker}\n${body}` }
}

const issueComments = () => server.comments.filter((c) => c.issueNumber === PR.number)

describe('pullRequestFromEvent', () => {
  const payload = {
    pull_request: { number: 42 },
    repository: { name: 'app', owner: { login: 'acme' } }
  }

  it('reads the pull request of pull_request and pull_request_target events', () => {
    expect(pullRequestFromEvent('pull_request', payload)).toEqual(PR)
    expect(pullRequestFromEvent('pull_request_target', payload)).toEqual(PR)
  })

  it('returns null for other events and for payloads without a pull request', () => {
    expect(pullRequestFromEvent('push', payload)).toBeNull()
    expect(pullRequestFromEvent('pull_request', { repository: payload.repository })).toBeNull()
    expect(pullRequestFromEvent('pull_request', undefined)).toBeNull()
    expect(noPullRequestMessage('push')).toBe('not a pull request event (push): no comment')
  })
})

describe('commentMarker', () => {
  it('names the workflow, job and key in a hidden HTML comment', () => {
    expect(commentMarker({ workflow: 'CI', job: 'build', key: 'api' })).toBe(
      '<!-- ecr-batch-get-image: workflow=CI; job=build; key=api -->'
    )
    expect(commentMarker({ workflow: 'CI', job: 'build' })).toBe(
      '<!-- ecr-batch-get-image: workflow=CI; job=build -->'
    )
  })

  it('escapes values so a name cannot end the comment or fake another field', () => {
    const marker = commentMarker({ workflow: 'a --> b', job: 'x; key=y', key: 'k\n<!--' })
    expect(marker.indexOf('-->')).toBe(marker.length - 3)
    expect(marker).toBe(
      '<!-- ecr-batch-get-image: workflow=a --%3E b; job=x%3B key%3Dy; key=k%0A%3C!-- -->'
    )
  })

  it('gives markers that do not contain one another', () => {
    const plain = commentMarker({ workflow: 'CI', job: 'build' })
    const keyed = commentMarker({ workflow: 'CI', job: 'build', key: 'api' })
    const longer = commentMarker({ workflow: 'CI', job: 'build', key: 'api2' })
    expect(keyed.includes(plain) || plain.includes(keyed)).toBe(false)
    expect(longer.includes(keyed) || keyed.includes(longer)).toBe(false)
  })
})

describe('upsertComment', () => {
  it('creates the comment, then updates it in place on the next run', async () => {
    const first = await upsertComment(octokit, target('run 1'), { clock: { sleep } })
    expect(first.action).toBe('created')
    expect(first.url).toBe(`https://github.com/acme/app/pull/42#issuecomment-${first.id}`)
    const second = await upsertComment(octokit, target('run 2'), { clock: { sleep } })
    expect(second).toEqual({ ...first, action: 'updated' })
    expect(issueComments().map((c) => c.body)).toEqual([target('run 2').body])
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'PATCH'])
    expect(server.requests[0]?.headers.authorization).toBe(`token ${TOKEN}`)
  })

  it('posts the body exactly as given when it carries the marker', async () => {
    const given = target('| image | digest |\n| --- | --- |')
    await upsertComment(octokit, given, { clock: { sleep } })
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({ body: given.body })
  })

  it('puts the marker in front of a body that lacks it', async () => {
    const { marker } = target('')
    await upsertComment(octokit, { ...PR, marker, body: 'no marker' }, { clock: { sleep } })
    expect(issueComments()[0]?.body).toBe(`${marker}\nno marker`)
  })

  it('keeps one comment per key', async () => {
    await upsertComment(octokit, target('api v1', 'api'), { clock: { sleep } })
    await upsertComment(octokit, target('worker v1', 'worker'), { clock: { sleep } })
    await upsertComment(octokit, target('api v2', 'api'), { clock: { sleep } })
    expect(issueComments().map((c) => c.body)).toEqual([
      target('api v2', 'api').body,
      target('worker v1', 'worker').body
    ])
  })

  it('finds its comment on the second page of a long thread, by any author', async () => {
    const mine = target('old')
    for (let i = 0; i < 150; i++) {
      const body = i === 120 ? mine.body : `chatter ${i}`
      server.addComment({
        ...PR,
        issueNumber: PR.number,
        body,
        login: i === 120 ? 'someone-else' : `user${i}`
      })
    }
    const result = await upsertComment(octokit, target('new'), { clock: { sleep } })
    expect(result.action).toBe('updated')
    expect(server.comments[120]?.body).toBe(target('new').body)
    expect(server.requests.map((r) => `${r.method} ${r.query.page ?? ''}`)).toEqual([
      'GET ',
      'GET 2',
      'PATCH '
    ])
    expect(server.requests[0]?.query.per_page).toBe('100')
  })

  it('retries 5xx answers with backoff and then succeeds without doubling the comment', async () => {
    server.faults.next(2, { status: 502 })
    const result = await upsertComment(octokit, target('body'), { clock: { sleep } })
    expect(result.action).toBe('created')
    expect(sleeps).toEqual([1000, 2000])
    expect(issueComments()).toHaveLength(1)
  })

  it('finds a comment whose creation answered 502 instead of creating a second one', async () => {
    // GitHub saved the comment but answered 502: the retry must re-read the thread and update.
    server.faults.next(1, { status: 502, afterApplying: true }, 'POST')
    const result = await upsertComment(octokit, target('body'), { clock: { sleep } })
    expect(result.action).toBe('updated')
    expect(issueComments()).toHaveLength(1)
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'PATCH'])
  })
})

describe('describeCommentError', () => {
  async function failure(fault: Parameters<GitHubServer['faults']['next']>[1]): Promise<unknown> {
    server.faults.next('all', fault)
    return upsertComment(octokit, target('x'), { clock: { sleep } }).then(
      () => new Error('expected a failure'),
      (error: unknown) => error
    )
  }

  it('explains a 403 with the permission the job needs, without retrying', async () => {
    const text = describeCommentError(await failure({ status: 403 }))
    expect(text).toContain('needs `permissions: pull-requests: write`')
    expect(text).toContain('use pull_request_target or skip the comment')
    expect(text).toContain('Resource not accessible by integration')
    expect(server.requests).toHaveLength(1)
  })

  it('explains a 404 as a pull request the token cannot see', async () => {
    const text = describeCommentError(await failure({ status: 404 }))
    expect(text).toMatch(/pull request or repository not found, or the token cannot see it \(404/)
    expect(server.requests).toHaveLength(1)
  })

  it('reports a persistent 500 as GitHub API unavailable after the retries', async () => {
    const text = describeCommentError(await failure({ status: 500 }))
    expect(text).toContain('GitHub API unavailable (HTTP 500: Server Error)')
    expect(server.requests).toHaveLength(3)
    expect(sleeps).toEqual([1000, 2000])
  })

  it('gives up on a hung API after the request timeout and reports it', async () => {
    // The timeout signal fires as soon as the server holds the request: no real 10 s wait.
    const timeoutSignal = () => {
      const controller = new AbortController()
      const before = server.requests.length
      void server
        .waitForRequest((r) => server.requests.indexOf(r) >= before)
        .then(() => controller.abort(new DOMException('timed out', 'TimeoutError')))
      return controller.signal
    }
    octokit = createGitHubClient({
      token: TOKEN,
      env: { GITHUB_API_URL: server.url },
      timeoutSignal
    })
    const text = describeCommentError(await failure({ hang: true }))
    expect(text).toBe(
      'Could not write the pull request comment: GitHub API unavailable: no answer within 10 s, after retries.'
    )
    expect(server.requests).toHaveLength(3)
  })

  it('explains a rejected token', async () => {
    octokit = createGitHubClient({ token: 'wrong', env: { GITHUB_API_URL: server.url } })
    const error = await upsertComment(octokit, target('x'), { clock: { sleep } }).catch(
      (e: unknown) => e
    )
    expect(describeCommentError(error)).toMatch(/GitHub rejected the token \(401 Bad credentials\)/)
  })

  it('never shows proxy credentials found in an error message', () => {
    const text = describeCommentError(new Error('connect to http://me:s3cret@proxy:3128 failed'))
    expect(text).toContain('http://***@proxy:3128')
    expect(text).not.toContain('s3cret')
  })
})

describe('createGitHubClient', () => {
  it('reads GITHUB_API_URL when called, where getOctokit fixed it at import time', () => {
    const previous = process.env.GITHUB_API_URL
    process.env.GITHUB_API_URL = server.url
    try {
      expect(getOctokit(TOKEN).request.endpoint.DEFAULTS.baseUrl).toBe(
        previous || 'https://api.github.com'
      )
    } finally {
      if (previous === undefined) delete process.env.GITHUB_API_URL
      else process.env.GITHUB_API_URL = previous
    }
    expect(octokit.request.endpoint.DEFAULTS.baseUrl).toBe(server.url)
  })
})
