// What the action runs with: the @actions/core functions it uses, the environment, the file
// system, the ECR client factory and the clock. Passed in, so every path is testable without
// mocking modules; `defaultDependencies()` is the runner's.

import * as actionsCore from '@actions/core'
import type { ECRClient } from '@aws-sdk/client-ecr'
import { systemClock, type Clock } from './clock.js'
import { createClientFactory, type BatchGetImageClient } from './ecr/calls.js'
import type { ReferrersClient } from './ecr/referrers.js'
import type { BlobSource } from './ecr/config-blobs.js'
import type { Inputs } from './inputs/read-inputs.js'
import { DeadlineHttpHandler } from './net/deadline-handler.js'
import { configuredProxies, type EcrHttpOptions, type ProxySettings } from './net/proxy.js'
import { readRegularFile } from './files/read-file.js'
import { openWorkspace, type Workspace } from './files/workspace.js'
import { writeChunks } from './files/write-chunks.js'
import type { Env } from './types.js'

/** Where an annotation points: a title, and for one about a file, the file and its line. */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  startColumn?: number
}

/** The part of @actions/core the action uses. */
export interface ActionCore {
  getInput(name: string): string
  setOutput(name: string, value: string): void
  info(message: string): void
  debug(message: string): void
  /** Whether step debug logging is on (RUNNER_DEBUG=1): raw requests and responses are logged then. */
  isDebug(): boolean
  notice(message: string, properties?: AnnotationProperties): void
  warning(message: string, properties?: AnnotationProperties): void
  error(message: string, properties?: AnnotationProperties): void
  setFailed(message: string): void
  /** Appends Markdown to the job summary file (GITHUB_STEP_SUMMARY). */
  appendSummary(markdown: string): Promise<void>
}

/** A value, or a promise of it: the real clients wait for the proxy agents to load. */
type Eventually<T> = T | Promise<T>

export interface Dependencies {
  core: ActionCore
  env: Env
  /** Reads the event payload (GITHUB_EVENT_PATH): a regular file of at most MAX_EVENT_BYTES. */
  readFile: (path: string) => string
  /** The workspace (GITHUB_WORKSPACE): where `@path` inputs and pin-files are read. */
  openWorkspace: (root: string) => Workspace
  /** Writes the results file (results-file.ts), chunk after chunk. */
  writeFile: (path: string, chunks: Iterable<string>) => void
  /** Builds the per-region ECR client factory; the real SDK client unless a test passes one. */
  ecrClients(inputs: Inputs): Eventually<(region: string) => BatchGetImageClient>
  /** The clients ListImageReferrers goes through (`referrers`); by default the same ECR clients. */
  referrersClients(inputs: Inputs): Eventually<(region: string) => ReferrersClient>
  /** Where image config blobs come from: GetDownloadUrlForLayer, then a GET of its URL. */
  blobSource(inputs: Inputs): Eventually<BlobSource>
  clock: Clock
  /** Aborted when the runner cancels the job (SIGINT/SIGTERM), to stop a wait promptly. */
  signal?: AbortSignal
}

const USER_AGENT = 'ecr-batch-get-image'

/** A 4 MiB image config is already absurd; a larger body is refused, not buffered. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024

/**
 * The longest ECR answer read. A BatchGetImage answer holds up to 100 manifests; a real one is
 * kilobytes to a few megabytes (100 multi-arch indexes: about 130 kB). The answer is read whole
 * before it is parsed, as the SDK would read it, so this bounds what one call can make us hold.
 */
const MAX_ECR_ANSWER_BYTES = 64 * 1024 * 1024

/** GitHub caps a webhook payload at 25 MB; the event file holds one. */
export const MAX_EVENT_BYTES = 25 * 1024 * 1024

export function defaultDependencies(): Dependencies {
  const env = process.env
  // The proxy agents load once per run, and only when a proxy is configured.
  const agentsOf = new WeakMap<Inputs, Promise<EcrHttpOptions>>()
  const agentsFor = (inputs: Inputs): Promise<EcrHttpOptions> => {
    const agents = agentsOf.get(inputs) ?? ecrProxyAgents(proxySettings(inputs, env))
    agentsOf.set(inputs, agents)
    return agents
  }
  // One SDK client per region for BatchGetImage, ListImageReferrers and GetDownloadUrlForLayer.
  const factories = new WeakMap<Inputs, Promise<(region: string) => ECRClient>>()
  const clientsFor = (inputs: Inputs): Promise<(region: string) => ECRClient> => {
    const factory =
      factories.get(inputs) ?? agentsFor(inputs).then((agents) => sdkClients(inputs, agents))
    factories.set(inputs, factory)
    return factory
  }
  return {
    core: {
      getInput: (name) => actionsCore.getInput(name),
      setOutput: (name, value) => actionsCore.setOutput(name, value),
      info: (message) => actionsCore.info(message),
      debug: (message) => actionsCore.debug(message),
      isDebug: () => actionsCore.isDebug(),
      notice: (message, properties) => actionsCore.notice(message, properties),
      warning: (message, properties) => actionsCore.warning(message, properties),
      error: (message, properties) => actionsCore.error(message, properties),
      setFailed: (message) => actionsCore.setFailed(message),
      appendSummary: async (markdown) => {
        await actionsCore.summary.addRaw(markdown, true).write()
      }
    },
    env,
    readFile: (path) =>
      readRegularFile(path, { shown: path, maxBytes: MAX_EVENT_BYTES, followLinks: true }).toString(
        'utf8'
      ),
    openWorkspace: (root) => openWorkspace(root),
    writeFile: writeChunks,
    ecrClients: clientsFor,
    referrersClients: clientsFor,
    blobSource: async (inputs) => {
      const [clientFor, agents] = await Promise.all([clientsFor(inputs), agentsFor(inputs)])
      return {
        clientFor,
        download: async (url) => {
          // Loaded only when a config is read; the agents follow the proxy rules of every call.
          const { downloadBlob } = await import('./net/blob-download.js')
          return downloadBlob(url, {
            agents,
            timeoutMs: inputs.requestTimeoutMs,
            maxBytes: MAX_CONFIG_BYTES
          })
        }
      }
    },
    clock: systemClock
  }
}

function proxySettings(inputs: Inputs, env: Env): ProxySettings {
  return { env, ...(inputs.httpProxy ? { httpProxy: inputs.httpProxy } : {}) }
}

/** The proxy agents, and their packages, load only when a proxy is configured (a bad one throws). */
async function ecrProxyAgents(settings: ProxySettings): Promise<EcrHttpOptions> {
  if (configuredProxies(settings).length === 0) return {}
  const { ecrHttpOptions } = await import('./net/proxy-agents.js')
  return ecrHttpOptions(settings)
}

function sdkClients(inputs: Inputs, agents: EcrHttpOptions): (region: string) => ECRClient {
  return createClientFactory({
    maxAttempts: inputs.maxAttempts,
    userAgent: USER_AGENT,
    ...(inputs.endpoint ? { endpoint: inputs.endpoint } : {}),
    // Proxies (http-proxy input, HTTPS_PROXY/HTTP_PROXY/NO_PROXY) and a deadline over each
    // attempt, to the last byte of the answer: a hung or trickling call is retried, not waited on.
    requestHandler: new DeadlineHttpHandler(
      { ...agents, connectionTimeout: Math.min(inputs.requestTimeoutMs, 10_000) },
      { deadlineMs: inputs.requestTimeoutMs, maxAnswerBytes: MAX_ECR_ANSWER_BYTES }
    )
  })
}
