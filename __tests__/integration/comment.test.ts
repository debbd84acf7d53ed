// Issue 3, in process: run() against the local ECR server and the local GitHub REST API. The
// pull-request comment (created, then updated in place, one per comment-key, a 403 that only
// warns, no comment outside pull requests), the job summary, the `platform` and
// `resolve-platforms` inputs, and registry text that tries to break out of the Markdown, ping
// someone or forge a workflow command.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { OWNER, REPO, pullRequestEvent } from '../helpers/events.js'
import { expectSuccess, shown } from '../helpers/action-run.js'
import { useServers } from '../helpers/servers.js'
import { imageSize, ociImageManifest, pinnedUri, taggedUri } from '../helpers/images.js'
import type { ActionRun } from '../../harness/run-action.js'
import { runInProcess, type InProcessOptions } from '../helpers/in-process.js'
import { SEEDED, SEED_REGISTRY_ID } from '../../server/fixtures.js'

const TOKEN = 'ghs_e2eCommentToken000000000000000000'
const WORKFLOW = 'CI'
const JOB = 'images'
const RUN_ID = '4242'

const servers = useServers({ githubToken: TOKEN })

const pushEvent = {
  name: 'push',
  payload: {
    ref: 'refs/heads/main',
    before: '9049f1265b7d61be4a8904a9a27120d2064dab3b',
    after: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
    repository: { name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER } },
    pusher: { name: 'octocat' }
  }
}

const GITHUB_ENV = () => ({
  GITHUB_API_URL: servers.github.url,
  GITHUB_WORKFLOW: WORKFLOW,
  GITHUB_JOB: JOB,
  GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: RUN_ID
})

/** One step run: comment on by default, pointed at both local servers. */
function run(
  inputs: Record<string, string>,
  options: Partial<InProcessOptions> = {}
): Promise<ActionRun> {
  return runInProcess({
    endpoint: servers.ecr.url,
    event: pullRequestEvent(1),
    ...options,
    inputs: { comment: 'true', 'github-token': TOKEN, 'max-attempts': '1', ...inputs },
    env: { ...GITHUB_ENV(), ...options.env }
  })
}

const commentsOn = (number: number) =>
  servers.github.comments.filter(
    (c) => c.owner === OWNER && c.repo === REPO && c.issueNumber === number
  )

const MARKER = `<!-- ecr-batch-get-image: workflow=${WORKFLOW}; job=${JOB} -->`
const API_DIGEST = SEEDED.api.image.digest
const MULTI_DIGEST = SEEDED.multi.image.digest
const [AMD64_CHILD, ARM64_CHILD] = SEEDED.multi.children

