// A stand-in for the GitHub API, on loopback, answering every route the pull-request comment
// uses, in GitHub's shapes: the three issue-comment routes (pagination `Link` headers included),
// and the two ways of asking whose a token is, `GET /user` and the GraphQL `viewer`, each as
// GitHub answers it for the kind of token asked with (an installation token, `ghs_…`, the kind
// GITHUB_TOKEN is, gets 403 from `GET /user`). Comments have real authors: the token's account
// when created through the API, anyone when planted by a test. Point `@actions/github` at it with
// GITHUB_API_URL (or the `apiUrl` of createGitHubClient).
//
// It also serves GitHub's artifact attestations API, `GET /repos/{owner}/{repo}/attestations/
// {subject_digest}` (pages of `per_page`, at most 100, behind `after` cursors in `Link`; 404
// when none), each attestation's bundle inline or, as GitHub has listed them since July 2026,
// `bundle: null` and a `bundle_url` to the bundle snappy-compressed (`application/x-snappy`,
// compressed by the `snappy` package, Google's algorithm in Rust), served without a token.
//
// Tests can make it fail or turn hostile: the next N requests, or all, get a 403/404/500, no
// answer at all, or their answer a byte at a time; the comment list can page on forever, and a
// comment's `html_url` can be anything.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { compressSync } from 'snappy'
import { endWith, realSleep, whileOpen, type Sleep } from './trickle.js'

/** A GitHub account as the REST API shows it in a comment's `user`. */
export interface Account {
  login: string
  id: number
  type: 'User' | 'Bot'
}

/** What a token is (GitHub tells by its prefix): an app installation's, or a user's. */
export type TokenKind = 'installation' | 'user'

/** The account GITHUB_TOKEN acts as, with its id on github.com. */
export const ACTIONS_BOT: Account = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }

export interface StoredComment {
  id: number
  owner: string
  repo: string
  issueNumber: number
  body: string
  user: Account
  created_at: string
  updated_at: string
}

/** An attestation GitHub stores for a repository and a subject digest. */
export interface StoredAttestation {
  /** owner/name */
  repository: string
  /** `sha256:<hex>` */
  digest: string
  /** The Sigstore bundle's JSON text. */
  bundle: string
  /** Listed with the bundle inline, or with `bundle: null` and a bundle_url only. */
  form: 'inline' | 'url'
}

export interface RecordedRequest {
  method: string
  /** Path without the query. */
  path: string
  query: Record<string, string>
  /** Parsed JSON, or the raw text when it is not JSON, or undefined when empty. */
  body: unknown
  headers: {
    authorization?: string
    accept?: string
    'user-agent'?: string
    'content-type'?: string
  }
  /** The fault it was answered with, if any. */
  fault?: Fault
}

/**
 * An error status instead of the answer (`afterApplying`: after the route changed the state), no
 * answer at all, or the real answer with its body sent one byte every `trickleMs`.
 */
export type Fault =
  | { status: number; message?: string; afterApplying?: boolean }
  | { hang: true }
  | { trickleMs: number }

/** Which requests a fault takes: a method (`POST`), or any test of the request. */
export type FaultMatch = string | ((request: Pick<RecordedRequest, 'method' | 'path'>) => boolean)

export interface FaultControl {
  /**
   * Answers the next `count` requests (or all of them, until `clear`) with `fault`; with
   * `match`, only the requests it accepts count.
   */
  next(count: number | 'all', fault: Fault, match?: FaultMatch): void
  clear(): void
}

/** Answers as no honest GitHub would, set by tests at any time. */
export interface Tampering {
  /** Every page of a comment list has a `rel="next"` link, past the last comment too. */
  endlessPages: boolean
  /** The `Link` header of a list's page (comments, attestations), instead of GitHub's (undefined: none). */
  link?: (page: number, requestUrl: URL) => string | undefined
  /** The `bundle_url` given for an attestation (its number from 0), instead of GitHub's. */
  bundleUrl?: (index: number, url: string) => string
  /** The `html_url` given for a comment, instead of GitHub's. */
  htmlUrl?: (comment: StoredComment) => string
}

