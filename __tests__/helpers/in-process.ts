// The action in this process: `run()` of src/main.ts with the runner's surroundings built as
// harness/run-action.ts builds them for dist/index.js (the same step directory, the same
// environment, the same event file), and what the step leaves read back into the same
// `ActionRun`, so a case asserts the same things whichever way it runs.
//
// What differs from a process, and only this:
// - @actions/core's own log and annotation commands are captured as they are written (the
//   runner's stdout, byte for byte); outputs and the summary are recorded as set, not parsed from
//   files, and setFailed is recorded (exit code 1) instead of setting this process's exit code.
// - The ECR clients are the real SDK's ECRClient with the action's request handler (the deadline
//   to the last byte, the proxy agents the rules pick), pointed at the endpoint the step
//   environment names, with the credentials it holds and no backoff between retries (the SDK's
//   ConfiguredRetryStrategy with a delay of 0): retries are real calls, never real waits.
// - The clock is a FakeClock: every wait moves it on at once.
// What needs a process (exit codes, the GITHUB_OUTPUT file, the SDK's default credential chain
// and environment, signals, lazy chunks, masking, stack traces) stays in __tests__/e2e/.
import * as actionsCore from '@actions/core'
import { ECRClient } from '@aws-sdk/client-ecr'
import { rm, writeFile } from 'node:fs/promises'
import { EOL } from 'node:os'
import { join } from 'node:path'
import { readAnswersInOnePass } from '../../src/ecr/answer-body.js'
import type { BlobSource } from '../../src/ecr/config-blobs.js'
import type { Inputs } from '../../src/inputs/read-inputs.js'
import { run } from '../../src/main.js'
import { downloadBlob } from '../../src/net/blob-download.js'
import { DeadlineHttpHandler } from '../../src/net/deadline-handler.js'
import { ecrHttpOptions } from '../../src/net/proxy-agents.js'
import type { EcrHttpOptions } from '../../src/net/proxy.js'
import type { ActionCore, AnnotationProperties, Dependencies } from '../../src/runtime.js'
import type { Env } from '../../src/types.js'
import {
  createStepDirectory,
  inputVariable,
  stepEnvironment,
  type ActionRun,
  type RunActionOptions
} from '../../harness/run-action.js'
import { parseAnnotations } from '../../harness/workflow-commands.js'
import { FakeClock } from './fake-clock.js'
import { noBackoff } from './no-backoff.js'
import { captureStdout } from './stdout.js'

export { FakeClock }

export interface InProcessOptions extends Pick<RunActionOptions, 'inputs' | 'env' | 'event'> {
  /** ECR endpoint, put in the environment as AWS_ENDPOINT_URL_ECR (the `endpoint` input wins). */
  endpoint?: string
  /** Default: a new FakeClock at the real time. */
  clock?: FakeClock
  /** The job's cancellation (what SIGINT aborts in dist/index.js). */
  signal?: AbortSignal
}

/** What runInProcess returns: the ActionRun a process would give, and the clock it ran on. */
export interface InProcessRun extends ActionRun {
  clock: FakeClock
}

// Limits of runtime.ts's own wiring, which it does not export.
const USER_AGENT = 'ecr-batch-get-image'
const MAX_CONFIG_BYTES = 4 * 1024 * 1024
const MAX_ECR_ANSWER_BYTES = 64 * 1024 * 1024

interface Step {
  stdout: string
  outputs: Record<string, string>
  summary: string
  failed: boolean
}

/** The @actions/core functions the action uses, on the step's environment instead of this process's. */
function recordingCore(env: Env, step: Step): ActionCore {
  const log = (write: () => void) => void (step.stdout += captureStdout(write))
  return {
    // As @actions/core reads it: INPUT_<NAME>, trimmed.
    getInput: (name) => (env[inputVariable(name)] ?? '').trim(),
    setOutput: (name, value) => void (step.outputs[name] = value),
    info: (message) => log(() => actionsCore.info(message)),
    debug: (message) => log(() => actionsCore.debug(message)),
    isDebug: () => env.RUNNER_DEBUG === '1',
    notice: (message, properties?: AnnotationProperties) =>
      log(() => actionsCore.notice(message, properties)),
    warning: (message, properties?: AnnotationProperties) =>
      log(() => actionsCore.warning(message, properties)),
    error: (message, properties?: AnnotationProperties) =>
      log(() => actionsCore.error(message, properties)),
    // setFailed is error() plus process.exitCode = 1: the exit code is recorded instead.
    setFailed: (message) => {
      step.failed = true
      log(() => actionsCore.error(message))
    },
    // summary.addRaw(markdown, true).write() appends the markdown and an end of line.
    appendSummary: async (markdown) => void (step.summary += markdown + EOL)
  }
}

