// The fault suite (issue 5), end to end: dist/index.js run as the runner runs it, against the
// local ECR server's fault injection (throttling, 5xx, resets, hangs, a chunk that fails for
// good), the local GitHub server's faults on the pull-request comment, and a GITHUB_OUTPUT that
// cannot be written. Each case asserts the exit code, the outputs and the annotations.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { FIXTURES, SEEDED } from '../../server/fixtures.js'
import { startGitHubServer, type GitHubServer } from '../../server/github-server.js'
import { shown } from '../helpers/action-run.js'
import { useEcrServer } from '../helpers/ecr-fixture.js'
import { pullRequestEvent } from '../helpers/events.js'
import { pinnedUri } from '../helpers/images.js'
import { runAction, type ActionRun } from '../../harness/run-action.js'

const REPOSITORY = SEEDED.api.repositoryName
const TAG = 'v1.13.6'
const DIGEST = SEEDED.api.image.digest
const MEDIA_TYPE = SEEDED.api.image.mediaType
const IMAGE_URI = pinnedUri(REPOSITORY, DIGEST)
const LOOK_UP = { repository: REPOSITORY, 'image-ids': TAG }
const TARGET = `repository '${REPOSITORY}' in the caller's own registry (no registry-id given), region us-east-1`

const ecr = useEcrServer({ tempDir: 'e2e-faults-', resetAfterEach: ['faults', 'calls'] })

/** The outputs of one found `team/api v1.13.6`, whatever went wrong on the way. */
function expectFoundOutputs(run: ActionRun): void {
  expect(run.outputs).toMatchObject({
    digest: DIGEST,
    'media-type': MEDIA_TYPE,
    'image-uri': IMAGE_URI,
    digests: JSON.stringify({ [TAG]: DIGEST }),
    'image-uris': JSON.stringify({ [TAG]: IMAGE_URI }),
    missing: '[]',
    'found-count': '1',
    'missing-count': '0',
    'all-found': 'true'
  })
}

/** No stack trace anywhere: the runner shows stdout and stderr to the user. */
function expectNoStackTrace(run: ActionRun): void {
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at /m)
}

/** The SDK's own count of attempts, from the action's debug line of the response. */
/** Step debug logging on, as a user chasing a flaky call would: the debug lines name the attempts. */
const STEP_DEBUG = { RUNNER_DEBUG: '1' }

function attemptsLogged(run: ActionRun): string[] {
  return run.annotations
    .filter((a) => a.level === 'debug' && a.message.startsWith('BatchGetImage response'))
    .map((a) => /(\d+) attempt\(s\)/.exec(a.message)?.[1] ?? '?')
}

