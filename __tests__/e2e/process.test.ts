// End to end, what only a process shows: dist/index.js run as the runner runs it (a child
// process, INPUT_* variables, file commands). The exit code and the GITHUB_OUTPUT file when the
// inputs are bad or the file cannot be written; what the SDK reads from the process's environment
// (AWS_ENDPOINT_URL_ECR, the default credential chain); SIGINT during a wait; registry text in the
// log of a real process; the files of a step that cannot write its outputs, and a link planted
// outside the workspace; a deadline ending a process held by a trickling server. Every other case
// runs in process (__tests__/integration/), through the same run() the bundle runs.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { SEEDED } from '../../server/fixtures.js'
import { runAction, type ActionRun, type RunActionOptions } from '../../harness/run-action.js'
import { expectCancelledWait, shown, shownMessages } from '../helpers/action-run.js'
import { badInput, inputProblemsMessage } from '../helpers/bad-inputs.js'
import {
  expectNeutralisedMarkdown,
  expectNoInjectedCommands,
  HOSTILE,
  RAW_CONTROLS,
  reportingEverywhere
} from '../helpers/hostile-text.js'
import { taggedUri } from '../helpers/images.js'
import { useServers } from '../helpers/servers.js'

const servers = useServers({ tempDir: 'e2e-process-' })

const REPOSITORY = SEEDED.api.repositoryName
const TAG = 'v1.13.6'
const API_DIGEST = SEEDED.api.image.digest
const LOOK_UP = { repository: REPOSITORY, 'image-ids': TAG }
const REFERENCE = taggedUri(REPOSITORY, TAG)
const PINNED = `${REFERENCE}@${API_DIGEST}`

function run(inputs: Record<string, string>, options: Partial<RunActionOptions> = {}) {
  return runAction({ inputs, endpoint: servers.ecr.url, ...options })
}

/** No stack trace anywhere: the runner shows stdout and stderr to the user. */
function expectNoStackTrace(result: ActionRun): void {
  expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/^\s+at /m)
}

/** Exit 1 with this one error annotation, and no stack trace. */
function expectOnlyError(result: ActionRun, message: string): void {
  expect(result.code).toBe(1)
  expect(shown(result)).toEqual([{ level: 'error', properties: {}, message }])
  expectNoStackTrace(result)
}

/** A workspace of the test's own, removed after it. */
async function withWorkspace<T>(body: (workspace: string) => Promise<T>): Promise<T> {
  const workspace = await mkdtemp(join(tmpdir(), 'e2e-process-workspace-'))
  try {
    return await body(workspace)
  } finally {
    await rm(workspace, { recursive: true, force: true })
  }
}

async function put(workspace: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(workspace, path)), { recursive: true })
    await writeFile(join(workspace, path), text)
  }
}

describe('bad inputs: exit 1, one ::error::, nothing sent, an empty GITHUB_OUTPUT file', () => {
  // A few of the table's cases (all of them run in process): none, the environment's, a secret in
  // a value, several at once.
  const CASES = [
    'nothing at all',
    'no region anywhere',
    'http-proxy with an unsupported scheme, credentials hidden',
    'five problems at once'
  ].map(badInput)

  // The four runs are independent (none may reach the server): run at once, each checked alone.
  it('four cases, each with its own message', async () => {
    const results = await Promise.all(
      CASES.map(async ([name, inputs, env], index) => {
        const output = join(servers.dir, `bad-inputs-output-${index}`)
        await writeFile(output, '')
        const result = await run(inputs, { env: { ...env, GITHUB_OUTPUT: output } })
        return { name, result, output: await readFile(output, 'utf8') }
      })
    )
    expect(servers.ecr.calls).toEqual([])
    results.forEach(({ name, result, output }, index) => {
      expect({ name, output, summary: result.summary }).toEqual({ name, output: '', summary: '' })
      expectOnlyError(result, inputProblemsMessage(CASES[index]![3]))
      // A proxy password never reaches the log.
      expect(`${result.stdout}${result.stderr}`).not.toContain('s3cret')
    })
  })
})

