// Runs the action as the GitHub runner does: `node dist/index.js` as a child process, inputs as
// INPUT_* variables, file commands in temporary files, and a clean environment so nothing of the
// developer's AWS or GitHub setup leaks in. Returns what the runner would see.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAnnotations, parseOutputFile, type Annotation } from './workflow-commands.js'

export type { Annotation } from './workflow-commands.js'

export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url))
export const DIST_INDEX = join(PROJECT_ROOT, 'dist', 'index.js')

export interface ActionRun {
  /** Exit code; -1 when the process ended on a signal. */
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** The job summary the step wrote ('' when none). */
  summary: string
  annotations: Annotation[]
  /** With `interrupt`: milliseconds from the signal to the exit; undefined when never sent. */
  exitAfterSignalMs?: number
}

export interface RunActionOptions {
  /** By the names action.yml uses (`image-ids`, `if-missing`). */
  inputs: Record<string, string>
  /** Added last; `undefined` removes a variable the harness would set (e.g. AWS_REGION). */
  env?: Record<string, string | undefined>
  event?: { name: string; payload: unknown }
  /** ECR endpoint, passed as AWS_ENDPOINT_URL_ECR the way the AWS SDK reads it. */
  endpoint?: string
  /** Kills the run and rejects after this long (default 20 s, inside jest's 30 s). */
  timeoutMs?: number
  /** Sends `signal` (default SIGINT, as the runner does on cancel) once stdout matches `when`. */
  interrupt?: { when: RegExp; signal?: NodeJS.Signals }
}

const DEFAULT_TIMEOUT_MS = 20_000

/** `INPUT_<NAME>` exactly as @actions/core's getInput reads it: upper case, spaces to `_`. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** The file-command files the runner creates (empty) for every step. */
const STEP_FILES = ['output', 'summary', 'state', 'env', 'path', 'aws-config', 'aws-credentials']

/** A fresh directory for one step, holding the runner's empty file-command files. */
export async function createStepDirectory(prefix = 'run-action-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  await Promise.all(STEP_FILES.map((file) => writeFile(join(dir, file), '')))
  return dir
}

/** The runner's environment for one step, rooted in `dir`, without any of the caller's variables. */
export function stepEnvironment(
  dir: string,
  options: RunActionOptions,
  eventPath?: string
): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: dir,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_SERVER_URL: 'https://github.com',
    // Nothing listens on the discard port: a GitHub call a test did not point at a local
    // server fails at once instead of leaving the machine.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_PATH: join(dir, 'path'),
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_ECR: options.endpoint,
    GITHUB_EVENT_NAME: options.event?.name,
    GITHUB_EVENT_PATH: eventPath
  }
  for (const [name, value] of Object.entries(options.inputs)) env[inputVariable(name)] = value
  Object.assign(env, options.env)
  return Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined)
  ) as Record<string, string>
}

async function readOptional(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '')
}

/** Runs `dist/index.js` (build it first). */
export function runAction(options: RunActionOptions): Promise<ActionRun> {
  return runActionScript(DIST_INDEX, options)
}

/** Runs any Node script as the action's entry point; the harness's own tests use a stand-in. */
export async function runActionScript(
  script: string,
  options: RunActionOptions
): Promise<ActionRun> {
  const dir = await createStepDirectory()
  try {
    let eventPath: string | undefined
    if (options.event) {
      eventPath = join(dir, 'event.json')
      await writeFile(eventPath, JSON.stringify(options.event.payload))
    }
    const env = stepEnvironment(dir, options, eventPath)
    const { code, stdout, stderr, exitAfterSignalMs } = await spawnNode(
      script,
      env,
      dir,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      options.interrupt
    )
    return {
      ...(exitAfterSignalMs === undefined ? {} : { exitAfterSignalMs }),
      code,
      stdout,
      stderr,
      outputs: parseOutputFile(await readOptional(env.GITHUB_OUTPUT ?? '')),
      summary: await readOptional(env.GITHUB_STEP_SUMMARY ?? ''),
      annotations: parseAnnotations(stdout)
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Runs the script with this Node (jest's, the runtime the action declares) and collects its output. */
function spawnNode(
  script: string,
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number,
  interrupt?: RunActionOptions['interrupt']
): Promise<{ code: number; stdout: string; stderr: string; exitAfterSignalMs?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let signalledAt: number | undefined
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      if (interrupt && signalledAt === undefined && interrupt.when.test(stdout)) {
        signalledAt = Date.now()
        child.kill(interrupt.signal ?? 'SIGINT')
      }
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(
          `${script} did not finish within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`
        )
      )
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      const exitAfterSignalMs = signalledAt === undefined ? undefined : Date.now() - signalledAt
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        ...(exitAfterSignalMs === undefined ? {} : { exitAfterSignalMs })
      })
    })
  })
}
