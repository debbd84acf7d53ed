// Image configs read by run() from the local ECR server (GetDownloadUrlForLayer, then a GET of
// the presigned URL): the platform of single images verified, the labels and the
// `require-labels` gate, a tampered blob, access denied, one fetch per distinct config, no config
// call when none is asked, and the download through a proxy.
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { CONFIG_FIXTURES, SEEDED_APP } from '../../server/config-fixtures.js'
import { SEED_REGISTRY_ID } from '../../server/fixtures.js'
import type { ActionRun } from '../../harness/run-action.js'
import { runInProcess, type InProcessOptions } from '../helpers/in-process.js'
import { useServers } from '../helpers/servers.js'

const REPO = SEEDED_APP.repositoryName
const TAGS = SEEDED_APP.tags
const AMD64_CONFIG = CONFIG_FIXTURES.amd64Config
const ARM64_CONFIG = CONFIG_FIXTURES.arm64Config
const LABELS = (JSON.parse(AMD64_CONFIG.text) as { config: { Labels: Record<string, string> } })
  .config.Labels
const REVISION = LABELS['org.opencontainers.image.revision']!
const SECRET_ENV_VALUE = 'fixture-secret-never-shown'

const servers = useServers()

function run(inputs: Record<string, string>, options: Partial<InProcessOptions> = {}) {
  servers.ecr.clearCalls()
  return runInProcess({
    inputs: { repository: REPO, summary: 'true', ...inputs },
    endpoint: servers.ecr.url,

    ...options
  })
}

const urlCalls = () =>
  servers.ecr.calls.filter((call) => call.operation === 'GetDownloadUrlForLayer')
/** The errors about an id (titled); the step's closing setFailed line is not one of them. */
const errors = (result: ActionRun) =>
  result.annotations.filter((a) => a.level === 'error' && a.title !== undefined)

function expectSuccess(result: ActionRun): void {
  const all = result.annotations.filter((a) => a.level === 'error')
  expect({ code: result.code, errors: all }).toEqual({ code: 0, errors: [] })
}

interface ManifestEntry {
  id: string
  status: string
  config?: Record<string, unknown>
  platforms?: { platform: string; config?: Record<string, unknown> }[]
}
const manifests = (result: ActionRun) =>
  JSON.parse(result.outputs.manifests ?? '[]') as ManifestEntry[]

describe('platform of a single-platform image', () => {
  it('fails an arm64-only image asked as linux/amd64, naming the platform it has', async () => {
    const result = await run({ 'image-ids': TAGS.arm64, platform: 'linux/amd64' })
    expect(result.code).toBe(1)
    expect(errors(result).map((a) => a.message)).toEqual([
      `no linux/amd64 in ${REPO} ${TAGS.arm64}; it has linux/arm64/v8`
    ])
    expect(result.outputs['platform-digest']).toBe('')
    expect(JSON.parse(result.outputs['platform-digests']!)).toEqual({})
    expect(manifests(result)[0]).toMatchObject({ status: 'failed' })
    expect(urlCalls()).toHaveLength(1)
    expect(urlCalls()[0]!.body).toEqual({
      registryId: SEED_REGISTRY_ID,
      repositoryName: REPO,
      layerDigest: ARM64_CONFIG.digest
    })
    expect(servers.ecr.downloads).toHaveLength(1)
  })

  it('pins an arm64 image asked as linux/arm64, the platform its config states', async () => {
    const result = await run({ 'image-ids': TAGS.arm64, platform: 'linux/arm64' })
    expectSuccess(result)
    const digest = CONFIG_FIXTURES.arm64Image.digest
    expect(result.outputs['platform-digest']).toBe(digest)
    expect(manifests(result)[0]!.config).toEqual({
      os: 'linux',
      architecture: 'arm64',
      variant: 'v8',
      created: '2026-11-28T12:00:05.123456789Z',
      labels: LABELS,
      user: 'app'
    })
    expect(JSON.parse(result.outputs.labels!)).toEqual({ [TAGS.arm64]: LABELS })
    expect(result.summary).toContain('linux/arm64/v8')
  })

  it('says nothing about the platform when the config cannot be read (access denied)', async () => {
    servers.ecr.faults.failRepository({
      repositoryName: REPO,
      operation: 'GetDownloadUrlForLayer',
      code: 'AccessDeniedException',
      message: 'User: arn:aws:sts::123456789012:assumed-role/ci is not authorized'
    })
    const result = await run({ 'image-ids': TAGS.amd64, platform: 'linux/amd64' })
    expect(result.code).toBe(1)
    const [error] = errors(result)
    expect(error!.message).toContain('the role needs ecr:GetDownloadUrlForLayer on')
    expect(error!.message).toContain(`arn:aws:ecr:us-east-1:${SEED_REGISTRY_ID}:repository/${REPO}`)
    expect(result.outputs['platform-digest']).toBe('')
    expect(servers.ecr.downloads).toHaveLength(0)
  })
})