describe('ECR faults the SDK retries', () => {
  it('throttled 5 times in a row, then answered: success within max-attempts 6', async () => {
    ecr.server.faults.throttle(5)
    // Throttling backoff is real (1 s base, doubling, full jitter): up to ~31 s for 5 retries.
    const run = await runAction({
      inputs: { ...LOOK_UP, 'max-attempts': '6' },
      endpoint: ecr.server.url,
      env: STEP_DEBUG,
      timeoutMs: 55_000
    })
    expect(run.code).toBe(0)
    expect(shown(run)).toEqual([])
    expectFoundOutputs(run)
    expect(ecr.batchGetImageCalls()).toHaveLength(6)
    expect(attemptsLogged(run)).toEqual(['6'])
    expectNoStackTrace(run)
  }, 60_000)

  it('throttled beyond max-attempts: exit 1, a failure naming throttling and the attempts, outputs set', async () => {
    ecr.server.faults.throttle(5)
    const run = await runAction({
      inputs: { ...LOOK_UP, 'max-attempts': '2' },
      endpoint: ecr.server.url
    })
    expect(run.code).toBe(1)
    expect(shown(run)).toEqual([
      {
        level: 'error',
        title: `${REPOSITORY} ${TAG}`,
        properties: { title: `${REPOSITORY} ${TAG}` },
        message:
          `ECR kept throttling BatchGetImage for ${TARGET} after 2 attempts; raise max-attempts, ` +
          'run fewer jobs at once, or ask AWS for a higher BatchGetImage quota ' +
          '(ThrottlingException: Rate exceeded).'
      },
      {
        level: 'error',
        properties: {},
        message: '1 of 1 image id(s): 1 failed. See the annotations above.'
      }
    ])
    expect(run.outputs).toMatchObject({
      images: '[]',
      digest: '',
      digests: '{}',
      'image-uris': '{}',
      missing: JSON.stringify([TAG]),
      'found-count': '0',
      'missing-count': '1',
      'all-found': 'false'
    })
    expect(ecr.batchGetImageCalls()).toHaveLength(2)
    expect(run.summary).toContain('after 2 attempts')
    expectNoStackTrace(run)
  })

  it.each([500, 503])('a burst of HTTP %i is retried to success', async (status) => {
    ecr.server.faults.serverError(2, status)
    const run = await runAction({ inputs: LOOK_UP, endpoint: ecr.server.url, env: STEP_DEBUG })
    expect(run.code).toBe(0)
    expect(shown(run)).toEqual([])
    expectFoundOutputs(run)
    expect(ecr.batchGetImageCalls()).toHaveLength(3)
    expect(attemptsLogged(run)).toEqual(['3'])
  })

  it('a connection reset mid-response is retried to success', async () => {
    ecr.server.faults.reset(1)
    const run = await runAction({ inputs: LOOK_UP, endpoint: ecr.server.url, env: STEP_DEBUG })
    expect(run.code).toBe(0)
    expect(shown(run)).toEqual([])
    expectFoundOutputs(run)
    expect(ecr.batchGetImageCalls()).toHaveLength(2)
    expect(attemptsLogged(run)).toEqual(['2'])
  })

  it('a response slower than request-timeout is abandoned after the timeout and retried', async () => {
    ecr.server.faults.hang(1, 5000)
    const started = Date.now()
    const run = await runAction({
      inputs: { ...LOOK_UP, 'request-timeout': '1s' },
      endpoint: ecr.server.url
    })
    const elapsed = Date.now() - started
    expect(run.code).toBe(0)
    expect(shown(run)).toEqual([])
    expectFoundOutputs(run)
    const calls = ecr.batchGetImageCalls()
    expect(calls).toHaveLength(2)
    // The retry came when the 1 s timeout fired, not when the 5 s hang ended.
    const gap = calls[1]!.at - calls[0]!.at
    expect(gap).toBeGreaterThanOrEqual(900)
    expect(gap).toBeLessThan(4000)
    expect(elapsed).toBeLessThan(4500)
  })
})

