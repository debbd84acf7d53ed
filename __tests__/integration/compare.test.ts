// Issue 14, in process: run() against the local ECR server (and the local GitHub API for the
// comment). compare-to against the seeded `prod` tags of team/shop (Docker images sharing base
// layers) and team/shop-multi (OCI indexes: a platform rebuilt, one unchanged, one added, one
// removed); max-size-increase as a percentage and as a size; baselines
// asked in the images' own calls and never reported as images.
import { describe, expect, it } from '@jest/globals'
import { OWNER, REPO, pullRequestEvent } from '../helpers/events.js'
import type { ActionRun } from '../../harness/run-action.js'
import { runInProcess, type InProcessOptions } from '../helpers/in-process.js'
import { FIXTURES, SEEDED } from '../../server/fixtures.js'
import { useServers } from '../helpers/servers.js'

const TOKEN = 'ghs_e2eCompareToken000000000000000000'

const servers = useServers({ githubToken: TOKEN })

function run(
  inputs: Record<string, string>,
  options: Partial<InProcessOptions> = {}
): Promise<ActionRun> {
  return runInProcess({
    endpoint: servers.ecr.url,
    ...options,
    inputs: { 'compare-to': 'prod', 'max-attempts': '1', ...inputs }
  })
}

function expectSuccess(result: ActionRun): void {
  if (result.code !== 0) throw new Error(`exit ${result.code}\n${result.stdout}\n${result.stderr}`)
}

const changesOf = (result: ActionRun) =>
  JSON.parse(result.outputs.changes ?? 'null') as Record<string, Record<string, unknown>>
const batchCalls = () => servers.ecr.calls.filter((call) => call.operation === 'BatchGetImage')
const askedIds = () =>
  batchCalls().map((call) => {
    const body = call.body as { repositoryName: string; imageIds: object[] }
    return [body.repositoryName, body.imageIds]
  })
const errorsAndWarnings = (result: ActionRun) =>
  result.annotations.filter((a) => a.level === 'error' || a.level === 'warning')