describe('pull request comment', () => {
  it('creates one comment, then updates that same comment on the next run', async () => {
    const first = await run(
      { repository: 'team/api', 'image-ids': 'v1.13.6' },
      { event: pullRequestEvent(11, 'opened') }
    )
    expectSuccess(first)
    expect(commentsOn(11)).toHaveLength(1)
    const created = commentsOn(11)[0]!
    expect(first.stdout).toContain(
      `Pull request comment created: https://github.com/${OWNER}/${REPO}/pull/11#issuecomment-${created.id}\n`
    )
    expect(created.body.startsWith(`${MARKER}\n## ECR images\n`)).toBe(true)
    expect(created.body).toContain('| team/api | v1.13.6 | ✅ found | `sha256:')
    expect(created.body).not.toContain('latest')
    expect(first.outputs.digest).toBe(API_DIGEST)
    // The token the step was given is the one sent.
    const posted = servers.github.requests.find(
      (r) => r.method === 'POST' && r.path.endsWith('/11/comments')
    )
    expect(posted?.headers.authorization).toMatch(new RegExp(`^(token|bearer) ${TOKEN}$`, 'i'))

    const second = await run(
      { repository: 'team/api', 'image-ids': 'v1.13.6 latest' },
      { event: pullRequestEvent(11) }
    )
    expectSuccess(second)
    expect(commentsOn(11)).toHaveLength(1)
    const updated = commentsOn(11)[0]!
    expect(updated.id).toBe(created.id)
    expect(second.stdout).toContain(
      `Pull request comment updated: https://github.com/${OWNER}/${REPO}/pull/11#issuecomment-${created.id}\n`
    )
    expect(updated.body.startsWith(`${MARKER}\n`)).toBe(true)
    expect(updated.body).toContain('| team/api | latest | ✅ found |')
    const patches = servers.github.requests.filter((r) => r.method === 'PATCH')
    expect(patches.map((r) => r.path)).toEqual([
      `/repos/${OWNER}/${REPO}/issues/comments/${created.id}`
    ])
  })

  it('keeps a second comment for a different comment-key, each updated on its own', async () => {
    const plain = await run(
      { repository: 'team/api', 'image-ids': 'v1.13.6' },
      { event: pullRequestEvent(12) }
    )
    const keyed = await run(
      { repository: 'team/web', 'image-ids': 'v1', 'comment-key': 'web' },
      { event: pullRequestEvent(12) }
    )
    expectSuccess(plain)
    expectSuccess(keyed)
    const comments = commentsOn(12)
    expect(comments).toHaveLength(2)
    const [first, second] = comments
    expect(first!.body.startsWith(`${MARKER}\n## ECR images\n`)).toBe(true)
    expect(
      second!.body.startsWith(
        `<!-- ecr-batch-get-image: workflow=${WORKFLOW}; job=${JOB}; key=web -->\n## ECR images \\(web\\)\n`
      )
    ).toBe(true)
    expect(second!.body).toContain('| team/web | v1 | ✅ found |')

    // Re-running the keyed step edits its own comment, not the unkeyed one.
    const again = await run(
      {
        repository: 'team/web',
        'image-ids': 'v1 v404',
        'comment-key': 'web',
        'if-missing': 'warn'
      },
      { event: pullRequestEvent(12) }
    )
    expectSuccess(again)
    expect(commentsOn(12)).toHaveLength(2)
    expect(commentsOn(12)[1]!.id).toBe(second!.id)
    expect(commentsOn(12)[1]!.body).toContain('| team/web | v404 | ❌ missing |')
    expect(commentsOn(12)[0]!.body).toBe(first!.body)
  })

  it('finds its comment past the first page of a long thread and updates it', async () => {
    const chatter = (n: number) =>
      servers.github.addComment({
        owner: OWNER,
        repo: REPO,
        issueNumber: 15,
        body: `LGTM ${n}`,
        login: 'octocat'
      })
    for (let n = 0; n < 130; n++) chatter(n)
    const mine = servers.github.addComment({
      owner: OWNER,
      repo: REPO,
      issueNumber: 15,
      body: `${MARKER}\n## ECR images\n\nold table\n`
    })
    for (let n = 130; n < 140; n++) chatter(n)

    const result = await run(
      { repository: 'team/api', 'image-ids': 'v1.13.6' },
      { event: pullRequestEvent(15) }
    )
    expectSuccess(result)
    expect(commentsOn(15)).toHaveLength(141)
    expect(mine.body).not.toContain('old table')
    expect(mine.body).toContain('| team/api | v1.13.6 | ✅ found |')
    const listed = servers.github.requests.filter(
      (r) => r.method === 'GET' && r.path.endsWith('/15/comments')
    )
    expect(listed.map((r) => r.query.page ?? '1')).toEqual(['1', '2'])
  })

  it('warns naming pull-requests: write on a 403, exits 0 and keeps every output', async () => {
    servers.github.faults.next('all', { status: 403 })
    const result = await run(
      { repository: 'team/api', 'image-ids': 'v1.13.6' },
      { event: pullRequestEvent(13) }
    )
    expect(result.code).toBe(0)
    expect(commentsOn(13)).toHaveLength(0)
    expect(shown(result)).toEqual([
      {
        level: 'warning',
        message:
          'Could not write the pull request comment: the token may not comment (403 Resource not accessible by integration). The job needs `permissions: pull-requests: write` (on pull_request from a fork the token is read-only: use pull_request_target or skip the comment).',
        properties: {}
      }
    ])
    expect(result.outputs).toMatchObject({
      digest: API_DIGEST,
      'image-uri': pinnedUri('team/api', API_DIGEST),
      digests: JSON.stringify({ 'v1.13.6': API_DIGEST }),
      'found-count': '1',
      'missing-count': '0',
      'all-found': 'true',
      missing: '[]'
    })
    // The summary is written all the same.
    expect(result.summary).toContain('| team/api | v1.13.6 | ✅ found |')
  })

  it('skips the comment with an info line on a push event, without calling GitHub', async () => {
    const before = servers.github.requests.length
    const result = await run(
      { repository: 'team/api', 'image-ids': 'v1.13.6' },
      { event: pushEvent }
    )
    expectSuccess(result)
    expect(result.stdout.split('\n')).toContain('not a pull request event (push): no comment')
    expect(shown(result)).toEqual([])
    expect(servers.github.requests.length).toBe(before)
    expect(result.outputs.digest).toBe(API_DIGEST)
  })
})

