// The Octokit the pull-request comment is written with: the base URL, the proxy and a per-request
// deadline decided when it is built, not when @actions/github was imported. @actions/github reads
// GITHUB_API_URL and the proxy variables once, at import time, into `defaults.request.fetch`;
// passing our own `request` option replaces that object whole (Octokit merges options shallowly),
// so the proxy rules of ./proxy.ts, `http-proxy` input included, are the only ones in force.

import { getOctokit } from '@actions/github'
import { fetch as undiciFetch, Response, type RequestInfo, type RequestInit } from 'undici'
import type { Env } from '../types.js'
import { AnswerTooLargeError, deadlineMessage, readCapped } from './deadline.js'
import { proxyDispatcher } from './proxy-dispatcher.js'

export type GitHubClient = ReturnType<typeof getOctokit>

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com'
/** The deadline of each GitHub call when none is given (the action gives its `request-timeout`). */
export const DEFAULT_GITHUB_TIMEOUT_MS = 30_000
/**
 * The longest GitHub answer read. The largest the action asks for is a page of 100 comments of at
 * most 65,536 characters each: under 40 MB even with every character JSON-escaped.
 */
export const MAX_GITHUB_ANSWER_BYTES = 64 * 1024 * 1024

/** A GitHub call past its deadline; Octokit hands it on as the `cause` of its error. */
export class GitHubTimeoutError extends Error {
  override name = 'GitHubTimeoutError'
  constructor(
    readonly request: string,
    readonly timeoutMs: number,
    options?: ErrorOptions
  ) {
    super(deadlineMessage(request, timeoutMs), options)
  }
}

type Fetch = (input: RequestInfo, init?: RequestInit) => Promise<Response>

export interface TimedFetchOptions {
  timeoutMs: number
  /** Makes the signal that ends one request; tests inject one they abort themselves. */
  timeoutSignal?: (ms: number) => AbortSignal
  /** Default MAX_GITHUB_ANSWER_BYTES. */
  maxAnswerBytes?: number
}

/** `GET /repos/o/r/issues/1/comments`: the method and path of a call, for an error to name. */
function describeRequest(input: RequestInfo, init: RequestInit): string {
  const href = typeof input === 'string' ? input : 'url' in input ? input.url : input.href
  let path = href
  try {
    path = new URL(href).pathname
  } catch {
    // Not a URL: named as given.
  }
  return `${init.method ?? 'GET'} ${path}`
}

/** Statuses whose answer has no body by definition (a Response refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304])

/**
 * Wraps `fetch` so that each request ends at its deadline, counted to the last byte of the answer:
 * the body is read here, capped, and handed to Octokit whole. Octokit reads a JSON body inside a
 * try that swallows errors (a body cut off by a timeout would reach us as an empty answer), so the
 * deadline must have run out before Octokit reads, or not at all.
 */
export function withTimeout(fetch: Fetch, options: TimedFetchOptions): Fetch {
  const makeSignal = options.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms))
  const maxBytes = options.maxAnswerBytes ?? MAX_GITHUB_ANSWER_BYTES
  return async (input, init = {}) => {
    const timeout = makeSignal(options.timeoutMs)
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    const request = describeRequest(input, init)
    try {
      const response = await fetch(input, { ...init, signal })
      const body = response.body
        ? await readCapped(
            response.body,
            maxBytes,
            () => new AnswerTooLargeError(`the answer to ${request}`, maxBytes)
          )
        : null
      const whole = new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers
      })
      // Octokit reports the URL it was answered from; a Response built here has none of its own.
      Object.defineProperty(whole, 'url', { value: response.url })
      return whole
    } catch (error) {
      if (timeout.aborted)
        throw new GitHubTimeoutError(request, options.timeoutMs, { cause: error })
      throw error
    }
  }
}

export interface GitHubClientOptions {
  token: string
  /** Default: GITHUB_API_URL from `env` (read now, not at import), else https://api.github.com. */
  apiUrl?: string
  /** The `http-proxy` input. */
  httpProxy?: string
  env: Env
  /** The deadline of each call, to the last byte of its answer (the `request-timeout` input). */
  timeoutMs?: number
  timeoutSignal?: (ms: number) => AbortSignal
}

/** An Octokit from `getOctokit` that talks to `apiUrl` through the proxy the rules pick. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const baseUrl = (options.apiUrl || options.env.GITHUB_API_URL || DEFAULT_GITHUB_API_URL).replace(
    /\/+$/,
    ''
  )
  const dispatcher = proxyDispatcher(baseUrl, options)
  const fetch: Fetch = (input, init) =>
    undiciFetch(input, dispatcher ? { ...init, dispatcher } : init)
  return getOctokit(options.token, {
    baseUrl,
    request: {
      fetch: withTimeout(fetch, {
        timeoutMs: options.timeoutMs ?? DEFAULT_GITHUB_TIMEOUT_MS,
        ...(options.timeoutSignal ? { timeoutSignal: options.timeoutSignal } : {})
      })
    }
  })
}
