// What the action runs with: the @actions/core functions it uses, the environment, the file
// system, the ECR client factory and the clock. Passed in, so every path is testable without
// mocking modules; `defaultDependencies()` is the runner's.

import * as actionsCore from '@actions/core'
import type { ECRClient } from '@aws-sdk/client-ecr'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { readFileSync } from 'node:fs'
import { systemClock, type Clock } from './clock.js'
import { createClientFactory, type BatchGetImageClient } from './ecr/calls.js'
import type { BlobSource } from './ecr/config-blobs.js'
import type { Inputs } from './inputs/read-inputs.js'
import { ecrHttpOptions } from './net/proxy.js'
import type { Env } from './types.js'

/** The part of @actions/core the action uses. */
export interface ActionCore {
  getInput(name: string): string
  setOutput(name: string, value: string): void
  info(message: string): void
  debug(message: string): void
  /** Whether step debug logging is on (RUNNER_DEBUG=1): raw requests and responses are logged then. */
  isDebug(): boolean
  notice(message: string, properties?: { title?: string }): void
  warning(message: string, properties?: { title?: string }): void
  error(message: string, properties?: { title?: string }): void
  setFailed(message: string): void
  /** Appends Markdown to the job summary file (GITHUB_STEP_SUMMARY). */
  appendSummary(markdown: string): Promise<void>
}

export interface Dependencies {
  core: ActionCore
  env: Env
  readFile(path: string): string
  /** Builds the per-region ECR client factory; the real SDK client unless a test passes one. */
  ecrClients(inputs: Inputs): (region: string) => BatchGetImageClient
  /** Where image config blobs come from: GetDownloadUrlForLayer, then a GET of its URL. */
  blobSource(inputs: Inputs): BlobSource
  clock: Clock
  /** Aborted when the runner cancels the job (SIGINT/SIGTERM), to stop a wait promptly. */
  signal?: AbortSignal
}

const USER_AGENT = 'ecr-batch-get-image'

/** A 4 MiB image config is already absurd; a larger body is refused, not buffered. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024

export function defaultDependencies(): Dependencies {
  const env = process.env
  // One SDK client per region for BatchGetImage and GetDownloadUrlForLayer alike.
  const factories = new WeakMap<Inputs, (region: string) => ECRClient>()
  const clientsFor = (inputs: Inputs) => {
    const factory = factories.get(inputs) ?? sdkClients(inputs, env)
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
    readFile: (path) => readFileSync(path, 'utf8'),
    ecrClients: clientsFor,
    blobSource: (inputs) => {
      const agents = ecrHttpOptions(proxySettings(inputs, env))
      return {
        clientFor: clientsFor(inputs),
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

function proxySettings(inputs: Inputs, env: Env) {
  return { env, ...(inputs.httpProxy ? { httpProxy: inputs.httpProxy } : {}) }
}

function sdkClients(inputs: Inputs, env: Env): (region: string) => ECRClient {
  return createClientFactory({
    maxAttempts: inputs.maxAttempts,
    userAgent: USER_AGENT,
    ...(inputs.endpoint ? { endpoint: inputs.endpoint } : {}),
    // Proxies (http-proxy input, HTTPS_PROXY/HTTP_PROXY/NO_PROXY) and a request timeout that
    // really aborts, so a hung connection is retried instead of hanging the job.
    requestHandler: new NodeHttpHandler({
      ...ecrHttpOptions(proxySettings(inputs, env)),
      connectionTimeout: Math.min(inputs.requestTimeoutMs, 10_000),
      requestTimeout: inputs.requestTimeoutMs,
      throwOnRequestTimeout: true
    })
  })
}
