// The reference client: Debian's awscli (`/usr/bin/aws`; another `aws`, e.g. from pyenv, may come
// first on PATH), run against a local server with dummy credentials and none of the developer's
// configuration. AWS_CLI names another binary.
//
// The `aws` script is Python: its commands run in one session per test file (aws-cli-session.py,
// under the script's own interpreter), each as a fresh CLI would run it, because starting the CLI
// costs about a second of CPU and a command in a running session a quarter of that. An `aws` that
// is not a Python script (the CLI v2's binary) runs as a process per command. Commands of one
// session run one after another, in the order they were asked.
import { afterAll } from '@jest/globals'
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export const AWS_CLI = process.env.AWS_CLI || '/usr/bin/aws'

/**
 * The exit codes of a command the service answered with an error: 254 from the CLI v2, 255 from
 * the v1 (which Debian's awscli is, depending on the release).
 */
export const AWS_CLI_SERVICE_ERRORS = [254, 255]

export interface AwsCliRun {
  code: number
  stdout: string
  stderr: string
}

const SESSION_SCRIPT = fileURLToPath(new URL('./aws-cli-session.py', import.meta.url))

const ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: ''
}

/** The interpreter of the `aws` script (`#!/usr/bin/python3`), when it is a Python script. */
function pythonOf(script: string): string | undefined {
  try {
    const first = readFileSync(script, 'latin1').slice(0, 200).split('\n')[0] ?? ''
    const match = /^#!\s*(\S*python[\d.]*)\s*$/.exec(first)
    return match?.[1]
  } catch {
    return undefined
  }
}

interface Pending {
  resolve: (run: AwsCliRun) => void
  timer: NodeJS.Timeout
}

/** One Python process running the CLI's commands in turn. */
class Session {
  readonly #child: ChildProcessWithoutNullStreams
  readonly #pending: Pending[] = []
  #stderr = ''

  constructor(python: string) {
    this.#child = spawn(python, [SESSION_SCRIPT], { env: ENV, stdio: ['pipe', 'pipe', 'pipe'] })
    this.#child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.#stderr += chunk))
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      const pending = this.#pending.shift()
      if (!pending) return
      clearTimeout(pending.timer)
      pending.resolve(JSON.parse(line) as AwsCliRun)
    })
    this.#child.on('close', () => this.#failAll(`the CLI session ended: ${this.#stderr}`))
  }

  run(args: string[], timeoutMs: number): Promise<AwsCliRun> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.close(`timed out after ${timeoutMs} ms`), timeoutMs)
      this.#pending.push({ resolve, timer })
      this.#child.stdin.write(JSON.stringify(args) + '\n')
    })
  }

  get open(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null
  }

  close(reason = 'closed'): void {
    this.#failAll(reason)
    this.#child.kill()
  }

  #failAll(reason: string): void {
    for (const pending of this.#pending.splice(0)) {
      clearTimeout(pending.timer)
      pending.resolve({ code: -1, stdout: '', stderr: reason })
    }
  }
}

let session: Session | undefined
const python = pythonOf(AWS_CLI)

// The session of the test file that imports this module ends with the file.
afterAll(() => session?.close())

/** Starts the session now (a file's beforeAll), not with the first command; a no-op without one. */
export function startAwsCli(): void {
  if (python && !session?.open) session = new Session(python)
}

function runAsProcess(args: string[], timeoutMs: number): Promise<AwsCliRun> {
  return new Promise((resolve) => {
    execFile(AWS_CLI, args, { env: ENV, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** `aws <args> --endpoint-url <endpoint> --region us-east-1 --output json`; never rejects. */
export function runAwsCli(
  endpoint: string,
  args: string[],
  timeoutMs = 25_000
): Promise<AwsCliRun> {
  const fullArgs = [
    ...args,
    '--endpoint-url',
    endpoint,
    '--region',
    'us-east-1',
    '--output',
    'json'
  ]
  if (!python) return runAsProcess(fullArgs, timeoutMs)
  startAwsCli()
  return (session as Session).run(fullArgs, timeoutMs)
}

/** Like runAwsCli, but the JSON it printed, or an error with what it said. */
export async function awsCliJson<T>(endpoint: string, args: string[]): Promise<T> {
  const run = await runAwsCli(endpoint, args)
  if (run.code !== 0) {
    throw new Error(`${AWS_CLI} ${args.join(' ')} exited ${run.code}:\n${run.stderr}`)
  }
  return JSON.parse(run.stdout) as T
}