describe('GITHUB_OUTPUT that cannot be written', () => {
  it('a path in a directory that does not exist: a clear ::error::, no stack trace', async () => {
    const path = join(servers.dir, 'no-such-dir', 'output')
    const result = await run(LOOK_UP, { env: { GITHUB_OUTPUT: path } })
    expectOnlyError(
      result,
      `Cannot write the step output 'images' to the GITHUB_OUTPUT file: Missing file at path: ${path}`
    )
  })

  it('a directory: a clear ::error::, no stack trace', async () => {
    const result = await run(LOOK_UP, { env: { GITHUB_OUTPUT: servers.dir } })
    expectOnlyError(
      result,
      `Cannot write the step output 'images' to the GITHUB_OUTPUT file: EISDIR: illegal operation on a directory, open '${servers.dir}'`
    )
  })

  it('absent: a clear ::error:: before anything is sent to ECR', async () => {
    const result = await run(LOOK_UP, { env: { GITHUB_OUTPUT: undefined } })
    expectOnlyError(
      result,
      'GITHUB_OUTPUT is not set, so step outputs cannot be written: run this action in GitHub ' +
        'Actions (runner 2.297.0 or later), or set GITHUB_OUTPUT to a writable file.'
    )
    expect(servers.ecr.calls).toEqual([])
    // @actions/core falls back to the removed ::set-output command without the file: never used.
    expect(result.stdout).not.toContain('::set-output')
  })

  it('pin-files rewrites no file when the step outputs cannot be written', async () => {
    await withWorkspace(async (workspace) => {
      await put(workspace, { 'a.yaml': `image: ${REFERENCE}\n`, 'b.yaml': `image: ${REFERENCE}\n` })
      const output = join(servers.dir, 'output-is-a-directory')
      await mkdir(output)

      const result = await run(
        { 'pin-files': '*.yaml', 'max-attempts': '1' },
        { env: { GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: output } }
      )

      expect(result.code).toBe(1)
      expect(shown(result).find((a) => a.level === 'error')?.message).toMatch(
        /^Cannot write the step output '.+' to the GITHUB_OUTPUT file/
      )
      expect(await readFile(join(workspace, 'a.yaml'), 'utf8')).toBe(`image: ${REFERENCE}\n`)
      expect(await readFile(join(workspace, 'b.yaml'), 'utf8')).toBe(`image: ${REFERENCE}\n`)
      expect((await readdir(workspace, { recursive: true })).sort()).toEqual(['a.yaml', 'b.yaml'])
    })
  })
})

