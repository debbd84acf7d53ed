// The fault suite (issue 5), in process: run() against the local ECR server's fault injection
// (throttling, 5xx, resets, hangs, a chunk that fails for good) and the local GitHub server's
// faults on the pull-request comment. Each case asserts the job's result, the outputs and the
// annotations. The SDK retries for real with no backoff, and the comment's backoff is read off
// the fake clock; what a GITHUB_OUTPUT that cannot be written does is in e2e/process.test.ts.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { FIXTURES, SEEDED } from '../../server/fixtures.js'
import type { ActionRun } from '../../harness/run-action.js'
import { shown } from '../helpers/action-run.js'
import { pullRequestEvent } from '../helpers/events.js'
import { pinnedUri } from '../helpers/images.js'
import { runInProcess } from '../helpers/in-process.js'
import { useServers } from '../helpers/servers.js'

const REPOSITORY = SEEDED.api.repositoryName
const TAG = 'v1.13.6'
const DIGEST = SEEDED.api.image.digest
const MEDIA_TYPE = SEEDED.api.image.mediaType
const IMAGE_URI = pinnedUri(REPOSITORY, DIGEST)
const LOOK_UP = { repository: REPOSITORY, 'image-ids': TAG }
const TARGET = `repository '${REPOSITORY}' in the caller's own registry (no registry-id given), region us-east-1`

const TOKEN = 'ghs_faults_token'
const servers = useServers({ githubToken: TOKEN })

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

/** Step debug logging on, as a user chasing a flaky call would: the debug lines name the attempts. */
const STEP_DEBUG = { RUNNER_DEBUG: '1' }

/** The SDK's own count of attempts, from the action's debug line of the response. */
function attemptsLogged(run: ActionRun): string[] {
  return run.annotations
    .filter((a) => a.level === 'debug' && a.message.startsWith('BatchGetImage response'))
    .map((a) => /(\d+) attempt\(s\)/.exec(a.message)?.[1] ?? '?')
}

