// Issue 20, in process: run() against servers that mean to hold it or fool it. The local ECR
// server trickles answers a byte at a time (BatchGetImage, ListImageReferrers,
// GetDownloadUrlForLayer, the blob GET) and the local GitHub server trickles its answers, plants
// comments by other accounts that carry the step's marker, pages on forever and hands back an
// `html_url` holding a workflow command. A byte comes every 40 ms, more often than the deadline,
// so only a deadline to the last byte ends a call: with `request-timeout: 200ms` each run ends
// within a second where the trickle would take minutes. Nothing here sleeps: the trickle interval
// is the only wait, and the action's deadline ends it. The same deadline ending a real process:
// e2e/process.test.ts.
import { describe, expect, it } from '@jest/globals'
import { CONFIG_FIXTURES, SEEDED_APP } from '../../server/config-fixtures.js'
import { SEEDED } from '../../server/fixtures.js'
import type { ActionRun } from '../../harness/run-action.js'
import { runInProcess, type InProcessOptions } from '../helpers/in-process.js'
import { shownMessages } from '../helpers/action-run.js'
import { useServers } from '../helpers/servers.js'
import { OWNER, REPO, pullRequestEvent } from '../helpers/events.js'

const TOKEN = 'ghs_e2eHostileNetwork0000000000000000'
const MARKER = '<!-- ecr-batch-get-image: workflow=CI; job=images -->'
/** A byte every 40 ms: a BatchGetImage answer of ~1 kB would take most of a minute. */
const TRICKLE_MS = 40
/** The bound on a run whose every request ends at 200 ms. */
const BOUND_MS = 1500
const DEADLINE_TEXT =
  'did not complete within 200 ms (request-timeout: the deadline of each attempt, from sending ' +
  'the request to the last byte of the answer)'

const servers = useServers({ githubToken: TOKEN })

const API = { repository: SEEDED.api.repositoryName, 'image-ids': 'v1.13.6' }
const API_TARGET =
  `repository '${SEEDED.api.repositoryName}' in the caller's own registry (no registry-id ` +
  'given), region us-east-1'

/** One bounded run: request-timeout 200ms, max-attempts 1 unless the case says otherwise. */
async function timed(
  inputs: Record<string, string>,
  options: Partial<InProcessOptions> = {}
): Promise<{ run: ActionRun; ms: number }> {
  const started = Date.now()
  const run = await runInProcess({
    endpoint: servers.ecr.url,
    ...options,
    inputs: { 'request-timeout': '200ms', 'max-attempts': '1', ...inputs }
  })
  return { run, ms: Date.now() - started }
}

/** A run with the comment on, on pull request `number`, against the local GitHub server. */
function commentRun(number: number, inputs: Record<string, string> = {}) {
  return timed(
    { ...API, comment: 'true', 'github-token': TOKEN, ...inputs },
    {
      event: pullRequestEvent(number),
      env: { GITHUB_API_URL: servers.github.url, GITHUB_WORKFLOW: 'CI', GITHUB_JOB: 'images' }
    }
  )
}

const commentsOn = (number: number) =>
  servers.github.comments.filter((c) => c.issueNumber === number)

/** Every line of stdout the runner would take as a workflow command (`::name…::`). */
const commandLines = (run: ActionRun) =>
  run.stdout.split(/\r?\n/).filter((line) => /^\s*::/.test(line))

describe('a trickling ECR server: request-timeout is a deadline to the last byte', () => {
  it('a trickled BatchGetImage answer fails the call at 200 ms, naming the call and the deadline', async () => {
    servers.ecr.faults.trickle({ operation: 'BatchGetImage', intervalMs: TRICKLE_MS })
    const { run, ms } = await timed(API)
    expect(ms).toBeLessThan(BOUND_MS)
    expect(run.code).toBe(1)
    expect(shownMessages(run)).toEqual([
      {
        level: 'error',
        title: 'team/api v1.13.6',
        message:
          `ECR did not answer in time for ${API_TARGET} after 1 attempt (TimeoutError: ` +
          `BatchGetImage ${DEADLINE_TEXT}); raise request-timeout, or try again.`
      },
      { level: 'error', message: '1 of 1 image id(s): 1 failed. See the annotations above.' }
    ])
    expect(servers.batchGetImageCalls()).toHaveLength(1)
  })

  it('a trickled attempt is retried by the SDK, and the retry answers', async () => {
    servers.ecr.faults.trickle({ operation: 'BatchGetImage', count: 1, intervalMs: TRICKLE_MS })
    const { run, ms } = await timed({ ...API, 'max-attempts': '2' })
    expect(ms).toBeLessThan(BOUND_MS)
    expect(run.code).toBe(0)
    expect(run.outputs.digest).toBe(SEEDED.api.image.digest)
    expect(servers.batchGetImageCalls()).toHaveLength(2)
  })

  it.each([
    ['the blob GET', 'download', 'the GET of the blob from 127.0.0.1'],
    ['GetDownloadUrlForLayer', 'GetDownloadUrlForLayer', 'GetDownloadUrlForLayer']
  ] as const)(
    'a trickled config read (%s) makes the config unreadable at 200 ms, and the id fails',
    async (_, operation, named) => {
      servers.ecr.faults.trickle({ operation, intervalMs: TRICKLE_MS })
      const { run, ms } = await timed({
        repository: SEEDED_APP.repositoryName,
        'image-ids': SEEDED_APP.tags.amd64,
        'read-config': 'true'
      })
      expect(ms).toBeLessThan(BOUND_MS)
      expect(run.code).toBe(1)
      const [error] = shownMessages(run)
      expect(error?.level).toBe('error')
      expect(error?.message).toContain(CONFIG_FIXTURES.amd64Config.digest)
      expect(error?.message).toMatch(
        new RegExp(`${named}(:\\d+)? ${DEADLINE_TEXT.replace(/[()]/g, '\\$&')}`)
      )
    }
  )

  it('a trickled ListImageReferrers answer ends at 200 ms and the referrers are unknown', async () => {
    servers.ecr.faults.trickle({ operation: 'ListImageReferrers', intervalMs: TRICKLE_MS })
    const { run, ms } = await timed({ ...API, 'require-referrers': 'signature' })
    expect(ms).toBeLessThan(BOUND_MS)
    expect(run.code).toBe(1)
    expect(JSON.stringify(shownMessages(run))).toContain(`ListImageReferrers ${DEADLINE_TEXT}`)
  })
})