describe('read-config', () => {
  it('reads each distinct config once, shows revision, version and age, never env values', async () => {
    const result = await run({
      'image-ids': `${TAGS.amd64} ${TAGS.amd64Rebuild} ${TAGS.arm64} ${CONFIG_FIXTURES.amd64Image.digest}`,
      'read-config': 'true'
    })
    expectSuccess(result)
    // Four ids, three amd64 images of one config and one arm64 image: two configs, two fetches.
    expect(urlCalls().map((call) => call.body.layerDigest)).toEqual([
      AMD64_CONFIG.digest,
      ARM64_CONFIG.digest
    ])
    expect(servers.ecr.downloads).toHaveLength(2)
    const labels = JSON.parse(result.outputs.labels!) as Record<string, unknown>
    expect(Object.keys(labels)).toHaveLength(4)
    expect(manifests(result)[0]!.config).toMatchObject({
      os: 'linux',
      architecture: 'amd64',
      user: '10001:10001'
    })
    const short = REVISION.slice(0, 7)
    expect(result.summary).toContain(
      `[\`${short}\`](https://github.com/octo-org/octo-repo/commit/${REVISION})`
    )
    expect(result.summary).toContain('4.2.0')
    expect(result.summary).toMatch(/built \d+ (minute|hour|day|month|year)s? ago/)
    for (const text of [result.stdout, result.summary, JSON.stringify(result.outputs)])
      expect(text).not.toContain(SECRET_ENV_VALUE)
  })

  it('reads each platform config of a multi-arch image with resolve-platforms', async () => {
    const result = await run({
      'image-ids': TAGS.multi,
      'read-config': 'true',
      'resolve-platforms': 'true'
    })
    expectSuccess(result)
    const [entry] = manifests(result)
    expect(entry!.platforms!.map((p) => [p.platform, p.config?.architecture])).toEqual([
      ['linux/amd64', 'amd64'],
      ['linux/arm64/v8', 'arm64']
    ])
    expect(JSON.parse(result.outputs.labels!)).toEqual({ [TAGS.multi]: LABELS })
    // The revision and version its platforms share are the multi-arch image's.
    expect(result.summary).toContain(`/commit/${REVISION})`)
    expect(result.summary).toContain('| Version | 4.2.0 |')
  })

  it('makes no config call and sets no labels output when no config is asked for', async () => {
    const result = await run({ 'image-ids': `${TAGS.amd64} ${TAGS.multi}` })
    expectSuccess(result)
    expect(urlCalls()).toEqual([])
    expect(servers.ecr.downloads).toEqual([])
    expect(result.outputs.labels).toBeUndefined()
    expect(manifests(result).every((entry) => entry.config === undefined)).toBe(true)
  })

  it('fails an image whose downloaded config does not hash to its digest', async () => {
    servers.ecr.createRepository('team/tampered', SEED_REGISTRY_ID)
    const config = Buffer.from(AMD64_CONFIG.text, 'utf8')
    const digest = servers.ecr.putBlob({
      repositoryName: 'team/tampered',
      registryId: SEED_REGISTRY_ID,
      blob: config
    })
    servers.ecr.putImage({
      repositoryName: 'team/tampered',
      registryId: SEED_REGISTRY_ID,
      manifest: CONFIG_FIXTURES.amd64Image.text,
      tag: 'v1'
    })
    // What is stored under the digest is no longer those bytes (a corrupted store, or a proxy).
    const stored = servers.ecr.registry.getRepository('team/tampered', SEED_REGISTRY_ID).blobs
    stored.set(digest, Buffer.from(AMD64_CONFIG.text.replace('amd64', 'arm64'), 'utf8'))
    const tamperedHash = `sha256:${createHash('sha256').update(stored.get(digest)!).digest('hex')}`
    const result = await run({
      repository: 'team/tampered',
      'image-ids': 'v1',
      'read-config': 'true'
    })
    expect(result.code).toBe(1)
    expect(errors(result).map((a) => a.message)).toEqual([
      `team/tampered v1: integrity check failed: the image config downloaded for ${digest} hashes ` +
        `to ${tamperedHash}; the registry or something between returned a different blob than the one asked for`
    ])
    expect(JSON.parse(result.outputs.labels!)).toEqual({})
    expect(manifests(result)[0]!.config).toBeUndefined()
  })
})

