// run() with every collaborator injected: no process, no network, no real clock.
import { describe, expect, it } from '@jest/globals'
import type { BatchGetImageCommand } from '@aws-sdk/client-ecr'
import { run } from '../../src/main.js'
import type { ActionCore, Dependencies } from '../../src/runtime.js'
import type { BatchGetImageClient } from '../../src/ecr/calls.js'
import type { ImageId } from '../../src/types.js'
import { FIXTURES } from '../../server/fixtures.js'

interface Recorded {
  outputs: Record<string, string>
  lines: string[]
  failed: string[]
  summaries: string[]
  sent: { region: string; input: BatchGetImageCommand['input'] }[]
}

/** A core that records, and an ECR client that knows team/api:v1 and whatever `arrivals` adds. */
function setUp(inputs: Record<string, string>, env: Record<string, string | undefined> = {}) {
  const recorded: Recorded = { outputs: {}, lines: [], failed: [], summaries: [], sent: [] }
  const core: ActionCore = {
    getInput: (name) => (inputs[name] ?? '').trim(),
    setOutput: (name, value) => void (recorded.outputs[name] = value),
    info: (message) => void recorded.lines.push(`info ${message}`),
    debug: (message) => void recorded.lines.push(`debug ${message}`),
    isDebug: () => env.RUNNER_DEBUG === '1',
    notice: (message, p) => void recorded.lines.push(`notice ${p?.title}: ${message}`),
    warning: (message, p) => void recorded.lines.push(`warning ${p?.title ?? ''}: ${message}`),
    error: (message, p) => void recorded.lines.push(`error ${p?.title}: ${message}`),
    setFailed: (message) => void recorded.failed.push(message),
    appendSummary: async (markdown) => void recorded.summaries.push(markdown)
  }
  const known = new Map<string, boolean>([['v1', true]])
  let now = 0
  const client = (region: string): BatchGetImageClient => ({
    send: async (command) => {
      recorded.sent.push({ region, input: command.input })
      const ids = (command.input.imageIds ?? []) as ImageId[]
      return {
        $metadata: {},
        images: ids
          .filter((id) => id.imageTag && known.get(id.imageTag))
          .map((id) => ({
            registryId: '123456789012',
            repositoryName: command.input.repositoryName,
            imageId: { imageTag: id.imageTag, imageDigest: FIXTURES.dockerImage.digest },
            imageManifest: FIXTURES.dockerImage.manifest,
            imageManifestMediaType: FIXTURES.dockerImage.mediaType
          })),
        failures: ids
          .filter((id) => !(id.imageTag && known.get(id.imageTag)))
          .map((imageId) => ({
            imageId,
            failureCode: 'ImageNotFound',
            failureReason: 'Requested image not found'
          }))
      }
    }
  })
  const deps: Partial<Dependencies> = {
    core,
    env: {
      AWS_REGION: 'us-east-1',
      GITHUB_OUTPUT: '/out',
      GITHUB_STEP_SUMMARY: '/summary',
      ...env
    },
    readFile: () => {
      throw new Error('no files here')
    },
    ecrClients: () => client,
    clock: {
      now: () => now,
      sleep: async (ms) => {
        now += ms
        if (now >= 3000) known.set('v2', true)
      }
    }
  }
  return { recorded, deps }
}