describe('job summary', () => {
  it('holds the table, the multi-arch image with its platforms', async () => {
    const result = await run(
      { repository: 'team/multi', 'image-ids': 'v2', comment: 'false' },
      { event: pushEvent }
    )
    expectSuccess(result)
    expect(result.summary.startsWith('## ECR images\n\n')).toBe(true)
    expect(result.summary).toContain(
      '| Repository | Image | Result | Digest | Kind | Platforms | Size |\n| --- | --- | --- | --- | --- | --- | --- |\n'
    )
    expect(result.summary).toContain(
      `| team/multi | v2 | ✅ found | \`${MULTI_DIGEST.slice(0, 19)}\` | multi-arch | linux/amd64, linux/arm64/v8 |`
    )
    expect(result.summary).toContain(`| linux/amd64 | \`${AMD64_CHILD.digest}\` |`)
    expect(result.summary).toContain(`| linux/arm64/v8 | \`${ARM64_CHILD.digest}\` |`)
  })

  it('writes nothing with summary: false', async () => {
    const result = await run(
      { repository: 'team/multi', 'image-ids': 'v2', summary: 'false', comment: 'false' },
      { event: pushEvent }
    )
    expectSuccess(result)
    expect(result.summary).toBe('')
    expect(result.outputs.digest).toBe(MULTI_DIGEST)
  })
})

describe('platforms', () => {
  it('platform: linux/arm64 on team/multi:v2 sets platform-digest to the arm64 child', async () => {
    const result = await run(
      { repository: 'team/multi', 'image-ids': 'v2', platform: 'linux/arm64', comment: 'false' },
      { event: pushEvent }
    )
    expectSuccess(result)
    expect(result.outputs['platform-digest']).toBe(ARM64_CHILD.digest)
    expect(result.outputs['platform-digests']).toBe(JSON.stringify({ v2: ARM64_CHILD.digest }))
    expect(result.outputs['platform-image-uri']).toBe(pinnedUri('team/multi', ARM64_CHILD.digest))
    // The index digest stays what `digest` pins.
    expect(result.outputs.digest).toBe(MULTI_DIGEST)
    expect(servers.batchGetImageCalls()).toHaveLength(1)
  })

  it('platform: linux/s390x fails, naming the platforms the image has', async () => {
    const result = await run(
      { repository: 'team/multi', 'image-ids': 'v2', platform: 'linux/s390x', comment: 'false' },
      { event: pushEvent }
    )
    expect(result.code).toBe(1)
    expect(shown(result)).toEqual([
      {
        level: 'error',
        title: 'team/multi v2',
        message: 'no linux/s390x in team/multi v2; it has linux/amd64, linux/arm64/v8',
        properties: { title: 'team/multi v2' }
      },
      {
        level: 'error',
        message: '1 of 1 image id(s): 1 failed. See the annotations above.',
        properties: {}
      }
    ])
    expect(result.outputs['platform-digest']).toBe('')
    expect(result.summary).toContain('no linux/s390x in team/multi v2')
  })

  it('resolve-platforms makes exactly one more call, by digest, and reports per-platform sizes', async () => {
    const result = await run(
      {
        repository: 'team/multi',
        'image-ids': 'v2',
        'resolve-platforms': 'true',
        comment: 'false'
      },
      { event: pushEvent }
    )
    expectSuccess(result)
    const calls = servers.batchGetImageCalls()
    expect(calls).toHaveLength(2)
    expect(calls[0]!.body.imageIds).toEqual([{ imageTag: 'v2' }])
    expect(calls[1]!.body).toMatchObject({
      repositoryName: 'team/multi',
      imageIds: [{ imageDigest: AMD64_CHILD.digest }, { imageDigest: ARM64_CHILD.digest }]
    })
    const [manifest] = JSON.parse(result.outputs.manifests ?? '[]') as {
      platforms: { platform: string; digest: string; imageSize?: number; layerCount?: number }[]
    }[]
    expect(
      manifest!.platforms.map(({ platform, digest, imageSize, layerCount }) => ({
        platform,
        digest,
        imageSize,
        layerCount
      }))
    ).toEqual([
      {
        platform: 'linux/amd64',
        digest: AMD64_CHILD.digest,
        imageSize: imageSize(AMD64_CHILD.manifest),
        layerCount: 3
      },
      {
        platform: 'linux/arm64/v8',
        digest: ARM64_CHILD.digest,
        imageSize: imageSize(ARM64_CHILD.manifest),
        layerCount: 3
      }
    ])

    // Without it, one call and no per-platform sizes.
    servers.ecr.clearCalls()
    const plain = await run(
      { repository: 'team/multi', 'image-ids': 'v2', comment: 'false' },
      { event: pushEvent }
    )
    expectSuccess(plain)
    expect(servers.batchGetImageCalls()).toHaveLength(1)
    const [bare] = JSON.parse(plain.outputs.manifests ?? '[]') as {
      platforms: { imageSize?: number }[]
    }[]
    expect(bare!.platforms.map((p) => p.imageSize)).toEqual([undefined, undefined])
  })
})