describe('one chunk of three failing for good', () => {
  const CHUNKED = 'team/chunks'
  const tags = Array.from({ length: 300 }, (_, i) => `t${String(i).padStart(3, '0')}`)

  beforeAll(() => {
    ecr.server.createRepository(CHUNKED)
    for (const tag of tags) {
      ecr.server.putImage({
        repositoryName: CHUNKED,
        manifest: FIXTURES.dockerImage.manifest,
        mediaType: FIXTURES.dockerImage.mediaType,
        tag
      })
    }
  })

  it('fails the job, yet sets the outputs of the chunks that answered', async () => {
    // t150 is only in the second call (ids 100 to 199): that call fails every time.
    ecr.server.faults.failRepository({ repositoryName: CHUNKED, imageTag: 't150' })
    const run = await runAction({
      inputs: { repository: CHUNKED, 'image-ids': tags.join('\n'), 'max-attempts': '2' },
      endpoint: ecr.server.url
    })
    expect(run.code).toBe(1)

    const calls = ecr.batchGetImageCalls()
    const idsOf = (call: (typeof calls)[number]) =>
      (call.body.imageIds as { imageTag: string }[]).map((id) => id.imageTag)
    // Three chunks of 100; the failing one asked max-attempts (2) times.
    expect(calls).toHaveLength(4)
    const asked = calls.map((call) => idsOf(call)[0])
    expect(asked.sort()).toEqual(['t000', 't100', 't100', 't200'])
    for (const call of calls) expect(idsOf(call)).toHaveLength(100)

    const first = tags.slice(0, 100)
    const second = tags.slice(100, 200)
    const third = tags.slice(200)
    const digests = JSON.parse(run.outputs.digests ?? 'null') as Record<string, string>
    expect(Object.keys(digests)).toEqual([...first, ...third])
    expect(new Set(Object.values(digests))).toEqual(new Set([FIXTURES.dockerImage.digest]))
    expect(JSON.parse(run.outputs.missing ?? 'null')).toEqual(second)
    expect(run.outputs).toMatchObject({
      digest: FIXTURES.dockerImage.digest,
      'found-count': '200',
      'missing-count': '100',
      'all-found': 'false'
    })
    const images = JSON.parse(run.outputs.images ?? 'null') as { imageId: { imageTag: string } }[]
    expect(images.map((image) => image.imageId.imageTag)).toEqual([...first, ...third])

    const reason =
      `ECR answered with a server error for repository '${CHUNKED}' in the caller's own registry ` +
      `(no registry-id given), region us-east-1 after 2 attempts (ServerException: Injected ` +
      `failure for repository '${CHUNKED}'); it may be unavailable, try again.`
    const errors = shown(run)
    // The failed call is said once, naming its ids, not once per id.
    expect(errors).toHaveLength(2)
    expect(errors[0]).toEqual({
      level: 'error',
      title: `${CHUNKED}: 100 image ids`,
      properties: { title: `${CHUNKED}: 100 image ids` },
      message: `${reason} Image ids: ${second.slice(0, 10).join(', ')} and 90 more.`
    })
    expect(errors[1]).toEqual({
      level: 'error',
      properties: {},
      message: '100 of 300 image id(s): 100 failed. See the annotations above.'
    })
    expectNoStackTrace(run)
  })
})

