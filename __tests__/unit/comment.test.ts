// The pull-request comment against the local GitHub-API server, through the real Octokit of
// @actions/github: whose comment is whose (asked of the API, for each kind of token), the bounded
// comment list, and every value GitHub sends checked before it is shown. Retry delays and request
// timeouts are injected: nothing here sleeps for real.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import {
  commentMarker,
  foreignCommentsWarning,
  noPullRequestMessage,
  pullRequestFromEvent,
  upsertComment,
  type CommentTarget
} from '../../src/reports/comment/upsert.js'
import { describeCommentError } from '../../src/reports/comment/errors.js'
import { MAX_COMMENT_PAGES } from '../../src/reports/comment/comment-list.js'
import { commentLink } from '../../src/reports/comment/post.js'
import { createGitHubClient, withTimeout, type GitHubClient } from '../../src/net/github-client.js'
import { fetch as undiciFetch } from 'undici'
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

const calls = () => server.requests.map((r) => `${r.method} ${r.path}`)
const LIST = `GET /repos/acme/app/issues/${PR.number}/comments`

describe('upsertComment', () => {
  it('creates the comment, then asks whose the token is and updates it in place', async () => {
    const first = await upsertComment(octokit, target('run 1'), { clock: { sleep } })
    const [created] = issueComments()
    expect(first).toEqual({
      action: 'created',
      url: `https://github.com/acme/app/pull/42#issuecomment-${created!.id}`,
      foreign: []
    })
    const second = await upsertComment(octokit, target('run 2'), { clock: { sleep } })
    expect(second).toEqual({
      ...first,
      action: 'updated',
      author: { login: 'github-actions[bot]', id: 41898282 }
    })
    expect(issueComments().map((c) => c.body)).toEqual([target('run 2').body])
    // A first run asks nothing more than the list; whose the token is, only once a marked
    // comment turns up.
    expect(calls()).toEqual([
      LIST,
      `POST /repos/acme/app/issues/${PR.number}/comments`,
      LIST,
      'POST /graphql',
      `PATCH /repos/acme/app/issues/comments/${created!.id}`
    ])
    expect(server.requests[0]?.headers.authorization).toBe(`token ${TOKEN}`)
    expect(server.requests[3]?.body).toEqual({ query: 'query { viewer { login databaseId } }' })
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

  it('finds its own comment on the second page of a long thread', async () => {
    const mine = target('old')
    for (let i = 0; i < 150; i++) {
      const body = i === 120 ? mine.body : `chatter ${i}`
      server.addComment({
        ...PR,
        issueNumber: PR.number,
        body,
        ...(i === 120 ? {} : { login: `user${i}` })
      })
    }
    const result = await upsertComment(octokit, target('new'), { clock: { sleep } })
    expect(result.action).toBe('updated')
    expect(server.comments[120]?.body).toBe(target('new').body)
    expect(server.requests.map((r) => `${r.method} ${r.query.page ?? ''}`)).toEqual([
      'GET ',
      'GET 2',
      'POST ',
      'PATCH '
    ])
    expect(server.requests[0]?.query.per_page).toBe('100')
  })

  it('never edits a comment carrying the marker that another account wrote', async () => {
    const planted = server.addComment({
      ...PR,
      issueNumber: PR.number,
      body: target('evil').body,
      login: 'mallory'
    })
    const result = await upsertComment(octokit, target('mine'), { clock: { sleep } })
    expect(planted.body).toBe(target('evil').body)
    expect(result).toMatchObject({
      action: 'created',
      foreign: [{ id: planted.id, login: 'mallory' }],
      author: { login: 'github-actions[bot]' }
    })
    expect(issueComments().map((c) => [c.user.login, c.body])).toEqual([
      ['mallory', target('evil').body],
      ['github-actions[bot]', target('mine').body]
    ])
    expect(foreignCommentsWarning(result)).toBe(
      "1 comment(s) on the pull request carry this step's marker but were written by another " +
        `account than the token's own (github-actions[bot]): comment ${planted.id} by mallory. ` +
        'Left as written; the action created its own comment.'
    )
    // The next run edits its own comment, past the planted one, and still says so.
    const again = await upsertComment(octokit, target('mine 2'), { clock: { sleep } })
    expect(again.action).toBe('updated')
    expect(planted.body).toBe(target('evil').body)
    expect(issueComments()[1]?.body).toBe(target('mine 2').body)
    expect(foreignCommentsWarning(again)).toMatch(/the action updated its own comment\.$/)
  })

  it('takes no login from GitHub that is not one, and names none in the warning', async () => {
    const planted = server.addComment({
      ...PR,
      issueNumber: PR.number,
      body: target('x').body,
      login: 'a\n::error::b'
    })
    const result = await upsertComment(octokit, target('mine'), { clock: { sleep } })
    expect(result.foreign).toEqual([{ id: planted.id }])
    expect(foreignCommentsWarning(result)).toContain(`comment ${planted.id} by an unnamed account.`)
  })

  it('stops an endless comment list at the page cap, writing nothing', async () => {
    server.tampering.endlessPages = true
    const error = await upsertComment(octokit, target('x'), { clock: { sleep } }).catch(
      (e: unknown) => e
    )
    expect(describeCommentError(error)).toBe(
      "Could not write the pull request comment: the pull request's comment list goes on past " +
        `${MAX_COMMENT_PAGES} pages (5,000 comments) and was not read further; the comment was ` +
        'not written, so as not to add a second one'
    )
    expect(server.requests).toHaveLength(MAX_COMMENT_PAGES)
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true)
    expect(issueComments()).toEqual([])
    expect(sleeps).toEqual([])
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
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'POST', 'PATCH'])
  })
})