describe('hostile registry text', () => {
  const HOSTILE =
    '<script>alert(1)</script> <img src=x onerror=alert(2)> [click](https://evil.example) ' +
    '![x](https://evil.example/x.png) @octocat #1 | cell |\n::error::pwned\n::set-output name=digest::evil\n# heading'

  beforeAll(() => {
    servers.ecr.createRepository('team/hostile', SEED_REGISTRY_ID)
    servers.ecr.createRepository('team/annotated', SEED_REGISTRY_ID)
    // An OCI image whose annotations (free text any pusher sets) carry the same payload.
    const manifest = ociImageManifest({
      configDigit: 'c',
      layerDigit: 'd',
      layerSize: 3_000_000,
      annotations: {
        'org.opencontainers.image.description': HOSTILE,
        '<b>@octocat</b>\n::warning::key': 'value'
      }
    })
    servers.ecr.putImage({
      repositoryName: 'team/annotated',
      registryId: SEED_REGISTRY_ID,
      manifest,
      tag: 'v1'
    })
  })

  it('escapes failure reasons and manifest annotations in the summary, the comment and the log', async () => {
    servers.ecr.faults.failRepository({
      repositoryName: 'team/hostile',
      code: 'AccessDeniedException',
      message: HOSTILE
    })
    const result = await run(
      {
        images: [taggedUri('team/hostile', 'v1'), taggedUri('team/annotated', 'v1')].join('\n')
      },
      // Step debug logging on: the raw responses in the debug lines are registry text too.
      { event: pullRequestEvent(14), env: { RUNNER_DEBUG: '1' } }
    )
    expect(result.code).toBe(1)
    expect(commentsOn(14)).toHaveLength(1)
    const [comment] = commentsOn(14)

    for (const body of [result.summary, comment!.body]) {
      // Both payloads reached the report, in their escaped form.
      expect(body).toContain('AccessDeniedException')
      expect(body).toContain('| Annotation | Value |')
      expect(body).toContain('&lt;script&gt;alert\\(1\\)&lt;/script&gt;')
      // No raw HTML, no links or images, no live mention, no issue link, no extra cell.
      expect(body).not.toMatch(/<script|<img|<b>/i)
      expect(body).not.toContain('](https://evil')
      expect(body).not.toMatch(/@octocat/)
      expect(body).toContain('@&#8203;octocat')
      expect(body).not.toMatch(/(^|[^\\])#1\b/)
      expect(body).not.toMatch(/^#+ heading/m)
      expect(body).not.toMatch(/^\s*::/m)
      // Every table line keeps its column count: the `|` of the payload is escaped.
      for (const line of body.split('\n').filter((l) => l.includes('AccessDenied'))) {
        expect(line.split(/(?<!\\)\|/).length).toBe(6)
      }
    }

    // In stdout, the only lines that start with `::` are the action's own commands; the payload's
    // `::error::pwned` and `::set-output` stay inside them, percent-escaped.
    const commandLines = result.stdout.split('\n').filter((line) => /^\s*::/.test(line))
    for (const line of commandLines) expect(line).toMatch(/^::(debug|error|warning|notice)[ :]/)
    expect(result.stdout).not.toMatch(/^\s*::(error::pwned|set-output|warning::key)/m)
    // The payload's commands did reach stdout (so the checks above are not vacuous), each one
    // after an escaped newline: `%0A` in a command's data, `\n` inside logged JSON.
    // The failure reason is in the error annotation and the debug line of the failed call, the
    // description in the debug line of the answer; the annotation key only there.
    for (const [command, times] of [
      ['::error::pwned', 3],
      ['::set-output name=digest::evil', 3],
      ['::warning::key', 1]
    ] as const) {
      const occurrences = result.stdout.split(command).length - 1
      expect(occurrences).toBe(times)
      const escaped =
        result.stdout.split(`%0A${command}`).length -
        1 +
        (result.stdout.split(`\\n${command}`).length - 1)
      expect(escaped).toBe(occurrences)
    }
    expect(result.annotations.some((a) => a.message === 'pwned')).toBe(false)
    expect(result.outputs.digest).toBe('')
    expect(result.outputs.digests).toBe(
      JSON.stringify({
        [taggedUri('team/annotated', 'v1')]: JSON.parse(result.outputs.images ?? '[]')[0].imageId
          .imageDigest
      })
    )
    // The one error for the failed repository carries the reason as a single line.
    const errors = result.annotations.filter((a) => a.level === 'error')
    expect(errors[0]?.title).toBe(taggedUri('team/hostile', 'v1'))
    expect(errors[0]?.message).toContain('AccessDeniedException: <script>')
  })
})
