// Several features in one step (run() in process), as a release job uses them together: platform,
// read-config, require-labels, require-referrers, compare-to and pin-files on a few images of
// team/app. The verdicts, the outputs of every feature, the summary's sections and the
// annotations must all hold at once, and an id failing two gates shows both.
import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SEEDED_APP } from '../../server/config-fixtures.js'
import { FIXTURES, SEED_REGISTRY_ID } from '../../server/fixtures.js'
import type { ActionRun } from '../../harness/run-action.js'
import { runInProcess } from '../helpers/in-process.js'
import { useServers } from '../helpers/servers.js'

const REPO = SEEDED_APP.repositoryName
const TAGS = SEEDED_APP.tags
const APP = `${SEED_REGISTRY_ID}.dkr.ecr.us-east-1.amazonaws.com/${REPO}`

const servers = useServers({ tempDir: 'combined-' })
let workspace: string
let v4Digest: string
let signatureDigest: string

beforeAll(async () => {
  workspace = servers.dir
  // A cosign bundle attached to team/app:v4 only: the other images are unsigned.
  v4Digest = JSON.parse(
    (
      await runInProcess({
        inputs: { repository: REPO, 'image-ids': TAGS.amd64 },
        endpoint: servers.ecr.url
      })
    ).outputs.digests ?? '{}'
  )[TAGS.amd64] as string
  signatureDigest = servers.ecr.putImage({
    repositoryName: REPO,
    registryId: SEED_REGISTRY_ID,
    manifest: JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      config: {
        mediaType: 'application/vnd.oci.empty.v1+json',
        size: 2,
        digest: FIXTURES.ociImage.digest
      },
      layers: [],
      subject: {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: v4Digest,
        size: 1
      }
    })
  })
})

beforeEach(async () => {
  await writeFile(
    join(workspace, 'deploy.yaml'),
    `containers:\n  - image: ${APP}:${TAGS.amd64}\n  - image: ${APP}:${TAGS.amd64Rebuild}\n`
  )
})

const ALL_FEATURES = {
  platform: 'linux/amd64',
  'read-config': 'true',
  'require-labels': 'org.opencontainers.image.version=4.2.0',
  'require-referrers': 'signature',
  'compare-to': TAGS.amd64,
  'pin-files': 'deploy.yaml',
  summary: 'true'
}

function run(inputs: Record<string, string>): Promise<ActionRun> {
  servers.ecr.clearCalls()
  return runInProcess({
    inputs: { repository: REPO, ...ALL_FEATURES, ...inputs },
    endpoint: servers.ecr.url,

    env: { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: workspace }
  })
}

const json = <T>(run: ActionRun, name: string): T => JSON.parse(run.outputs[name] ?? 'null') as T
const titled = (run: ActionRun, level: string) =>
  run.annotations.filter((a) => a.level === level && a.title !== undefined)