describe("the SDK's environment", () => {
  it('the endpoint input wins over AWS_ENDPOINT_URL_ECR', async () => {
    // Nothing listens on the discard port: without the input, the call cannot reach anything.
    const dead = { AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:9' }
    const [unreachable, result] = await Promise.all([
      run({ ...LOOK_UP, 'max-attempts': '1' }, { endpoint: undefined, env: dead }),
      run(
        { ...LOOK_UP, 'max-attempts': '1', endpoint: servers.ecr.url },
        { endpoint: undefined, env: dead }
      )
    ])
    expect(unreachable.code).toBe(1)
    expect(shownMessages(unreachable)[0]?.message).toMatch(
      /^Could not reach the ECR endpoint of region us-east-1 for repository 'team\/api' .*\(ECONNREFUSED: /
    )
    expect(result.code).toBe(0)
    expect(result.outputs.digest).toBe(API_DIGEST)
    // Only the run given the endpoint reached the server.
    expect(servers.batchGetImageCalls()).toHaveLength(1)
  })

  it('no credentials anywhere: the message points to configure-aws-credentials, nothing is sent', async () => {
    const config = join(servers.dir, 'empty-config')
    const credentials = join(servers.dir, 'empty-credentials')
    await writeFile(config, '')
    await writeFile(credentials, '')
    const result = await run(LOOK_UP, {
      env: {
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
        AWS_CONFIG_FILE: config,
        AWS_SHARED_CREDENTIALS_FILE: credentials,
        AWS_EC2_METADATA_DISABLED: 'true'
      }
    })

    expect(result.code).toBe(1)
    expect(servers.batchGetImageCalls()).toHaveLength(0)
    expect(shownMessages(result)).toEqual([
      {
        level: 'error',
        title: 'team/api v1.13.6',
        message:
          'No AWS credentials found: run aws-actions/configure-aws-credentials before this step ' +
          '(role-to-assume with `permissions: id-token: write`), or set AWS_ACCESS_KEY_ID and ' +
          'AWS_SECRET_ACCESS_KEY (CredentialsProviderError: Could not load credentials from any providers).'
      },
      { level: 'error', message: '1 of 1 image id(s): 1 failed. See the annotations above.' }
    ])
    expect(result.outputs.missing).toBe(JSON.stringify([TAG]))
    expect(result.outputs['all-found']).toBe('false')
    expectNoStackTrace(result)
  })
})

describe('signals', () => {
  it('stops within 3 s of SIGINT during a wait, writing the outputs found so far', async () => {
    servers.ecr.createRepository('wait/cancelled')
    const result = await run(
      {
        repository: 'wait/cancelled',
        'image-ids': 'v1',
        'wait-timeout': '60s',
        'wait-interval': '10s',
        'max-attempts': '1'
      },
      { interrupt: { when: /found, waiting/ } }
    )
    expectCancelledWait(result, 'wait/cancelled', 'v1')
    // The handler's fallback exits 130 after 3 s; the abort must beat it.
    expect(result.exitAfterSignalMs).toBeLessThan(3000)
    expect(Number(result.outputs['waited-seconds'])).toBeLessThan(9)
  })
})

describe('an error message from ECR in the log of a process', () => {
  let result: ActionRun
  let comment: string
  const REASON_START =
    "BatchGetImage failed for repository 'team/api' in the caller's own registry (no " +
    'registry-id given), region us-east-1 after 1 attempt (KmsException: **bold** _em_ `code`'

  beforeAll(async () => {
    servers.ecr.faults.failRepository({
      repositoryName: REPOSITORY,
      code: 'KmsException',
      status: 400,
      message: HOSTILE
    })
    result = await runAction({
      endpoint: servers.ecr.url,
      ...reportingEverywhere(servers.github.url, LOOK_UP)
    })
    comment = servers.github.comments.map((c) => c.body).join('\n---\n')
  })

  it('fails the job with the message carried inside the action’s own annotation, not split off', () => {
    expect(result.code).toBe(1)
    const [failure, summary, ...more] = shown(result)
    expect(more).toEqual([])
    expect(failure).toMatchObject({ level: 'error', title: 'team/api v1.13.6' })
    expect(failure!.message.startsWith(REASON_START)).toBe(true)
    expect(failure!.message).toContain('::error::injected from the registry')
    expect(failure!.message.endsWith('| a | b |).')).toBe(true)
    expect(summary).toEqual({
      level: 'error',
      properties: {},
      message: '1 of 1 image id(s): 1 failed. See the annotations above.'
    })
  })

  it('starts no workflow command in the log', () => {
    // The request and error debug lines, the annotation, and setFailed's error.
    expectNoInjectedCommands(result, 4)
  })

  it('is neutralised in the job summary', () => {
    expectNeutralisedMarkdown(result.summary, ['## ECR images', '### Failures'])
    const row = result.summary.split('\n').find((line) => line.includes('KmsException'))
    // The failure row keeps its four cells: no pipe of the message splits it.
    expect(row?.match(/(?<!\\)\|/g)).toHaveLength(5)
  })

  it('is neutralised in the pull-request comment', () => {
    expect(comment).toMatch(/^<!-- ecr-batch-get-image: workflow=CI; job=images -->\n/)
    expectNeutralisedMarkdown(comment, ['## ECR images', '### Failures'])
    expect(comment.split('\n').find((line) => line.includes('KmsException'))).toBe(
      result.summary.split('\n').find((line) => line.includes('KmsException'))
    )
  })

  it('reaches the log with its control characters as visible escapes, never raw', () => {
    // A raw ESC colours or hides the rest of the log line; BEL, bidi overrides and zero-width
    // characters disguise what the line says. The log table already escapes them (sanitizeForLog).
    expect(result.stdout).not.toMatch(RAW_CONTROLS)
    expect(result.stderr).not.toMatch(RAW_CONTROLS)
  })
})

describe('files outside the workspace', () => {
  /** The last pid Linux handed out (the next child's is just after it); else this process's. */
  function lastPid(): number {
    try {
      return Number(readFileSync('/proc/sys/kernel/ns_last_pid', 'utf8'))
    } catch {
      return process.pid
    }
  }

  it('pin-files never follows a link planted where a temporary file was once named', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'e2e-process-outside-'))
    try {
      await withWorkspace(async (workspace) => {
        await put(workspace, { 'deploy.yaml': `image: ${REFERENCE}\n` })
        const victim = join(outside, 'victim')
        await writeFile(victim, 'untouched\n')
        // The old name was `.<file>.<pid>.pin-tmp`: plant it for the next pids the system hands
        // out, which the action's process takes.
        const last = lastPid()
        for (let pid = last + 1; pid <= last + 1000; pid++) {
          await symlink(victim, join(workspace, `.deploy.yaml.${pid}.pin-tmp`))
        }
        const before = (await readdir(workspace, { recursive: true })).sort()

        const result = await run(
          { 'pin-files': 'deploy.yaml', 'max-attempts': '1' },
          { env: { GITHUB_WORKSPACE: workspace } }
        )

        expect(result.code).toBe(0)
        expect(await readFile(join(workspace, 'deploy.yaml'), 'utf8')).toBe(`image: ${PINNED}\n`)
        expect(await readFile(victim, 'utf8')).toBe('untouched\n')
        expect((await readdir(workspace, { recursive: true })).sort()).toEqual(before)
      })
    } finally {
      await rm(outside, { recursive: true, force: true })
    }
  })
})

describe('a deadline ends a process held by a trickling server', () => {
  it('a BatchGetImage answer trickled a byte every 50 ms ends at request-timeout 300ms', async () => {
    servers.ecr.faults.trickle({ operation: 'BatchGetImage', intervalMs: 50 })
    const started = Date.now()
    const result = await run({ ...LOOK_UP, 'request-timeout': '300ms', 'max-attempts': '1' })
    // Node's start, the deadline, the reports: a trickle of the whole answer would take a minute.
    expect(Date.now() - started).toBeLessThan(3000)
    expect(result.code).toBe(1)
    expect(shownMessages(result)).toEqual([
      {
        level: 'error',
        title: 'team/api v1.13.6',
        message:
          `ECR did not answer in time for repository '${REPOSITORY}' in the caller's own registry ` +
          '(no registry-id given), region us-east-1 after 1 attempt (TimeoutError: BatchGetImage ' +
          'did not complete within 300 ms (request-timeout: the deadline of each attempt, from ' +
          'sending the request to the last byte of the answer)); raise request-timeout, or try again.'
      },
      { level: 'error', message: '1 of 1 image id(s): 1 failed. See the annotations above.' }
    ])
    expect(result.outputs.missing).toBe(JSON.stringify([TAG]))
    expectNoStackTrace(result)
  })
})