/** The SDK's credentials as the step environment gives them to the default chain. */
function credentialsOf(env: Env) {
  const accessKeyId = env.AWS_ACCESS_KEY_ID
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY
  if (!accessKeyId || !secretAccessKey) {
    throw new Error(
      'In-process runs take their credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; ' +
        "the SDK's default credential chain is tested end to end"
    )
  }
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {})
  }
}

/** Things to close after the run: the clients' sockets and the proxy agents. */
type Disposable = { destroy(): void }

/**
 * The ECR side of `Dependencies` as runtime.ts wires it (one client per region for every ECR call,
 * the deadline handler with the proxy agents, config downloads through the same agents), with the
 * step's endpoint and credentials and no backoff.
 */
function ecrDependencies(
  env: Env,
  disposables: Disposable[]
): Pick<Dependencies, 'ecrClients' | 'referrersClients' | 'blobSource'> {
  const agentsOf = new WeakMap<Inputs, EcrHttpOptions>()
  const agentsFor = (inputs: Inputs): EcrHttpOptions => {
    let agents = agentsOf.get(inputs)
    if (!agents) {
      agents = ecrHttpOptions({ env, ...(inputs.httpProxy ? { httpProxy: inputs.httpProxy } : {}) })
      for (const agent of [agents.httpAgent, agents.httpsAgent]) if (agent) disposables.push(agent)
      agentsOf.set(inputs, agents)
    }
    return agents
  }
  const factories = new WeakMap<Inputs, (region: string) => ECRClient>()
  const clientsFor = (inputs: Inputs): ((region: string) => ECRClient) => {
    let factory = factories.get(inputs)
    if (factory) return factory
    const agents = agentsFor(inputs)
    const endpoint = inputs.endpoint ?? env.AWS_ENDPOINT_URL_ECR ?? env.AWS_ENDPOINT_URL
    if (!endpoint) throw new Error('An in-process run needs an endpoint: pass `endpoint`')
    const clients = new Map<string, ECRClient>()
    factory = (region) => {
      let client = clients.get(region)
      if (!client) {
        client = new ECRClient({
          region,
          endpoint,
          credentials: credentialsOf(env),
          maxAttempts: inputs.maxAttempts,
          retryStrategy: noBackoff(inputs.maxAttempts),
          customUserAgent: USER_AGENT,
          requestHandler: new DeadlineHttpHandler(
            { ...agents, connectionTimeout: Math.min(inputs.requestTimeoutMs, 10_000) },
            { deadlineMs: inputs.requestTimeoutMs, maxAnswerBytes: MAX_ECR_ANSWER_BYTES }
          )
        })
        readAnswersInOnePass(client)
        disposables.push(client)
        clients.set(region, client)
      }
      return client
    }
    factories.set(inputs, factory)
    return factory
  }
  return {
    ecrClients: clientsFor,
    referrersClients: clientsFor,
    blobSource: (inputs): BlobSource => ({
      clientFor: clientsFor(inputs),
      download: (url) =>
        downloadBlob(url, {
          agents: agentsFor(inputs),
          timeoutMs: inputs.requestTimeoutMs,
          maxBytes: MAX_CONFIG_BYTES
        })
    })
  }
}

/**
 * Runs the action's `run()` in this process as the runner would run dist/index.js with these
 * inputs and environment, and returns what the step left.
 */
export async function runInProcess(options: InProcessOptions): Promise<InProcessRun> {
  const dir = await createStepDirectory('in-process-')
  const disposables: Disposable[] = []
  try {
    let eventPath: string | undefined
    if (options.event) {
      eventPath = join(dir, 'event.json')
      await writeFile(eventPath, JSON.stringify(options.event.payload))
    }
    const env: Env = stepEnvironment(
      dir,
      { ...options, ...(options.endpoint ? { endpoint: options.endpoint } : {}) },
      eventPath
    )
    const step: Step = { stdout: '', outputs: {}, summary: '', failed: false }
    const clock = options.clock ?? new FakeClock()
    await run({
      core: recordingCore(env, step),
      env,
      clock,
      ...ecrDependencies(env, disposables),
      ...(options.signal ? { signal: options.signal } : {})
    })
    return {
      code: step.failed ? 1 : 0,
      stdout: step.stdout,
      stderr: '',
      outputs: step.outputs,
      summary: step.summary,
      annotations: parseAnnotations(step.stdout),
      clock
    }
  } finally {
    for (const disposable of disposables) disposable.destroy()
    await rm(dir, { recursive: true, force: true })
  }
}