describe('download retries', () => {
  it('retries a download S3 answers 503, within max-attempts', async () => {
    servers.ecr.faults.failDownloads(2)
    const result = await run({ 'image-ids': TAGS.arm64, platform: 'linux/arm64' })
    expectSuccess(result)
    expect(servers.ecr.downloads).toHaveLength(3)
    expect(urlCalls()).toHaveLength(1)
  })

  it('fails the id, naming the S3 host that must be reachable, once attempts run out', async () => {
    servers.ecr.faults.failDownloads(5)
    const result = await run({
      'image-ids': TAGS.arm64,
      platform: 'linux/arm64',
      'max-attempts': '2'
    })
    expect(result.code).toBe(1)
    expect(servers.ecr.downloads).toHaveLength(2)
    const [error] = errors(result)
    expect(error!.message).toContain(
      `after 2 attempts (${new URL(servers.ecr.url).host} answered HTTP 503)`
    )
    expect(error!.message).toContain('must be reachable')
    expect(result.outputs['platform-digest']).toBe('')
  })
})

describe('require-labels', () => {
  it('passes an image built from the required revision', async () => {
    const result = await run({
      'image-ids': TAGS.amd64,
      'require-labels': `org.opencontainers.image.revision=${REVISION}\norg.opencontainers.image.version`
    })
    expectSuccess(result)
    expect(result.outputs.digest).toBe(CONFIG_FIXTURES.amd64Image.digest)
  })

  it('fails an image of another revision, naming the label, its value and the one required', async () => {
    const wanted = 'f'.repeat(40)
    const result = await run({
      'image-ids': TAGS.amd64,
      'require-labels': `org.opencontainers.image.revision=${wanted}\ncom.example.missing`
    })
    expect(result.code).toBe(1)
    expect(errors(result).map((a) => a.message)).toEqual([
      `${REPO} ${TAGS.amd64} does not pass require-labels: label org.opencontainers.image.revision ` +
        `is "${REVISION}" (required "${wanted}"); label com.example.missing is missing (required to be present)`
    ])
    expect(result.outputs.digest).toBe('')
    expect(JSON.parse(result.outputs.missing!)).toEqual([TAGS.amd64])
  })

  it('checks every platform of a multi-arch image, fetching its platform manifests', async () => {
    const result = await run({
      'image-ids': TAGS.multi,
      'require-labels': `org.opencontainers.image.revision=${REVISION}`
    })
    expectSuccess(result)
    expect(urlCalls()).toHaveLength(2)
    expect(servers.ecr.calls.filter((c) => c.operation === 'BatchGetImage')).toHaveLength(2)
  })

  it('reports every bad line before any call', async () => {
    const result = await run({ 'image-ids': TAGS.amd64, 'require-labels': '=x\na=1\na=2' })
    expect(result.code).toBe(1)
    expect(servers.ecr.calls).toEqual([])
    expect(result.stdout).toContain('2 input problems; nothing was sent to ECR')
  })
})

describe('hostile labels', () => {
  it('neutralises label values in the summary and the log', async () => {
    const hostile =
      '<img src=x onerror=alert(1)> [x](https://evil.example) @octocat\n::error::pwned'
    servers.ecr.createRepository('team/hostile-labels', SEED_REGISTRY_ID)
    const config = JSON.stringify({
      os: 'linux',
      architecture: 'amd64',
      config: {
        Labels: {
          'org.opencontainers.image.revision': hostile,
          'org.opencontainers.image.version': hostile,
          'org.opencontainers.image.source': 'javascript:alert(1)'
        },
        User: hostile
      }
    })
    const digest = servers.ecr.putBlob({
      repositoryName: 'team/hostile-labels',
      registryId: SEED_REGISTRY_ID,
      blob: Buffer.from(config)
    })
    servers.ecr.putImage({
      repositoryName: 'team/hostile-labels',
      registryId: SEED_REGISTRY_ID,
      manifest: JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          size: config.length,
          digest
        },
        layers: []
      }),
      tag: 'v1'
    })
    const result = await run({
      repository: 'team/hostile-labels',
      'image-ids': 'v1',
      'require-labels': 'org.opencontainers.image.revision=abc'
    })
    expect(result.code).toBe(1)
    expect(result.summary).not.toContain('<img')
    expect(result.summary).not.toContain('](https://evil')
    expect(result.summary).not.toContain('javascript:')
    expect(result.summary).not.toMatch(/(^|[^\\])@octocat/)
    expect(result.stdout).not.toMatch(/^::error::pwned/m)
    expect(errors(result)).toHaveLength(1)
  })
})

describe('through a proxy', () => {
  it('downloads the config through HTTP_PROXY, as the ECR calls go', async () => {
    const result = await run(
      { 'image-ids': TAGS.arm64, platform: 'linux/arm64' },
      { env: { HTTP_PROXY: servers.proxy.url } }
    )
    expectSuccess(result)
    const blobRequests = servers.proxy.requests.filter((r) =>
      r.target.startsWith(`${servers.ecr.url}/blobs/`)
    )
    expect(blobRequests.map((r) => r.method)).toEqual(['GET'])
    expect(servers.proxy.requests.filter((r) => r.method === 'POST')).toHaveLength(2)
    // The presigned URL's signature is never printed.
    expect(result.stdout).not.toContain('X-Amz-Signature')
  })
})