describe('whose token it is', () => {
  const ALICE = 'ghp_aliceToken000000000000000000000000'

  beforeEach(async () => {
    await server.close()
    server = await startGitHubServer({ token: TOKEN, userTokens: { [ALICE]: 'alice' } })
    octokit = createGitHubClient({ token: TOKEN, env: { GITHUB_API_URL: server.url } })
  })

  const asAlice = () => createGitHubClient({ token: ALICE, env: { GITHUB_API_URL: server.url } })
  const plant = (login: string, body = target('planted').body) =>
    server.addComment({ ...PR, issueNumber: PR.number, body, login })

  it('a personal access token is its user: GraphQL viewer says so, and her comment is hers', async () => {
    const hers = plant('alice')
    const result = await upsertComment(asAlice(), target('new'), { clock: { sleep } })
    expect(result).toMatchObject({ action: 'updated', author: { login: 'alice' }, foreign: [] })
    expect(hers.body).toBe(target('new').body)
    expect(calls()).toEqual([
      LIST,
      'POST /graphql',
      `PATCH /repos/acme/app/issues/comments/${hers.id}`
    ])
  })

  it("the bot's comment is not a user's: a user token leaves it and writes its own", async () => {
    const bots = plant('github-actions[bot]')
    const result = await upsertComment(asAlice(), target('new'), { clock: { sleep } })
    expect(result).toMatchObject({
      action: 'created',
      foreign: [{ id: bots.id, login: 'github-actions[bot]' }]
    })
    expect(bots.body).toBe(target('planted').body)
    expect(issueComments().map((c) => c.user.login)).toEqual(['github-actions[bot]', 'alice'])
  })

  it('falls back to GET /user when GraphQL refuses, as it answers a user token', async () => {
    const hers = plant('alice')
    server.faults.next(
      1,
      { status: 400, message: 'Problems parsing JSON' },
      (r) => r.path === '/graphql'
    )
    const result = await upsertComment(asAlice(), target('new'), { clock: { sleep } })
    expect(result).toMatchObject({ action: 'updated', author: { login: 'alice' } })
    expect(hers.body).toBe(target('new').body)
    expect(calls()).toEqual([
      LIST,
      'POST /graphql',
      'GET /user',
      `PATCH /repos/acme/app/issues/comments/${hers.id}`
    ])
  })

  it('an installation token that GraphQL will not name writes nothing: GET /user is 403 for it', async () => {
    const planted = plant('github-actions[bot]')
    server.faults.next(
      1,
      { status: 400, message: 'Problems parsing JSON' },
      (r) => r.path === '/graphql'
    )
    const error = await upsertComment(octokit, target('new'), { clock: { sleep } }).catch(
      (e: unknown) => e
    )
    expect(describeCommentError(error)).toBe(
      'Could not write the pull request comment: GitHub did not say whose token github-token ' +
        'is (GraphQL viewer: HTTP 400: Problems parsing JSON; GET /user: HTTP 403: Resource not ' +
        "accessible by integration), so a comment carrying this step's marker could not be told " +
        "from another account's and none was written"
    )
    expect(planted.body).toBe(target('planted').body)
    expect(issueComments()).toHaveLength(1)
    expect(sleeps).toEqual([])
  })
})

