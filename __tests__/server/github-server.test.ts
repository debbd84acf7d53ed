// The local GitHub-API server speaks the REST shapes Octokit relies on; checked here with plain
// fetch so a fault in the server is not mistaken for one in the comment module.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startGitHubServer, type GitHubServer } from '../../server/github-server.js'

const AUTH = { authorization: 'token test-token', 'content-type': 'application/json' }

let server: GitHubServer

beforeEach(async () => {
  server = await startGitHubServer({ token: 'test-token' })
})

afterEach(async () => {
  await server.close()
})

const commentsPath = '/repos/acme/app/issues/7/comments'

describe('startGitHubServer', () => {
  it('creates, lists and updates comments in GitHub shapes', async () => {
    const created = await fetch(`${server.url}${commentsPath}`, {
      method: 'POST',
      headers: AUTH,
      body: JSON.stringify({ body: 'hello' })
    })
    expect(created.status).toBe(201)
    const comment = (await created.json()) as Record<string, unknown>
    expect(comment).toMatchObject({
      body: 'hello',
      html_url: expect.stringMatching(
        /^https:\/\/github\.com\/acme\/app\/pull\/7#issuecomment-\d+$/
      ),
      user: { login: 'github-actions[bot]' }
    })
    expect(typeof comment.created_at).toBe('string')

    const updated = await fetch(
      `${server.url}/repos/acme/app/issues/comments/${String(comment.id)}`,
      {
        method: 'PATCH',
        headers: AUTH,
        body: JSON.stringify({ body: 'changed' })
      }
    )
    expect(updated.status).toBe(200)
    const list = await fetch(`${server.url}${commentsPath}`, { headers: AUTH })
    expect(((await list.json()) as { body: string }[]).map((c) => c.body)).toEqual(['changed'])
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${commentsPath}`,
      `PATCH /repos/acme/app/issues/comments/${String(comment.id)}`,
      `GET ${commentsPath}`
    ])
    expect(server.requests[0]?.body).toEqual({ body: 'hello' })
  })

  it('paginates with per_page, page and a Link header', async () => {
    for (let i = 0; i < 5; i++)
      server.addComment({ owner: 'acme', repo: 'app', issueNumber: 7, body: `c${i}` })
    server.addComment({ owner: 'acme', repo: 'app', issueNumber: 8, body: 'other issue' })
    const page2 = await fetch(`${server.url}${commentsPath}?per_page=2&page=2`, { headers: AUTH })
    expect(((await page2.json()) as { body: string }[]).map((c) => c.body)).toEqual(['c2', 'c3'])
    const link = page2.headers.get('link') ?? ''
    expect(link).toContain(`<${server.url}${commentsPath}?per_page=2&page=3>; rel="next"`)
    expect(link).toContain(`<${server.url}${commentsPath}?per_page=2&page=3>; rel="last"`)
    expect(link).toContain('page=1>; rel="prev"')
    const page3 = await fetch(`${server.url}${commentsPath}?per_page=2&page=3`, { headers: AUTH })
    expect(page3.headers.get('link')).not.toContain('rel="next"')
  })

  it('answers 401 without a token or with a wrong one', async () => {
    const none = await fetch(`${server.url}${commentsPath}`)
    expect(none.status).toBe(401)
    const wrong = await fetch(`${server.url}${commentsPath}`, {
      headers: { authorization: 'Bearer nope' }
    })
    expect(wrong.status).toBe(401)
    expect(((await wrong.json()) as { message: string }).message).toBe('Bad credentials')
    const bearer = await fetch(`${server.url}${commentsPath}`, {
      headers: { authorization: 'Bearer test-token' }
    })
    expect(bearer.status).toBe(200)
  })

  it('injects faults for the next N requests, then answers normally', async () => {
    server.faults.next(2, { status: 500 })
    const statuses: number[] = []
    for (let i = 0; i < 3; i++)
      statuses.push((await fetch(`${server.url}${commentsPath}`, { headers: AUTH })).status)
    expect(statuses).toEqual([500, 500, 200])
    expect(server.requests.map((r) => r.fault)).toEqual([
      { status: 500 },
      { status: 500 },
      undefined
    ])
  })

  it('injects a fault on every request until cleared', async () => {
    server.faults.next('all', { status: 403 })
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${server.url}${commentsPath}`, { headers: AUTH })).status).toBe(403)
    }
    server.faults.clear()
    expect((await fetch(`${server.url}${commentsPath}`, { headers: AUTH })).status).toBe(200)
  })

  it('can leave a request unanswered, and close() still ends it', async () => {
    server.faults.next(1, { hang: true })
    const pending = fetch(`${server.url}${commentsPath}`, { headers: AUTH }).then(
      () => 'answered',
      () => 'connection closed'
    )
    const seen = await server.waitForRequest((r) => r.method === 'GET')
    expect(seen.fault).toEqual({ hang: true })
    await server.close()
    expect(await pending).toBe('connection closed')
  })

  it('answers 404 for an unknown comment id and 422 without a body', async () => {
    const patch = await fetch(`${server.url}/repos/acme/app/issues/comments/99999`, {
      method: 'PATCH',
      headers: AUTH,
      body: JSON.stringify({ body: 'x' })
    })
    expect(patch.status).toBe(404)
    const post = await fetch(`${server.url}${commentsPath}`, {
      method: 'POST',
      headers: AUTH,
      body: '{}'
    })
    expect(post.status).toBe(422)
  })
})