export interface GitHubServer {
  url: string
  requests: RecordedRequest[]
  /** Every comment on every issue, in creation order; tests may read or seed it via addComment. */
  comments: StoredComment[]
  faults: FaultControl
  tampering: Tampering
  /** Plants a comment; by `login` (any account, made up on first use), else the default bot. */
  addComment(input: {
    owner: string
    repo: string
    issueNumber: number
    body: string
    login?: string
  }): StoredComment
  /** The account `login` names (the same one every time). */
  account(login: string): Account
  /** Resolves with the first request (already made or to come) that `predicate` accepts. */
  waitForRequest(predicate?: (request: RecordedRequest) => boolean): Promise<RecordedRequest>
  close(): Promise<void>
}

export interface GitHubServerOptions {
  port?: number
  /** When set, only this token (and those of `userTokens`) is accepted, 401 otherwise. */
  token?: string
  /** The app bot installation tokens act as (default github-actions[bot]). */
  login?: string
  /** Users' tokens (personal access tokens, `ghp_…`, `github_pat_…`), each with its user's login. */
  userTokens?: Record<string, string>
  /** How trickled answers wait between bytes; tests inject one to trickle without waiting. */
  sleep?: Sleep
  /** The attestations it serves (the provenance fixtures' provenanceAttestations()). */
  attestations?: StoredAttestation[]
}

/** GitHub's token prefixes for tokens that act as a user; `ghs_` is an app installation's. */
const USER_TOKEN = /^(?:ghp_|github_pat_|gho_|ghu_)/

/** The kind of token GitHub would take `token` for; one of no known prefix, as GITHUB_TOKEN's. */
export function tokenKind(token: string, userTokens: Record<string, string> = {}): TokenKind {
  return token in userTokens || USER_TOKEN.test(token) ? 'user' : 'installation'
}

const DOCS = 'https://docs.github.com/rest'
const USER_DOCS = 'https://docs.github.com/rest/users/users#get-the-authenticated-user'
const FAULT_MESSAGES: Record<number, string> = {
  403: 'Resource not accessible by integration',
  404: 'Not Found',
  500: 'Server Error'
}

/** What a route answers; faults may replace it after the route has changed the state. */
interface Reply {
  status: number
  data: unknown
  headers?: Record<string, string>
}

function errorReply(status: number, message: string, documentation = DOCS): Reply {
  return { status, data: { message, documentation_url: documentation, status: String(status) } }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function tokenOf(authorization: string | undefined): string | undefined {
  return /^(?:token|bearer)\s+(\S+)$/i.exec(authorization ?? '')?.[1]
}

/** `Link` as GitHub writes it: first/prev/next/last, each only when it applies (no last: endless). */
function linkHeader(base: URL, page: number, lastPage: number): string {
  const link = (p: number, rel: string) => {
    const url = new URL(base)
    url.searchParams.set('page', String(p))
    return `<${url.href}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'))
  if (page < lastPage) links.push(link(page + 1, 'next'))
  if (page < lastPage && Number.isFinite(lastPage)) links.push(link(lastPage, 'last'))
  return links.join(', ')
}

/** The fields of `viewer` a query asks for, when it asks for nothing else. */
const VIEWER_QUERY = /^\s*(?:query\b[^{]*)?\{\s*viewer\s*\{([^{}]*)\}\s*\}\s*$/

/** The GraphQL `viewer` as GitHub answers it: the token's account, the fields asked. */
function viewerReply(query: unknown, account: Account): Reply {
  const fields = typeof query === 'string' ? VIEWER_QUERY.exec(query)?.[1] : undefined
  if (fields === undefined) {
    return {
      status: 200,
      data: { errors: [{ message: 'This server answers only `query { viewer { … } }`' }] }
    }
  }
  const values: Record<string, unknown> = {
    login: account.login,
    databaseId: account.id,
    id: `U_${account.id}`
  }
  const viewer: Record<string, unknown> = {}
  for (const name of fields.split(/[\s,]+/).filter(Boolean)) {
    if (!(name in values)) {
      return {
        status: 200,
        data: { errors: [{ message: `Field '${name}' doesn't exist on type 'User'` }] }
      }
    }
    viewer[name] = values[name]
  }
  return { status: 200, data: { data: { viewer } } }
}