describe('a hostile GitHub API', () => {
  it('a trickled answer ends at 200 ms: a warning naming the call, outputs intact, no comment', async () => {
    servers.github.addComment({
      owner: OWNER,
      repo: REPO,
      issueNumber: 31,
      body: 'LGTM',
      login: 'octocat'
    })
    servers.github.faults.next('all', { trickleMs: TRICKLE_MS }, 'GET')
    const { run, ms } = await commentRun(31)
    expect(ms).toBeLessThan(BOUND_MS)
    expect(run.code).toBe(0)
    expect(run.outputs.digest).toBe(SEEDED.api.image.digest)
    expect(shownMessages(run)).toEqual([
      {
        level: 'warning',
        message:
          'Could not write the pull request comment: GitHub API unavailable: GET ' +
          `/repos/${OWNER}/${REPO}/issues/31/comments ${DEADLINE_TEXT}.`
      }
    ])
    // max-attempts: 1 bounds the comment's attempts too.
    expect(servers.github.requests).toHaveLength(1)
    expect(commentsOn(31)).toHaveLength(1)
  })

  it('never edits a comment carrying the marker that another account wrote', async () => {
    const planted = servers.github.addComment({
      owner: OWNER,
      repo: REPO,
      issueNumber: 32,
      body: `${MARKER}\n## ECR images\n\nall good, ship it`,
      login: 'mallory'
    })
    const { run } = await commentRun(32)
    expect(run.code).toBe(0)
    expect(planted.body).toBe(`${MARKER}\n## ECR images\n\nall good, ship it`)
    const [, mine] = commentsOn(32)
    expect(mine?.user.login).toBe('github-actions[bot]')
    expect(mine?.body.startsWith(`${MARKER}\n## ECR images\n`)).toBe(true)
    expect(shownMessages(run)).toEqual([
      {
        level: 'warning',
        message:
          "1 comment(s) on the pull request carry this step's marker but were written by " +
          "another account than the token's own (github-actions[bot]): comment " +
          `${planted.id} by mallory. Left as written; the action created its own comment.`
      }
    ])
    expect(servers.github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /repos/${OWNER}/${REPO}/issues/32/comments`,
      'POST /graphql',
      `POST /repos/${OWNER}/${REPO}/issues/32/comments`
    ])
    // The next run edits its own comment and leaves the planted one still.
    const again = await commentRun(32, { 'image-ids': 'v1.13.6 latest' })
    expect(again.run.code).toBe(0)
    expect(commentsOn(32)).toHaveLength(2)
    expect(planted.body).toBe(`${MARKER}\n## ECR images\n\nall good, ship it`)
    expect(commentsOn(32)[1]?.body).toContain('| team/api | latest |')
  })

  it('an endless comment list stops at the page cap with a warning, and nothing is written', async () => {
    servers.github.tampering.endlessPages = true
    const { run, ms } = await commentRun(33)
    expect(ms).toBeLessThan(BOUND_MS)
    expect(run.code).toBe(0)
    expect(shownMessages(run)).toEqual([
      {
        level: 'warning',
        message:
          "Could not write the pull request comment: the pull request's comment list goes on " +
          'past 50 pages (5,000 comments) and was not read further; the comment was not ' +
          'written, so as not to add a second one'
      }
    ])
    expect(servers.github.requests).toHaveLength(50)
    expect(commentsOn(33)).toEqual([])
  })

  it('an html_url holding a newline and a workflow command is not shown, and injects nothing', async () => {
    servers.github.tampering.htmlUrl = () =>
      'https://github.com/x\n::error::pwned\n##[error]pwned too'
    const { run } = await commentRun(34)
    expect(run.code).toBe(0)
    expect(commentsOn(34)).toHaveLength(1)
    expect(run.stdout.split('\n')).toContain(
      'Pull request comment created: (GitHub gave no https link on https://github.com)'
    )
    expect(run.stdout).not.toContain('pwned')
    expect(commandLines(run).filter((line) => !line.startsWith('::debug::'))).toEqual([])
    expect(run.annotations.filter((a) => a.level !== 'debug')).toEqual([])
  })

  it("GitHub's error message is one line in the warning: no workflow command gets through", async () => {
    servers.github.faults.next('all', { status: 422, message: 'Validation Failed\n::error::pwned' })
    const { run } = await commentRun(35)
    expect(run.code).toBe(0)
    expect(shownMessages(run)).toEqual([
      {
        level: 'warning',
        message:
          'Could not write the pull request comment: HTTP 422: Validation Failed\\n::error::pwned'
      }
    ])
    expect(commandLines(run).some((line) => line.startsWith('::error::'))).toBe(false)
  })
})