describe('every feature in one step', () => {
  it('judges each id on every gate and keeps every reason of an id failing two', async () => {
    const ids = [TAGS.amd64, TAGS.amd64Rebuild, TAGS.arm64]
    const result = await run({ 'image-ids': ids.join(' ') })
    expect(result.code).toBe(1)

    const manifests = json<{ id: string; status: string }[]>(result, 'manifests')
    expect(manifests.map(({ id, status }) => [id, status])).toEqual([
      [TAGS.amd64, 'found'],
      [TAGS.amd64Rebuild, 'failed'],
      [TAGS.arm64, 'failed'],
      // The references in pin-files are ids of their own (their calls are shared).
      [`${APP}:${TAGS.amd64}`, 'found'],
      [`${APP}:${TAGS.amd64Rebuild}`, 'failed']
    ])
    const errors = titled(result, 'error').map((a) => [a.title, a.message])
    expect(errors).toEqual([
      [`${REPO} ${TAGS.amd64Rebuild}`, expect.stringContaining('missing signature')],
      [`${REPO} ${TAGS.arm64}`, `no linux/amd64 in ${REPO} ${TAGS.arm64}; it has linux/arm64/v8`],
      [`${REPO} ${TAGS.arm64}`, expect.stringContaining('missing signature')],
      [`${APP}:${TAGS.amd64Rebuild}`, expect.stringContaining('missing signature')]
    ])
    // The arm64 image fails on both gates: the summary's code column names both.
    expect(result.summary).toContain('PlatformNotFound, ReferrersMissing')

    expect(json<Record<string, string>>(result, 'digests')[TAGS.amd64]).toBe(v4Digest)
    expect(result.outputs['platform-digest']).toBe(v4Digest)
    const labels = json<Record<string, Record<string, string>>>(result, 'labels')
    expect(Object.keys(labels)).toEqual([
      ...ids,
      `${APP}:${TAGS.amd64}`,
      `${APP}:${TAGS.amd64Rebuild}`
    ])
    expect(labels[TAGS.amd64]?.['org.opencontainers.image.version']).toBe('4.2.0')
    const referrers = json<Record<string, { digest: string; kind: string }[]>>(result, 'referrers')
    expect(referrers[TAGS.amd64]).toEqual([
      expect.objectContaining({ digest: signatureDigest, kind: 'signature' })
    ])
    expect(referrers[TAGS.amd64Rebuild]).toEqual([])
    const changes = json<Record<string, { changed: boolean }>>(result, 'changes')
    expect(changes[TAGS.amd64]).toMatchObject({ changed: false })
    expect(changes[TAGS.amd64Rebuild]).toMatchObject({ changed: true })
    expect(result.outputs.changed).toBe('true')

    // The job fails: the file is left as it was, and the pins say what would be written.
    expect(await readFile(join(workspace, 'deploy.yaml'), 'utf8')).not.toContain('@sha256')
    expect(json<string[]>(result, 'pinned-files')).toEqual([])
    expect(json<Record<string, string>>(result, 'pins')).toMatchObject({
      [`${APP}:${TAGS.amd64}`]: `${APP}:${TAGS.amd64}@${v4Digest}`
    })
    const file = JSON.parse(await readFile(result.outputs['results-file'] ?? '', 'utf8')) as Record<
      string,
      unknown
    >
    for (const name of ['labels', 'referrers', 'changes', 'pins', 'manifests'])
      expect(file[name]).toEqual(json(result, name))

    expect(result.summary).toContain(`### Changes against \`${TAGS.amd64}\``)
    expect(result.summary).toContain('### Pinned references')
    expect(result.summary).toContain('✅ signed')
    expect(result.summary).toContain('4.2.0')
    // The baseline (v4) rides in the images' call; the files' references, which name the
    // account, have one of their own (the two go out at once, in either order); then one round
    // for the cosign tags.
    const batch = servers.ecr.calls.filter((call) => call.operation === 'BatchGetImage')
    expect(batch.slice(0, 2).map((call) => call.body)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          registryId: SEED_REGISTRY_ID,
          imageIds: [{ imageTag: TAGS.amd64 }, { imageTag: TAGS.amd64Rebuild }]
        }),
        expect.objectContaining({ imageIds: ids.map((imageTag) => ({ imageTag })) })
      ])
    )
    expect(batch).toHaveLength(3)
  })

  it('passes and pins the files when every gate passes', async () => {
    await writeFile(join(workspace, 'deploy.yaml'), `image: ${APP}:${TAGS.amd64}\n`)
    const result = await run({ repository: '' })
    expect(result.annotations.filter((a) => a.level === 'error')).toEqual([])
    expect(result.code).toBe(0)
    expect(await readFile(join(workspace, 'deploy.yaml'), 'utf8')).toBe(
      `image: ${APP}:${TAGS.amd64}@${v4Digest}\n`
    )
    expect(json<string[]>(result, 'pinned-files')).toEqual(['deploy.yaml'])
    expect(json<Record<string, unknown>>(result, 'labels')).toHaveProperty([`${APP}:${TAGS.amd64}`])
  })

  it('keeps every source of annotations within GitHub’s 10 per level, setFailed included', async () => {
    // 12 missing images and 12 unpinned references in check mode: errors from both features.
    const missing = Array.from({ length: 12 }, (_, i) => `gone-${i}`)
    await writeFile(
      join(workspace, 'deploy.yaml'),
      Array.from({ length: 12 }, () => `- ${APP}:${TAGS.amd64}`).join('\n') + '\n'
    )
    const result = await run({
      'image-ids': missing.join(' '),
      'pin-mode': 'check',
      'require-referrers': '',
      'compare-to': ''
    })
    expect(result.code).toBe(1)
    const errors = result.annotations.filter((a) => a.level === 'error')
    expect(errors).toHaveLength(10)
    // The last is setFailed's; the one before it counts what is not shown, of both kinds.
    expect(errors[8]?.message).toMatch(
      /^and 16 more \(4 not found, 12 unpinned references\); see the job summary$/
    )
    expect(errors[9]?.title).toBeUndefined()
    expect(errors.slice(0, 8).map((a) => a.title)).toEqual(
      missing.slice(0, 8).map((id) => `${REPO} ${id}`)
    )
  })
})