const ATTESTATIONS = /^\/repos\/([^/]+)\/([^/]+)\/attestations\/([^/]+)$/
const BUNDLE = /^\/attestation-bundles\/(\d+)\.json\.sn$/
const LIST_OR_CREATE = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/
const UPDATE = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/

export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const requests: RecordedRequest[] = []
  const comments: StoredComment[] = []
  const waiters: {
    predicate: (r: RecordedRequest) => boolean
    resolve: (r: RecordedRequest) => void
  }[] = []
  let pendingFaults: { remaining: number; fault: Fault; match?: FaultMatch }[] = []
  let nextId = 1000
  let url = ''
  const userTokens = options.userTokens ?? {}
  const sleep = options.sleep ?? realSleep
  const closing = new AbortController()
  const tampering: Tampering = { endlessPages: false }

  // Accounts are made up on first use, each with an id of its own; the bot has GitHub's.
  const accounts = new Map<string, Account>([[ACTIONS_BOT.login, ACTIONS_BOT]])
  let nextAccountId = 5_000_001
  const account = (login: string): Account => {
    let found = accounts.get(login)
    if (!found) {
      found = { login, id: nextAccountId++, type: login.endsWith('[bot]') ? 'Bot' : 'User' }
      accounts.set(login, found)
    }
    return found
  }
  const botLogin = options.login ?? ACTIONS_BOT.login

  /** The account a token acts as: its user's, or the installation's bot. */
  const accountOf = (token: string): Account =>
    tokenKind(token, userTokens) === 'user'
      ? account(userTokens[token] ?? 'octocat')
      : account(botLogin)

  const accepted = (token: string) =>
    options.token === undefined || token === options.token || token in userTokens

  const addComment: GitHubServer['addComment'] = (input) => {
    const now = new Date().toISOString()
    const comment: StoredComment = {
      id: nextId++,
      owner: input.owner,
      repo: input.repo,
      issueNumber: input.issueNumber,
      body: input.body,
      user: account(input.login ?? botLogin),
      created_at: now,
      updated_at: now
    }
    comments.push(comment)
    return comment
  }

  const present = (c: StoredComment) => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${url}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
    html_url:
      tampering.htmlUrl?.(c) ??
      `https://github.com/${c.owner}/${c.repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${url}/repos/${c.owner}/${c.repo}/issues/${c.issueNumber}`,
    body: c.body,
    user: { ...c.user, node_id: `U_${c.user.id}`, site_admin: false },
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: 'NONE'
  })

  function takeFault(request: Pick<RecordedRequest, 'method' | 'path'>): Fault | undefined {
    const pending = pendingFaults.find(
      ({ match }) =>
        match === undefined ||
        (typeof match === 'string' ? match === request.method : match(request))
    )
    if (!pending) return undefined
    pending.remaining -= 1
    if (pending.remaining <= 0) pendingFaults.splice(pendingFaults.indexOf(pending), 1)
    return pending.fault
  }

  function record(request: RecordedRequest) {
    requests.push(request)
    for (const waiter of [...waiters]) {
      if (waiter.predicate(request)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(request)
      }
    }
  }

  function route(method: string, requestUrl: URL, body: unknown, token: string): Reply {
    if (requestUrl.pathname === '/user' && method === 'GET') {
      // An installation token is no user: GitHub refuses it this route.
      if (tokenKind(token, userTokens) === 'installation')
        return errorReply(403, 'Resource not accessible by integration', USER_DOCS)
      const user = accountOf(token)
      return {
        status: 200,
        data: {
          login: user.login,
          id: user.id,
          node_id: `U_${user.id}`,
          type: user.type,
          site_admin: false,
          html_url: `https://github.com/${user.login}`
        }
      }
    }
    if (requestUrl.pathname === '/graphql' && method === 'POST') {
      return viewerReply(field(body, 'query'), accountOf(token))
    }
    const attested = ATTESTATIONS.exec(requestUrl.pathname)
    if (attested && method === 'GET')
      return attestationsReply(
        `${attested[1]}/${attested[2]}`,
        decodeURIComponent(attested[3]!),
        requestUrl
      )
    const listOrCreate = LIST_OR_CREATE.exec(requestUrl.pathname)
    if (listOrCreate) {
      const [, owner, repo, issue] = listOrCreate
      const onIssue = comments.filter(
        (c) => c.owner === owner && c.repo === repo && c.issueNumber === Number(issue)
      )
      if (method === 'GET') {
        const perPage = Math.min(
          100,
          Math.max(1, Number(requestUrl.searchParams.get('per_page') ?? 30))
        )
        const page = Math.max(1, Number(requestUrl.searchParams.get('page') ?? 1))
        const lastPage = tampering.endlessPages
          ? Infinity
          : Math.max(1, Math.ceil(onIssue.length / perPage))
        const slice = onIssue.slice((page - 1) * perPage, page * perPage).map(present)
        const link = tampering.link
          ? tampering.link(page, requestUrl)
          : linkHeader(requestUrl, page, lastPage)
        return { status: 200, data: slice, ...(link ? { headers: { link } } : {}) }
      }
      if (method === 'POST') {
        const text = field(body, 'body')
        if (typeof text !== 'string') return errorReply(422, 'Invalid request: body is missing')
        const created = addComment({
          owner: owner ?? '',
          repo: repo ?? '',
          issueNumber: Number(issue),
          body: text,
          login: accountOf(token).login
        })
        return { status: 201, data: present(created), headers: { location: present(created).url } }
      }
    }
    const update = UPDATE.exec(requestUrl.pathname)
    if (update && method === 'PATCH') {
      const [, owner, repo, id] = update
      const comment = comments.find(
        (c) => c.owner === owner && c.repo === repo && c.id === Number(id)
      )
      if (!comment) return errorReply(404, 'Not Found')
      const text = field(body, 'body')
      if (typeof text !== 'string') return errorReply(422, 'Invalid request: body is missing')
      comment.body = text
      comment.updated_at = new Date().toISOString()
      return { status: 200, data: present(comment) }
    }
    return errorReply(404, 'Not Found')
  }

  const attestations = options.attestations ?? []

  /** One page of the attestations of a digest, as GitHub lists them: cursors, 404 when none. */
  function attestationsReply(repository: string, digest: string, requestUrl: URL): Reply {
    if (!/^sha256:[0-9a-f]{64}$/.test(digest))
      return errorReply(422, 'Invalid request: subject_digest is not sha256:<hex>')
    const found = attestations
      .map((attestation, index) => ({ attestation, index }))
      .filter(
        ({ attestation }) =>
          attestation.repository.toLowerCase() === repository.toLowerCase() &&
          attestation.digest === digest
      )
    if (found.length === 0) return errorReply(404, 'Not Found')
    const perPage = Math.min(
      100,
      Math.max(1, Number(requestUrl.searchParams.get('per_page') ?? 30))
    )
    // The cursor is opaque to clients: here, the position to start from, base64.
    const after = requestUrl.searchParams.get('after')
    const start = after ? Number(Buffer.from(after, 'base64').toString('utf8')) || 0 : 0
    const page = found.slice(start, start + perPage)
    const present = page.map(({ attestation, index }) => {
      const bundleUrl = `${url}/attestation-bundles/${index}.json.sn`
      return {
        bundle: attestation.form === 'inline' ? (JSON.parse(attestation.bundle) as unknown) : null,
        repository_id: 123456789,
        bundle_url: tampering.bundleUrl?.(index, bundleUrl) ?? bundleUrl
      }
    })
    const pageNumber = Math.floor(start / perPage) + 1
    let link: string | undefined
    if (tampering.link) link = tampering.link(pageNumber, requestUrl)
    else if (start + perPage < found.length) {
      const next = new URL(requestUrl)
      next.searchParams.set('after', Buffer.from(String(start + perPage)).toString('base64'))
      link = `<${next.href}>; rel="next"`
    }
    return { status: 200, data: { attestations: present }, ...(link ? { headers: { link } } : {}) }
  }

  /** A bundle behind its bundle_url: snappy-compressed, no token needed (a presigned URL's). */
  function sendBundle(res: ServerResponse, index: number) {
    const attestation = attestations[index]
    if (!attestation) return send(res, errorReply(404, 'Not Found'))
    const bytes = compressSync(Buffer.from(attestation.bundle))
    res.writeHead(200, {
      'content-type': 'application/x-snappy',
      'content-length': String(bytes.length)
    })
    res.end(bytes)
  }

  /** Sends a reply: at once, or its body a byte at a time under a trickle fault. */
  function send(res: ServerResponse, reply: Reply, fault?: Fault) {
    const bytes = Buffer.from(JSON.stringify(reply.data))
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(bytes.length),
      ...reply.headers
    })
    const pace =
      fault && 'trickleMs' in fault
        ? { intervalMs: fault.trickleMs, sleep, signal: whileOpen(res, closing.signal) }
        : undefined
    void endWith(res, bytes, pace)
  }

  const server = createServer((req, res) => {
    void (async () => {
      const requestUrl = new URL(req.url ?? '/', url)
      const body = await readBody(req)
      const fault = takeFault({ method: req.method ?? '', path: requestUrl.pathname })
      record({
        method: req.method ?? '',
        path: requestUrl.pathname,
        query: Object.fromEntries(requestUrl.searchParams),
        body,
        headers: {
          authorization: req.headers.authorization,
          accept: req.headers.accept,
          'user-agent': req.headers['user-agent'],
          'content-type': req.headers['content-type']
        },
        ...(fault ? { fault } : {})
      })
      if (fault && 'hang' in fault) return // never answered: the client's timeout must end it
      const bundle = BUNDLE.exec(requestUrl.pathname)
      if (bundle && req.method === 'GET' && !fault) return sendBundle(res, Number(bundle[1]))
      const token = tokenOf(req.headers.authorization)
      if (!token) return send(res, errorReply(401, 'Requires authentication'))
      if (!accepted(token)) return send(res, errorReply(401, 'Bad credentials'))
      const method = req.method ?? ''
      if (!fault || 'trickleMs' in fault)
        return send(res, route(method, requestUrl, body, token), fault)
      // A fault `afterApplying` lets the write happen and only then fails the answer, as a
      // GitHub that saved the comment but answered 502 would.
      if (fault.afterApplying) route(method, requestUrl, body, token)
      send(res, errorReply(fault.status, fault.message ?? FAULT_MESSAGES[fault.status] ?? 'Error'))
    })()
  })
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    requests,
    comments,
    tampering,
    account,
    faults: {
      next(count, fault, match) {
        const remaining = count === 'all' ? Infinity : count
        pendingFaults.push(match ? { remaining, fault, match } : { remaining, fault })
      },
      clear() {
        pendingFaults = []
      }
    },
    addComment,
    waitForRequest(predicate = () => true) {
      const seen = requests.find(predicate)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve) => waiters.push({ predicate, resolve }))
    },
    close() {
      // Hung and trickled requests and keep-alive connections would hold close() open: end them.
      closing.abort()
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined
}