describe('faults limited to one method', () => {
  it('applies the write before failing the answer when asked to', async () => {
    server.faults.next(1, { status: 502, afterApplying: true }, 'POST')
    const list = await fetch(`${server.url}${commentsPath}`, { headers: AUTH })
    expect(list.status).toBe(200)
    const post = await fetch(`${server.url}${commentsPath}`, {
      method: 'POST',
      headers: AUTH,
      body: JSON.stringify({ body: 'saved anyway' })
    })
    expect(post.status).toBe(502)
    expect(server.comments.map((c) => c.body)).toEqual(['saved anyway'])
  })
})

describe('whose a token is, as GitHub answers each kind', () => {
  const PAT = 'ghp_alice000000000000000000000000000000'
  let users: GitHubServer

  beforeEach(async () => {
    users = await startGitHubServer({ token: 'ghs_installation', userTokens: { [PAT]: 'alice' } })
  })

  afterEach(async () => {
    await users.close()
  })

  const as = (token: string) => ({
    authorization: `token ${token}`,
    'content-type': 'application/json'
  })
  const viewer = (token: string, query = 'query { viewer { login databaseId } }') =>
    fetch(`${users.url}/graphql`, {
      method: 'POST',
      headers: as(token),
      body: JSON.stringify({ query })
    })

  it('GET /user: 403 for an installation token, the user for a personal access token', async () => {
    const installation = await fetch(`${users.url}/user`, { headers: as('ghs_installation') })
    expect(installation.status).toBe(403)
    expect(await installation.json()).toMatchObject({
      message: 'Resource not accessible by integration'
    })
    const user = await fetch(`${users.url}/user`, { headers: as(PAT) })
    expect(user.status).toBe(200)
    expect(await user.json()).toMatchObject({
      login: 'alice',
      id: users.account('alice').id,
      type: 'User'
    })
  })

  it('GraphQL viewer: the bot for an installation token, the user for a personal access token', async () => {
    expect(await (await viewer('ghs_installation')).json()).toEqual({
      data: { viewer: { login: 'github-actions[bot]', databaseId: 41898282 } }
    })
    expect(await (await viewer(PAT)).json()).toEqual({
      data: { viewer: { login: 'alice', databaseId: users.account('alice').id } }
    })
  })

  it('answers other queries and unknown fields with GraphQL errors, status 200', async () => {
    const other = await viewer(PAT, 'query { repository(owner: "a", name: "b") { id } }')
    expect(other.status).toBe(200)
    expect(((await other.json()) as { errors: unknown[] }).errors).toHaveLength(1)
    const field = await viewer(PAT, '{ viewer { login email } }')
    expect(await field.json()).toEqual({
      errors: [{ message: "Field 'email' doesn't exist on type 'User'" }]
    })
  })

  it('gives comments the author of the token that wrote them, and planted ones theirs', async () => {
    for (const token of ['ghs_installation', PAT]) {
      await fetch(`${users.url}${commentsPath}`, {
        method: 'POST',
        headers: as(token),
        body: JSON.stringify({ body: token })
      })
    }
    users.addComment({
      owner: 'acme',
      repo: 'app',
      issueNumber: 7,
      body: 'planted',
      login: 'mallory'
    })
    const listed = (await (
      await fetch(`${users.url}${commentsPath}`, { headers: as(PAT) })
    ).json()) as {
      user: { login: string; id: number; type: string }
    }[]
    expect(listed.map((c) => c.user)).toMatchObject([
      { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      { login: 'alice', type: 'User' },
      { login: 'mallory', id: users.account('mallory').id, type: 'User' }
    ])
    expect(users.account('mallory').id).not.toBe(users.account('alice').id)
  })

  it('refuses a token it was not given', async () => {
    expect((await fetch(`${users.url}/user`, { headers: as('ghp_other') })).status).toBe(401)
  })
})

describe('hostile answers', () => {
  it('trickles the body of an answer a byte per interval, through the injected sleep', async () => {
    const slept: number[] = []
    const slow = await startGitHubServer({
      sleep: async (ms) => {
        slept.push(ms)
      }
    })
    try {
      slow.addComment({ owner: 'acme', repo: 'app', issueNumber: 7, body: 'hello' })
      slow.faults.next(1, { trickleMs: 30 }, (r) => r.path === commentsPath)
      const response = await fetch(`${slow.url}${commentsPath}`, { headers: AUTH })
      expect(response.status).toBe(200)
      const text = await response.text()
      expect((JSON.parse(text) as { body: string }[])[0]?.body).toBe('hello')
      expect(slept).toEqual(Array(Buffer.byteLength(text)).fill(30))
      expect(slow.requests[0]?.fault).toEqual({ trickleMs: 30 })
    } finally {
      await slow.close()
    }
  })

  it('pages on forever with endlessPages: a next link and no last, past the end', async () => {
    server.tampering.endlessPages = true
    const page = await fetch(`${server.url}${commentsPath}?per_page=100&page=999`, {
      headers: AUTH
    })
    expect(await page.json()).toEqual([])
    const link = page.headers.get('link') ?? ''
    expect(link).toContain('page=1000>; rel="next"')
    expect(link).not.toContain('rel="last"')
  })

  it('gives the html_url a test sets, whatever it holds', async () => {
    server.tampering.htmlUrl = (c) => `https://github.com/x\n::error::${c.id}`
    const created = await fetch(`${server.url}${commentsPath}`, {
      method: 'POST',
      headers: AUTH,
      body: JSON.stringify({ body: 'x' })
    })
    const comment = (await created.json()) as { id: number; html_url: string }
    expect(comment.html_url).toBe(`https://github.com/x\n::error::${comment.id}`)
  })
})
