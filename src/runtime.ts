// What the action runs with: the @actions/core functions it uses, the environment, the file
// system, the ECR client factory and the clock. Passed in, so every path is testable without
// mocking modules; `defaultDependencies()` is the runner's.

import * as actionsCore from '@actions/core'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { readFileSync } from 'node:fs'
import { systemClock, type Clock } from './clock.js'
import { createClientFactory, type BatchGetImageClient } from './ecr/calls.js'
import type { Inputs } from './inputs/read-inputs.js'
import { configuredProxies, type EcrHttpOptions, type ProxySettings } from './net/proxy.js'
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
  ecrClients(
    inputs: Inputs
  ): ((region: string) => BatchGetImageClient) | Promise<(region: string) => BatchGetImageClient>
  clock: Clock
  /** Aborted when the runner cancels the job (SIGINT/SIGTERM), to stop a wait promptly. */
  signal?: AbortSignal
}

const USER_AGENT = 'ecr-batch-get-image'

export function defaultDependencies(): Dependencies {
  const env = process.env
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
    ecrClients: async (inputs) => {
      const proxies = { env, ...(inputs.httpProxy ? { httpProxy: inputs.httpProxy } : {}) }
      const agents = await ecrProxyAgents(proxies)
      return createClientFactory({
        maxAttempts: inputs.maxAttempts,
        userAgent: USER_AGENT,
        ...(inputs.endpoint ? { endpoint: inputs.endpoint } : {}),
        // Proxies (http-proxy input, HTTPS_PROXY/HTTP_PROXY/NO_PROXY) and a request timeout that
        // really aborts, so a hung connection is retried instead of hanging the job.
        requestHandler: new NodeHttpHandler({
          ...agents,
          connectionTimeout: Math.min(inputs.requestTimeoutMs, 10_000),
          requestTimeout: inputs.requestTimeoutMs,
          throwOnRequestTimeout: true
        })
      })
    },
    clock: systemClock
  }
}

/** The proxy agents, and their packages, load only when a proxy is configured (a bad one throws). */
async function ecrProxyAgents(settings: ProxySettings): Promise<EcrHttpOptions> {
  if (configuredProxies(settings).length === 0) return {}
  const { ecrHttpOptions } = await import('./net/proxy-agents.js')
  return ecrHttpOptions(settings)
}