describe('compare-to', () => {
  it('reports a rebuilt app layer on shared base layers, without reporting the baseline', async () => {
    const result = await run({ repository: 'team/shop', 'image-ids': 'pr-123' })
    expectSuccess(result)
    expect(changesOf(result)).toEqual({
      'pr-123': {
        baseline: 'prod',
        changed: true,
        digest: FIXTURES.shopPr.digest,
        baselineDigest: FIXTURES.shopProd.digest,
        size: 36_069_751,
        baselineSize: 34_551_043,
        sizeDelta: 1_518_708,
        layersAdded: 1,
        layersRemoved: 1,
        layersShared: 2
      }
    })
    expect(result.outputs.changed).toBe('true')
    // The baseline is asked, but it is no image of the step's: no row, no output.
    expect(JSON.parse(result.outputs.digests!)).toEqual({ 'pr-123': FIXTURES.shopPr.digest })
    expect(JSON.parse(result.outputs.images!)).toHaveLength(1)
    expect(result.outputs['found-count']).toBe('1')
    expect(result.summary).not.toContain('| team/shop | prod |')
    expect(result.summary).toContain('### Changes against `prod`\n')
    expect(result.summary).toContain(
      '| team/shop pr-123 | 🔺 changed | 34.6 MB → 36.1 MB | +1.52 MB, +4.4 % | 1 added, 1 removed, 2 shared | — |'
    )
    expect(errorsAndWarnings(result)).toEqual([])
  })

  it('says unchanged for an image with the baseline digest, by tag or by digest', async () => {
    for (const compareTo of ['prod', FIXTURES.shopProd.digest]) {
      const result = await run({
        repository: 'team/shop',
        'image-ids': 'pr-100',
        'compare-to': compareTo
      })
      expectSuccess(result)
      expect(changesOf(result)['pr-100']).toMatchObject({
        baseline: compareTo,
        changed: false,
        sizeDelta: 0,
        layersShared: 3
      })
      expect(result.outputs.changed).toBe('false')
      expect(result.summary).toContain('**Unchanged (1):** team/shop pr-100.')
    }
  })

  it('makes an image whose repository has no baseline new, never a failure, and never waits for it', async () => {
    const result = await run({ repository: 'team/web', 'image-ids': 'v1', 'wait-timeout': '10m' })
    expectSuccess(result)
    expect(changesOf(result)).toEqual({
      v1: {
        baseline: 'prod',
        new: true,
        changed: true,
        digest: SEEDED.web.image.digest,
        size: 21_622_945,
        layersAdded: 3
      }
    })
    expect(result.outputs.changed).toBe('true')
    expect(result.outputs.missing).toBe('[]')
    expect(errorsAndWarnings(result)).toEqual([])
    expect(result.stdout).not.toContain('waiting')
    expect(batchCalls()).toHaveLength(1)
    expect(result.summary).toContain('| team/web v1 | 🆕 new | 21.6 MB | new | 3 added | — |')
  })

  it('compares multi-arch images per normalised platform', async () => {
    const result = await run({ repository: 'team/shop-multi', 'image-ids': 'pr-123' })
    expectSuccess(result)
    const change = changesOf(result)['pr-123']!
    expect(change).toMatchObject({
      baseline: 'prod',
      changed: true,
      digest: FIXTURES.shopMultiPr.digest,
      baselineDigest: FIXTURES.shopMultiProd.digest,
      platformsAdded: ['linux/arm/v7'],
      platformsRemoved: ['linux/386']
    })
    expect(change.platforms).toEqual({
      'linux/amd64': {
        changed: true,
        digest: FIXTURES.shopMultiPrAmd64.digest,
        baselineDigest: FIXTURES.shopMultiProdAmd64.digest,
        size: 17_058_683,
        baselineSize: 15_629_734,
        sizeDelta: 1_428_949,
        layersAdded: 2,
        layersRemoved: 1,
        layersShared: 1
      },
      // `arm64` in prod, `arm64/v8` in the PR: the same platform, and the same manifest.
      'linux/arm64/v8': expect.objectContaining({
        changed: false,
        digest: FIXTURES.shopMultiArm64.digest,
        sizeDelta: 0
      }),
      'linux/arm/v7': {
        new: true,
        changed: true,
        digest: FIXTURES.shopMultiPrArmV7.digest,
        size: 14_078_996,
        layersAdded: 2
      }
    })
    expect(result.summary).toContain(
      '| ↳ linux/amd64 | 🔺 changed | 15.6 MB → 17.1 MB | +1.43 MB, +9.1 % |'
    )
    expect(result.summary).toContain('added linux/arm/v7; removed linux/386')
  })

  it("asks the baselines in the images' calls, one per repository, and all children in one more", async () => {
    const result = await run({
      images: [
        'team/shop:pr-123',
        'team/shop:pr-100',
        'team/shop-multi:pr-123',
        'team/web:v1'
      ].join('\n')
    })
    expectSuccess(result)
    expect(askedIds().slice(0, 3)).toEqual(
      expect.arrayContaining([
        ['team/shop', [{ imageTag: 'pr-123' }, { imageTag: 'pr-100' }, { imageTag: 'prod' }]],
        ['team/shop-multi', [{ imageTag: 'pr-123' }, { imageTag: 'prod' }]],
        ['team/web', [{ imageTag: 'v1' }, { imageTag: 'prod' }]]
      ])
    )
    // Children of the image and of its baseline together, each digest once (arm64 is shared).
    const [repository, children] = askedIds()[3]!
    expect(repository).toBe('team/shop-multi')
    expect(children).toHaveLength(5)
    expect(batchCalls()).toHaveLength(4)
    expect(Object.keys(changesOf(result))).toEqual([
      'team/shop:pr-123',
      'team/shop:pr-100',
      'team/shop-multi:pr-123',
      'team/web:v1'
    ])
    const section = result.summary.slice(result.summary.indexOf('### Changes against'))
    // Biggest growth first: the new image, the platform added, then the rebuilt app layer.
    const order = ['team/web:v1 |', 'team/shop-multi:pr-123 |', 'team/shop:pr-123 |'].map((name) =>
      section.indexOf(`| ${name}`)
    )
    expect(order.every((at) => at > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(result.summary).toContain('**Unchanged (1):** team/shop:pr-100.')
  })

  it("shows the baselines in a dry run's requests", async () => {
    const result = await run({ repository: 'team/shop', 'image-ids': 'pr-123', 'dry-run': 'true' })
    expectSuccess(result)
    expect(JSON.parse(result.outputs.requests!)).toMatchObject([
      { repositoryName: 'team/shop', imageIds: [{ imageTag: 'pr-123' }, { imageTag: 'prod' }] }
    ])
    expect(batchCalls()).toHaveLength(0)
  })
})

describe('max-size-increase', () => {
  it('fails growth beyond a percentage, with both sizes and the increase', async () => {
    const result = await run({
      repository: 'team/shop',
      'image-ids': 'pr-123 pr-100',
      'max-size-increase': '2%'
    })
    expect(result.code).toBe(1)
    expect(errorsAndWarnings(result)).toEqual([
      {
        level: 'error',
        title: 'team/shop pr-123',
        properties: { title: 'team/shop pr-123' },
        message: '34.6 MB → 36.1 MB (+1.52 MB, +4.4 %) against prod, more than max-size-increase 2%'
      },
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(/^1 of 2 image id\(s\): 1 failed/)
      })
    ])
    expect(changesOf(result)['pr-123']).toMatchObject({ sizeDelta: 1_518_708 })
    expect(result.summary).toContain('| `SizeIncreaseExceeded` |')
  })

  it('passes growth within a size', async () => {
    const result = await run({
      repository: 'team/shop',
      'image-ids': 'pr-123',
      'max-size-increase': '5MB'
    })
    expectSuccess(result)
    expect(errorsAndWarnings(result)).toEqual([])
  })

  it('gates each platform of a multi-arch image', async () => {
    const result = await run({
      repository: 'team/shop-multi',
      'image-ids': 'pr-123',
      'max-size-increase': '5%'
    })
    expect(result.code).toBe(1)
    expect(result.annotations.find((a) => a.level === 'error')?.message).toBe(
      'linux/amd64: 15.6 MB → 17.1 MB (+1.43 MB, +9.1 %) against prod, more than max-size-increase 5%'
    )
  })

  it('refuses a malformed value before any call, with the other input problems', async () => {
    const result = await run({
      repository: 'team/shop',
      'image-ids': 'pr-123',
      'compare-to': 'team/shop:prod',
      'max-size-increase': '10 percent'
    })
    expect(result.code).toBe(1)
    const failure = result.annotations.find((a) => a.level === 'error')?.message ?? ''
    expect(failure).toMatch(/^2 input problems; nothing was sent to ECR:\n/)
    expect(failure).toContain('- compare-to: "team/shop:prod" looks like an image reference')
    expect(failure).toContain('- max-size-increase: "10 percent" has the unknown unit "percent"')
    expect(servers.ecr.calls).toHaveLength(0)
    expect(result.outputs).toEqual({})
  })
})

describe('the comparison in the pull request comment', () => {
  it('posts the "Changes against" section on the pull request', async () => {
    const result = await run(
      {
        repository: 'team/shop',
        'image-ids': 'pr-123 pr-100',
        comment: 'true',
        'github-token': TOKEN
      },
      {
        event: pullRequestEvent(14, 'opened'),
        env: { GITHUB_API_URL: servers.github.url, GITHUB_WORKFLOW: 'CI', GITHUB_JOB: 'images' }
      }
    )
    expectSuccess(result)
    const comments = servers.github.comments.filter(
      (c) => c.owner === OWNER && c.repo === REPO && c.issueNumber === 14
    )
    expect(comments).toHaveLength(1)
    const body = comments[0]!.body
    expect(body).toContain('### Changes against `prod`\n')
    expect(body).toContain(
      '| team/shop pr-123 | 🔺 changed | 34.6 MB → 36.1 MB | +1.52 MB, +4.4 % |'
    )
    expect(body).toContain('**Unchanged (1):** team/shop pr-100.')
    expect(body.length).toBeLessThan(65_536)
  })
})