describe('ECR faults the SDK retries', () => {
  it('throttled 5 times in a row, then answered: success within max-attempts 6', async () => {
    servers.ecr.faults.throttle(5)
    const run = await runInProcess({
      inputs: { ...LOOK_UP, 'max-attempts': '6' },
      endpoint: servers.ecr.url,
      env: STEP_DEBUG
    })
    expect(run.code).toBe(0)
    expect(shown(run)).toEqual([])
    expectFoundOutputs(run)
    expect(servers.batchGetImageCalls()).toHaveLength(6)
    expect(attemptsLogged(run)).toEqual(['6'])
    expectNoStackTrace(run)
  })

  it('throttled beyond max-attempts: exit 1, a failure naming throttling and the attempts, outputs set', async () => {
    servers.ecr.faults.throttle(5)
    const run = await runInProcess({
      inputs: { ...LOOK_UP, 'max-attempts': '2' },
      endpoint: servers.ecr.url
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
    expect(servers.batchGetImageCalls()).toHaveLength(2)
    expect(run.summary).toContain('after 2 attempts')
    expectNoStackTrace(run)
  })

  it.each([500, 503])('a burst of HTTP %i is retried to success', async (status) => {
    servers.ecr.faults.serverError(2, status)
    const run = await runInProcess({ inputs: LOOK_UP, endpoint: servers.ecr.url, env: STEP_DEBUG })
    expect(run.code).toBe(0)
    expect(shown(run)).toEqual([])
    expectFoundOutputs(run)
    expect(servers.batchGetImageCalls()).toHaveLength(3)
    expect(attemptsLogged(run)).toEqual(['3'])
  })

  it('a connection reset mid-response is retried to success', async () => {
    servers.ecr.faults.reset(1)
    const run = await runInProcess({ inputs: LOOK_UP, endpoint: servers.ecr.url, env: STEP_DEBUG })
    expect(run.code).toBe(0)
    expect(shown(run)).toEqual([])
    expectFoundOutputs(run)
    expect(servers.batchGetImageCalls()).toHaveLength(2)
    expect(attemptsLogged(run)).toEqual(['2'])
  })

  it('a response slower than request-timeout is abandoned after the timeout and retried', async () => {
    servers.ecr.faults.hang(1, 5000)
    const started = Date.now()
    const run = await runInProcess({
      inputs: { ...LOOK_UP, 'request-timeout': '100ms' },
      endpoint: servers.ecr.url
    })
    const elapsed = Date.now() - started
    expect(run.code).toBe(0)
    expect(shown(run)).toEqual([])
    expectFoundOutputs(run)
    const calls = servers.batchGetImageCalls()
    expect(calls).toHaveLength(2)
    // The retry came when the 100 ms deadline ended the first attempt (no backoff here), not when
    // the 5 s hang ended.
    const gap = calls[1]!.at - calls[0]!.at
    expect(gap).toBeGreaterThanOrEqual(90)
    expect(gap).toBeLessThan(2000)
    expect(elapsed).toBeLessThan(2500)
  })
})

describe('one chunk of three failing for good', () => {
  const CHUNKED = 'team/chunks'
  const tags = Array.from({ length: 300 }, (_, i) => `t${String(i).padStart(3, '0')}`)

  beforeAll(() => {
    servers.ecr.createRepository(CHUNKED)
    for (const tag of tags) {
      servers.ecr.putImage({
        repositoryName: CHUNKED,
        manifest: FIXTURES.dockerImage.manifest,
        mediaType: FIXTURES.dockerImage.mediaType,
        tag
      })
    }
  })

  it('fails the job, yet sets the outputs of the chunks that answered', async () => {
    // t150 is only in the second call (ids 100 to 199): that call fails every time.
    servers.ecr.faults.failRepository({ repositoryName: CHUNKED, imageTag: 't150' })
    const run = await runInProcess({
      inputs: { repository: CHUNKED, 'image-ids': tags.join('\n'), 'max-attempts': '2' },
      endpoint: servers.ecr.url
    })
    expect(run.code).toBe(1)

    const calls = servers.batchGetImageCalls()
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
  const PULL_REQUEST_EVENT = pullRequestEvent(7)

  function commentRun(inputs: Record<string, string> = {}) {
    return runInProcess({
      inputs: { ...LOOK_UP, comment: 'true', 'github-token': TOKEN, ...inputs },
      endpoint: servers.ecr.url,
      event: PULL_REQUEST_EVENT,
      env: {
        GITHUB_API_URL: servers.github.url,
        GITHUB_WORKFLOW: 'CI',
        GITHUB_JOB: 'images',
        GITHUB_RUN_ID: '4242'
      }
    })
  }

  const CANNOT = 'Could not write the pull request comment'

  // [status, requests made, the backoff slept between attempts, the warning]
  it.each<[number, number, number[], string]>([
    [
      403,
      1,
      [],
      `${CANNOT}: the token may not comment (403 Resource not accessible by integration). The job ` +
        'needs `permissions: pull-requests: write` (on pull_request from a fork the token is ' +
        'read-only: use pull_request_target or skip the comment).'
    ],
    [
      404,
      1,
      [],
      `${CANNOT}: pull request or repository not found, or the token cannot see it (404 Not Found).`
    ],
    [
      500,
      3,
      [1000, 2000],
      `${CANNOT}: GitHub API unavailable (HTTP 500: Server Error), after retries.`
    ]
  ])(
    'HTTP %i on every request: a warning, outputs intact, exit 0 (%i request(s))',
    async (status, requests, backoff, warning) => {
      servers.github.faults.next('all', { status })
      const run = await commentRun()
      expect(run.code).toBe(0)
      expect(shown(run)).toEqual([{ level: 'warning', properties: {}, message: warning }])
      expectFoundOutputs(run)
      expect(run.summary).toContain('## ECR images')
      expect(servers.github.comments).toEqual([])
      // 5xx is retried (the whole find-then-write, 3 attempts); 403 and 404 are not.
      expect(servers.github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
        Array(requests).fill('GET /repos/octo-org/octo-repo/issues/7/comments')
      )
      // Doubling from 1 s, no jitter: waited on the run's clock.
      expect(run.clock.sleeps).toEqual(backoff)
      expectNoStackTrace(run)
    }
  )

  it('HTTP 403 on the write only: a warning, outputs intact, exit 0', async () => {
    servers.github.faults.next(1, { status: 403 }, 'POST')
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
    expect(servers.github.requests.map((r) => r.method)).toEqual(['GET', 'POST'])
    expect(servers.github.comments).toEqual([])
  })

  it('a GitHub API that does not answer the first request: retried after request-timeout, comment written', async () => {
    servers.github.faults.next(1, { hang: true })
    const started = Date.now()
    const run = await commentRun({ 'request-timeout': '100ms' })
    const elapsed = Date.now() - started
    expect(run.code).toBe(0)
    expect(shown(run)).toEqual([])
    expectFoundOutputs(run)
    // request-timeout bounds GitHub calls too (a real 100 ms deadline); then one backoff of 1 s
    // before the retry, on the run's clock.
    expect(elapsed).toBeGreaterThanOrEqual(100)
    expect(elapsed).toBeLessThan(2000)
    expect(run.clock.sleeps).toEqual([1000])
    expect(servers.github.requests.map((r) => `${r.method}${r.fault ? ' (hung)' : ''}`)).toEqual([
      'GET (hung)',
      'GET',
      'POST'
    ])
    expect(servers.github.comments).toHaveLength(1)
    const [comment] = servers.github.comments
    expect(comment!.body).toMatch(
      /^<!-- ecr-batch-get-image: workflow=CI; job=images -->\n## ECR images\n/
    )
    expect(comment!.body).toContain(`| ${REPOSITORY} | ${TAG} | ✅ found |`)
    expect(run.stdout).toContain(
      `Pull request comment created: https://github.com/octo-org/octo-repo/pull/7#issuecomment-${comment!.id}`
    )
  })
})