describe('GitHub API faults on the pull-request comment', () => {
  let github: GitHubServer

  beforeAll(async () => {
    github = await startGitHubServer({ token: 'ghs_e2e_token' })
  })

  afterEach(() => {
    github.faults.clear()
    github.requests.length = 0
    github.comments.length = 0
  })

  afterAll(async () => {
    await github.close()
  })

  const PULL_REQUEST_EVENT = pullRequestEvent(7)

  function commentRun(inputs: Record<string, string> = {}): Promise<ActionRun> {
    return runAction({
      inputs: { ...LOOK_UP, comment: 'true', 'github-token': 'ghs_e2e_token', ...inputs },
      endpoint: ecr.server.url,
      event: PULL_REQUEST_EVENT,
      env: {
        GITHUB_API_URL: github.url,
        GITHUB_WORKFLOW: 'CI',
        GITHUB_JOB: 'images',
        GITHUB_RUN_ID: '4242'
      }
    })
  }

  const CANNOT = 'Could not write the pull request comment'

  it.each([
    [
      403,
      1,
      `${CANNOT}: the token may not comment (403 Resource not accessible by integration). The job ` +
        'needs `permissions: pull-requests: write` (on pull_request from a fork the token is ' +
        'read-only: use pull_request_target or skip the comment).'
    ],
    [
      404,
      1,
      `${CANNOT}: pull request or repository not found, or the token cannot see it (404 Not Found).`
    ],
    [500, 3, `${CANNOT}: GitHub API unavailable (HTTP 500: Server Error), after retries.`]
  ])(
    'HTTP %i on every request: a warning, outputs intact, exit 0 (%i request(s))',
    async (status, requests, warning) => {
      github.faults.next('all', { status })
      const run = await commentRun()
      expect(run.code).toBe(0)
      expect(shown(run)).toEqual([{ level: 'warning', properties: {}, message: warning }])
      expectFoundOutputs(run)
      expect(run.summary).toContain('## ECR images')
      expect(github.comments).toEqual([])
      // 5xx is retried (the whole find-then-write, 3 attempts); 403 and 404 are not.
      expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
        Array(requests).fill('GET /repos/octo-org/octo-repo/issues/7/comments')
      )
      expectNoStackTrace(run)
    }
  )

  it('HTTP 403 on the write only: a warning, outputs intact, exit 0', async () => {
    github.faults.next(1, { status: 403 }, 'POST')
    const run = await commentRun()
    expect(run.code).toBe(0)
    expect(shown(run)).toEqual([
      {
        level: 'warning',
        properties: {},
        message:
          `${CANNOT}: the token may not comment (403 Resource not accessible by integration). The ` +
          'job needs `permissions: pull-requests: write` (on pull_request from a fork the token ' +
          'is read-only: use pull_request_target or skip the comment).'
      }
    ])
    expectFoundOutputs(run)
    expect(github.requests.map((r) => r.method)).toEqual(['GET', 'POST'])
    expect(github.comments).toEqual([])
  })

  it('a GitHub API that does not answer the first request: retried after request-timeout, comment written', async () => {
    github.faults.next(1, { hang: true })
    const started = Date.now()
    const run = await commentRun({ 'request-timeout': '2s' })
    const elapsed = Date.now() - started
    expect(run.code).toBe(0)
    expect(shown(run)).toEqual([])
    expectFoundOutputs(run)
    // request-timeout bounds GitHub calls too; then one backoff of 1 s before the retry.
    expect(elapsed).toBeGreaterThanOrEqual(3000)
    expect(elapsed).toBeLessThan(8000)
    expect(github.requests.map((r) => `${r.method}${r.fault ? ' (hung)' : ''}`)).toEqual([
      'GET (hung)',
      'GET',
      'POST'
    ])
    expect(github.comments).toHaveLength(1)
    const [comment] = github.comments
    expect(comment!.body).toMatch(
      /^<!-- ecr-batch-get-image: workflow=CI; job=images -->\n## ECR images\n/
    )
    expect(comment!.body).toContain(`| ${REPOSITORY} | ${TAG} | ✅ found |`)
    expect(run.stdout).toContain(
      `Pull request comment created: https://github.com/octo-org/octo-repo/pull/7#issuecomment-${comment!.id}`
    )
  })
})

describe('GITHUB_OUTPUT that cannot be written', () => {
  function expectOnlyError(run: ActionRun, message: string): void {
    expect(run.code).toBe(1)
    expect(shown(run)).toEqual([{ level: 'error', properties: {}, message }])
    expectNoStackTrace(run)
  }

  it('a path in a directory that does not exist: a clear ::error::, no stack trace', async () => {
    const path = join(ecr.dir, 'no-such-dir', 'output')
    const run = await runAction({
      inputs: LOOK_UP,
      endpoint: ecr.server.url,
      env: { GITHUB_OUTPUT: path }
    })
    expectOnlyError(
      run,
      `Cannot write the step output 'images' to the GITHUB_OUTPUT file: Missing file at path: ${path}`
    )
  })

  it('a directory: a clear ::error::, no stack trace', async () => {
    const run = await runAction({
      inputs: LOOK_UP,
      endpoint: ecr.server.url,
      env: { GITHUB_OUTPUT: ecr.dir }
    })
    expectOnlyError(
      run,
      `Cannot write the step output 'images' to the GITHUB_OUTPUT file: EISDIR: illegal operation on a directory, open '${ecr.dir}'`
    )
  })

  it('absent: a clear ::error:: before anything is sent to ECR', async () => {
    const run = await runAction({
      inputs: LOOK_UP,
      endpoint: ecr.server.url,
      env: { GITHUB_OUTPUT: undefined }
    })
    expectOnlyError(
      run,
      'GITHUB_OUTPUT is not set, so step outputs cannot be written: run this action in GitHub ' +
        'Actions (runner 2.297.0 or later), or set GITHUB_OUTPUT to a writable file.'
    )
    expect(ecr.server.calls).toEqual([])
    // @actions/core falls back to the removed ::set-output command without the file: never used.
    expect(run.stdout).not.toContain('::set-output')
  })
})
