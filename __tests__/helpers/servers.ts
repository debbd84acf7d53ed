// The local servers of a test file, one fixture for all: the ECR server (seeded), the GitHub API
// server, a forward proxy and one that asks for credentials, started before the file's tests and
// closed after them, with a temporary directory when the file asks for one. After each test the
// servers forget what the test did to them (faults, tampering, recorded calls and requests, GitHub
// comments), unless the file says `reset: false`; images a test stores stay, as a registry's do.
import { afterAll, afterEach, beforeAll } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEcrServer, type EcrServer, type RecordedCall } from '../../server/ecr-server.js'
import { startGitHubServer, type GitHubServer } from '../../server/github-server.js'
import { startProxyServer, type ProxyServer } from '../../server/proxy-server.js'
import type { Sleep } from '../../server/trickle.js'

/** The credentials `authProxy` asks for. */
export const PROXY_USER = 'proxy-user'
export const PROXY_PASSWORD = 's3cr3t-proxy-pass'

export interface ServersOptions {
  /** Makes a temporary directory named with this prefix before the tests, removed after them. */
  tempDir?: string
  /** The GitHub server accepts only this token (any token when not given). */
  githubToken?: string
  /** How the ECR server waits (latency, hangs, trickles); by default for real. */
  ecrSleep?: Sleep
  /** Forget faults, tampering, calls, requests and comments after each test (default true). */
  reset?: boolean
}

export interface Servers {
  /** The running servers (inside tests and hooks; they start in beforeAll). */
  readonly ecr: EcrServer
  readonly github: GitHubServer
  readonly proxy: ProxyServer
  /** A proxy that answers 407 without PROXY_USER and PROXY_PASSWORD. */
  readonly authProxy: ProxyServer
  /** The temporary directory (only with `tempDir`). */
  readonly dir: string
  /** The BatchGetImage calls the ECR server recorded, in order. */
  batchGetImageCalls(): RecordedCall[]
  /** Forgets faults, tampering, calls, requests and comments (what `reset` does after each test). */
  reset(): void
}

/** Registers the hooks of the file (or describe block) it is called in and returns accessors. */
export function useServers(options: ServersOptions = {}): Servers {
  let started: Omit<Servers, 'dir' | 'batchGetImageCalls' | 'reset'> | undefined
  let dir: string | undefined

  beforeAll(async () => {
    const [ecr, github, proxy, authProxy] = await Promise.all([
      startEcrServer(options.ecrSleep ? { sleep: options.ecrSleep } : {}),
      startGitHubServer(options.githubToken ? { token: options.githubToken } : {}),
      startProxyServer(),
      startProxyServer({ auth: { username: PROXY_USER, password: PROXY_PASSWORD } })
    ])
    started = { ecr, github, proxy, authProxy }
    if (options.tempDir !== undefined) dir = await mkdtemp(join(tmpdir(), options.tempDir))
  })

  afterAll(async () => {
    if (started) {
      const { ecr, github, proxy, authProxy } = started
      await Promise.all([ecr.close(), github.close(), proxy.close(), authProxy.close()])
    }
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  const running = () => {
    if (started === undefined)
      throw new Error('The servers start in beforeAll; use them there or in a test')
    return started
  }

  const reset = () => {
    const { ecr, github, proxy, authProxy } = running()
    ecr.faults.clear()
    ecr.clearCalls()
    github.faults.clear()
    github.tampering.endlessPages = false
    delete github.tampering.link
    delete github.tampering.htmlUrl
    github.requests.length = 0
    github.comments.length = 0
    for (const p of [proxy, authProxy]) {
      p.requests.length = 0
      p.rejected.length = 0
    }
  }
  if (options.reset ?? true) afterEach(reset)

  return {
    get ecr() {
      return running().ecr
    },
    get github() {
      return running().github
    },
    get proxy() {
      return running().proxy
    },
    get authProxy() {
      return running().authProxy
    },
    get dir() {
      if (dir === undefined) throw new Error('No temporary directory: pass tempDir to useServers')
      return dir
    },
    batchGetImageCalls() {
      return running().ecr.calls.filter((call) => call.operation === 'BatchGetImage')
    },
    reset
  }
}