describe('hostile answers', () => {
  it('follows no next page on another host, and writes nothing', async () => {
    server.tampering.link = () =>
      '<https://evil.example/repos/acme/app/issues/42/comments?page=2>; rel="next"'
    const error = await upsertComment(octokit, target('x'), { clock: { sleep } }).catch(
      (e: unknown) => e
    )
    expect(describeCommentError(error)).toBe(
      'Could not write the pull request comment: GitHub sent a next page of the comment list at ' +
        'another address than the list; it was not followed, and the comment was not written'
    )
    expect(calls()).toEqual([LIST])
  })

  it('stops a list whose next page is one already read', async () => {
    server.tampering.link = (page, url) => {
      const next = new URL(url)
      next.searchParams.set('page', String(page === 1 ? 2 : 1))
      return `<${next.href}>; rel="next"`
    }
    const error = await upsertComment(octokit, target('x'), { clock: { sleep } }).catch(
      (e: unknown) => e
    )
    expect(describeCommentError(error)).toMatch(
      /next page of the comment list that was already read/
    )
    expect(server.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '1'])
  })

  it('ends a trickled answer at the deadline: a timeout, never an empty list', async () => {
    // Octokit parses a JSON body inside a try that swallows errors: were the deadline left to
    // cut the body under it, the list would read as empty and a second comment be written.
    for (let i = 0; i < 3; i++)
      server.addComment({ ...PR, issueNumber: PR.number, body: target('old').body })
    server.faults.next('all', { trickleMs: 40 }, 'GET')
    octokit = createGitHubClient({
      token: TOKEN,
      env: { GITHUB_API_URL: server.url },
      timeoutMs: 300
    })
    const started = Date.now()
    const error = await upsertComment(octokit, target('new'), {
      clock: { sleep },
      attempts: 1
    }).catch((e: unknown) => e)
    expect(Date.now() - started).toBeLessThan(1800)
    expect(describeCommentError(error)).toBe(
      'Could not write the pull request comment: GitHub API unavailable: GET ' +
        '/repos/acme/app/issues/42/comments did not complete within 300 ms (request-timeout: the ' +
        'deadline of each attempt, from sending the request to the last byte of the answer).'
    )
    expect(issueComments().map((c) => c.body)).toEqual(Array(3).fill(target('old').body))
  })

  it('refuses an answer past the byte cap', async () => {
    server.addComment({ ...PR, issueNumber: PR.number, body: 'x'.repeat(500) })
    const fetch = withTimeout(undiciFetch, { timeoutMs: 5000, maxAnswerBytes: 100 })
    const error = await fetch(`${server.url}/repos/acme/app/issues/42/comments`, {
      headers: { authorization: `token ${TOKEN}` }
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      name: 'AnswerTooLargeError',
      message: 'the answer to GET /repos/acme/app/issues/42/comments is larger than 100 bytes'
    })
  })

  it('puts GitHub text on one line, with no workflow command, clipped', async () => {
    server.faults.next('all', { status: 422, message: `bad\n::error::pwned ${'y'.repeat(400)}` })
    const error = await upsertComment(octokit, target('x'), { clock: { sleep } }).catch(
      (e: unknown) => e
    )
    const text = describeCommentError(error)
    expect(
      text.startsWith('Could not write the pull request comment: HTTP 422: bad\\n::error::pwned y')
    ).toBe(true)
    expect(text).not.toMatch(/[\r\n]/)
    expect(text.length).toBeLessThan(420)
  })
})

describe('commentLink', () => {
  it("shows GitHub's link when it is https on the server's own host", () => {
    const url = 'https://github.com/acme/app/pull/42#issuecomment-7'
    expect(commentLink(url)).toBe(url)
    expect(
      commentLink('https://ghe.example.com/a/b/pull/1#issuecomment-2', 'https://ghe.example.com')
    ).toBe('https://ghe.example.com/a/b/pull/1#issuecomment-2')
  })

  it.each([
    ['a newline and a workflow command', 'https://github.com/a\n::error::pwned'],
    ['a space', 'https://github.com/a b'],
    ['another host', 'https://evil.example/acme/app/pull/42'],
    ['a look-alike host', 'https://github.com.evil.example/x'],
    ['http', 'http://github.com/acme/app/pull/42'],
    ['credentials', 'https://user:pw@github.com/acme'],
    ['javascript', 'javascript:alert(1)'],
    ['not a string', 42],
    ['nothing', undefined]
  ])('shows no link with %s', (_, url) => {
    expect(commentLink(url)).toBeUndefined()
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
      'Could not write the pull request comment: GitHub API unavailable: GET ' +
        '/repos/acme/app/issues/42/comments did not complete within 30 s (request-timeout: the ' +
        'deadline of each attempt, from sending the request to the last byte of the answer).'
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
