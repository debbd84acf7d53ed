// A stand-in for the GitHub REST API, on loopback, answering the three issue-comment routes the
// real Octokit uses for the pull-request comment, in GitHub's shapes (pagination `Link` headers
// included). Point `@actions/github` at it with GITHUB_API_URL (or the `apiUrl` of
// createGitHubClient). Tests can make it fail: the next N requests, or all, get a 403/404/500,
// or no answer at all.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface StoredComment {
  id: number
  owner: string
  repo: string
  issueNumber: number
  body: string
  user: { login: string; id: number; type: string }
  created_at: string
  updated_at: string
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

export type Fault = { status: number; message?: string; afterApplying?: boolean } | { hang: true }

export interface FaultControl {
  /**
   * Answers the next `count` requests (or all of them, until `clear`) with `fault`; with
   * `method`, only requests of that method count.
   */
  next(count: number | 'all', fault: Fault, method?: string): void
  clear(): void
}

export interface GitHubServer {
  url: string
  requests: RecordedRequest[]
  /** Every comment on every issue, in creation order; tests may read or seed it via addComment. */
  comments: StoredComment[]
  faults: FaultControl
  addComment(input: {
    owner: string
    repo: string
    issueNumber: number
    body: string
    login?: string
  }): StoredComment
  /** Resolves with the first request (already made or to come) that `predicate` accepts. */
  waitForRequest(predicate?: (request: RecordedRequest) => boolean): Promise<RecordedRequest>
  close(): Promise<void>
}

export interface GitHubServerOptions {
  port?: number
  /** When set, only this token is accepted (401 "Bad credentials" otherwise). */
  token?: string
  /** The author of comments created through the API. */
  login?: string
}

const DOCS = 'https://docs.github.com/rest'
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

function errorReply(status: number, message: string): Reply {
  return { status, data: { message, documentation_url: DOCS, status: String(status) } }
}

function send(res: ServerResponse, reply: Reply) {
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    ...reply.headers
  })
  res.end(JSON.stringify(reply.data))
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

/** `Link` as GitHub writes it: first/prev/next/last, each only when it applies. */
function linkHeader(base: URL, page: number, lastPage: number): string {
  const link = (p: number, rel: string) => {
    const url = new URL(base)
    url.searchParams.set('page', String(p))
    return `<${url.href}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'))
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'))
  return links.join(', ')
}

const LIST_OR_CREATE = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/
const UPDATE = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/

export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const requests: RecordedRequest[] = []
  const comments: StoredComment[] = []
  const waiters: {
    predicate: (r: RecordedRequest) => boolean
    resolve: (r: RecordedRequest) => void
  }[] = []
  let pendingFaults: { remaining: number; fault: Fault; method?: string }[] = []
  let nextId = 1000
  let url = ''

  const addComment: GitHubServer['addComment'] = (input) => {
    const now = new Date().toISOString()
    const login = input.login ?? options.login ?? 'github-actions[bot]'
    const comment: StoredComment = {
      id: nextId++,
      owner: input.owner,
      repo: input.repo,
      issueNumber: input.issueNumber,
      body: input.body,
      user: { login, id: 41898282, type: 'Bot' },
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
    html_url: `https://github.com/${c.owner}/${c.repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${url}/repos/${c.owner}/${c.repo}/issues/${c.issueNumber}`,
    body: c.body,
    user: c.user,
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: 'NONE'
  })

  function takeFault(method: string): Fault | undefined {
    const pending = pendingFaults.find((p) => p.method === undefined || p.method === method)
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

  function route(method: string, requestUrl: URL, body: unknown): Reply {
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
        const lastPage = Math.max(1, Math.ceil(onIssue.length / perPage))
        const slice = onIssue.slice((page - 1) * perPage, page * perPage).map(present)
        const link = linkHeader(requestUrl, page, lastPage)
        return { status: 200, data: slice, ...(link ? { headers: { link } } : {}) }
      }
      if (method === 'POST') {
        const text = field(body, 'body')
        if (typeof text !== 'string') return errorReply(422, 'Invalid request: body is missing')
        const created = addComment({
          owner: owner ?? '',
          repo: repo ?? '',
          issueNumber: Number(issue),
          body: text
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

  const server = createServer((req, res) => {
    void (async () => {
      const requestUrl = new URL(req.url ?? '/', url)
      const body = await readBody(req)
      const fault = takeFault(req.method ?? '')
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
      const token = tokenOf(req.headers.authorization)
      if (!token) return send(res, errorReply(401, 'Requires authentication'))
      if (options.token !== undefined && token !== options.token) {
        return send(res, errorReply(401, 'Bad credentials'))
      }
      if (fault && 'hang' in fault) return // never answered: the client's timeout must end it
      // A fault `afterApplying` lets the write happen and only then fails the answer, as a
      // GitHub that saved the comment but answered 502 would.
      const reply =
        !fault || fault.afterApplying ? route(req.method ?? '', requestUrl, body) : undefined
      if (fault) {
        return send(
          res,
          errorReply(fault.status, fault.message ?? FAULT_MESSAGES[fault.status] ?? 'Error')
        )
      }
      if (reply) send(res, reply)
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
    faults: {
      next(count, fault, method) {
        const remaining = count === 'all' ? Infinity : count
        pendingFaults.push(method ? { remaining, fault, method } : { remaining, fault })
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
      // Hung requests and keep-alive connections would hold close() open: end them.
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