describe('run', () => {
  it('looks the ids up, sets the outputs and writes the summary', async () => {
    const { recorded, deps } = setUp({ repository: 'team/api', 'image-ids': 'v1' })
    await run(deps)
    expect(recorded.failed).toEqual([])
    expect(recorded.outputs.digest).toBe(FIXTURES.dockerImage.digest)
    expect(recorded.outputs['image-uri']).toBe(
      `123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api@${FIXTURES.dockerImage.digest}`
    )
    expect(recorded.sent).toHaveLength(1)
    expect(recorded.summaries[0]).toContain('| team/api | v1 | ✅ found |')
    expect(recorded.lines.some((line) => line.startsWith('info REPOSITORY'))).toBe(true)
  })

  it('logs raw requests and responses only with step debug logging on', async () => {
    const quiet = setUp({ repository: 'team/api', 'image-ids': 'v1' })
    await run(quiet.deps)
    expect(quiet.recorded.lines.filter((line) => line.startsWith('debug'))).toEqual([])
    const verbose = setUp({ repository: 'team/api', 'image-ids': 'v1' }, { RUNNER_DEBUG: '1' })
    await run(verbose.deps)
    const debug = verbose.recorded.lines.filter((line) => line.startsWith('debug'))
    expect(debug[0]).toMatch(
      /^debug BatchGetImage request \(us-east-1\): \{"repositoryName":"team\/api"/
    )
    expect(debug[1]).toMatch(/^debug BatchGetImage response \(us-east-1, 1 attempt\(s\)/)
  })

  it('fails once for a missing image and still sets every output', async () => {
    const { recorded, deps } = setUp({ repository: 'team/api', 'image-ids': 'v1 v9' })
    await run(deps)
    expect(recorded.failed).toEqual([
      '1 of 2 image id(s): 1 not found (if-missing: fail). See the annotations above.'
    ])
    expect(recorded.lines).toContain('error team/api v9: ImageNotFound: Requested image not found')
    expect(recorded.outputs.missing).toBe('["v9"]')
    expect(recorded.outputs['all-found']).toBe('false')
  })

  it('reports every input problem at once and sends nothing', async () => {
    const { recorded, deps } = setUp({
      repository: 'Team API',
      'image-ids': 'v1',
      'max-attempts': '0'
    })
    await run(deps)
    expect(recorded.sent).toEqual([])
    expect(recorded.outputs).toEqual({})
    expect(recorded.failed).toHaveLength(1)
    expect(recorded.failed[0]).toMatch(
      /^2 input problems; nothing was sent to ECR:\n- repository: .*\n- max-attempts: /
    )
  })

  it('dry run: prints and outputs the requests, sends nothing', async () => {
    const { recorded, deps } = setUp({
      repository: 'team/api',
      'image-ids': 'v1 v2',
      'dry-run': 'true'
    })
    await run(deps)
    expect(recorded.sent).toEqual([])
    expect(JSON.parse(recorded.outputs.requests!)).toEqual([
      {
        repositoryName: 'team/api',
        imageIds: [{ imageTag: 'v1' }, { imageTag: 'v2' }],
        acceptedMediaTypes: expect.any(Array)
      }
    ])
    expect(Object.keys(recorded.outputs)).toEqual(['requests'])
  })

  it('waits for a late image, asking only for what is missing', async () => {
    const { recorded, deps } = setUp({
      repository: 'team/api',
      'image-ids': 'v1 v2',
      'wait-timeout': '1m',
      'wait-interval': '1s'
    })
    await run(deps)
    expect(recorded.failed).toEqual([])
    expect(recorded.sent.map((call) => call.input.imageIds)).toEqual([
      [{ imageTag: 'v1' }, { imageTag: 'v2' }],
      [{ imageTag: 'v2' }],
      [{ imageTag: 'v2' }],
      [{ imageTag: 'v2' }]
    ])
    expect(
      recorded.lines.some((line) =>
        /^info 1\/2 found, waiting \d+\.\ds for team\/api v2 …$/.test(line)
      )
    ).toBe(true)
    expect(Number(recorded.outputs['waited-seconds'])).toBeGreaterThanOrEqual(3)
  })

  it('refuses to run without GITHUB_OUTPUT, before any call', async () => {
    const { recorded, deps } = setUp(
      { repository: 'team/api', 'image-ids': 'v1' },
      { GITHUB_OUTPUT: undefined }
    )
    await run(deps)
    expect(recorded.sent).toEqual([])
    expect(recorded.failed[0]).toMatch(
      /^GITHUB_OUTPUT is not set, so step outputs cannot be written/
    )
  })

  it('turns an output file that cannot be written into one clear failure', async () => {
    const { recorded, deps } = setUp({ repository: 'team/api', 'image-ids': 'v1' })
    deps.core = {
      ...deps.core!,
      setOutput: () => {
        throw new Error('EACCES: permission denied')
      }
    }
    await run(deps)
    expect(recorded.failed).toEqual([
      "Cannot write the step output 'images' to the GITHUB_OUTPUT file: EACCES: permission denied"
    ])
  })

  it('skips the summary when asked, and when there is no summary file', async () => {
    const off = setUp({ repository: 'team/api', 'image-ids': 'v1', summary: 'false' })
    await run(off.deps)
    expect(off.recorded.summaries).toEqual([])
    const none = setUp(
      { repository: 'team/api', 'image-ids': 'v1' },
      { GITHUB_STEP_SUMMARY: undefined }
    )
    await run(none.deps)
    expect(none.recorded.summaries).toEqual([])
    expect(none.recorded.lines).toContain(
      'info GITHUB_STEP_SUMMARY is not set: no job summary written.'
    )
  })

  it('comment on a push event: says why there is no comment', async () => {
    const { recorded, deps } = setUp(
      { repository: 'team/api', 'image-ids': 'v1', comment: 'true', 'github-token': 't' },
      { GITHUB_EVENT_NAME: 'push' }
    )
    await run(deps)
    expect(recorded.failed).toEqual([])
    expect(recorded.lines).toContain('info not a pull request event (push): no comment')
  })
})
