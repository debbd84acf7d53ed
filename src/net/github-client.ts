// The Octokit the pull-request comment is written with: the base URL, the proxy and a per-request
// timeout decided when it is built, not when @actions/github was imported. @actions/github reads
// GITHUB_API_URL and the proxy variables once, at import time, into `defaults.request.fetch`;
// passing our own `request` option replaces that object whole (Octokit merges options shallowly),
// so the proxy rules of ./proxy.ts, `http-proxy` input included, are the only ones in force.

import { getOctokit } from '@actions/github'
import { fetch as undiciFetch, type RequestInfo, type RequestInit, type Response } from 'undici'
import type { Env } from '../types.js'
import { proxyDispatcher } from './proxy-dispatcher.js'

export type GitHubClient = ReturnType<typeof getOctokit>

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com'
export const DEFAULT_GITHUB_TIMEOUT_MS = 10_000

/** A GitHub call that got no answer in time; Octokit hands it on as the `cause` of its error. */
export class GitHubTimeoutError extends Error {
  override name = 'GitHubTimeoutError'
  constructor(
    readonly timeoutMs: number,
    options?: ErrorOptions
  ) {
    super(`GitHub API did not answer within ${timeoutMs / 1000} s`, options)
  }
}

type Fetch = (input: RequestInfo, init?: RequestInit) => Promise<Response>

export interface TimedFetchOptions {
  timeoutMs: number
  /** Makes the signal that ends one request; tests inject one they abort themselves. */
  timeoutSignal?: (ms: number) => AbortSignal
}

/** Wraps `fetch` so that each request is abandoned after `timeoutMs` with a GitHubTimeoutError. */
export function withTimeout(fetch: Fetch, options: TimedFetchOptions): Fetch {
  const makeSignal = options.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms))
  return async (input, init = {}) => {
    const timeout = makeSignal(options.timeoutMs)
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    try {
      return await fetch(input, { ...init, signal })
    } catch (error) {
      if (timeout.aborted) throw new GitHubTimeoutError(options.timeoutMs, { cause: error })
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
