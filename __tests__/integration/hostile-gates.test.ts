// Issue 20, in process: every gate ends in pass, fail or "could not decide", and the last fails
// the id with its own code and a reason naming what was missing. run() against the local
// ECR server holding the shapes a gate must not pass on (team/gates, from fixtures/gates/): an
// index whose child is not in the repository, a layer without a size, a single image against a
// multi-arch one, an index listing an amd64 image as arm64, a config of 300 labels, a config blob
// ECR does not have, an index of attestations only; and answering badly on purpose (a baseline
// failing with KmsError, ListImageReferrers denied or throttled, a cosign tag lookup denied).
import { describe, expect, it } from '@jest/globals'
import type { ActionRun } from '../../harness/run-action.js'
import { runInProcess } from '../helpers/in-process.js'
import { SEED_REGISTRY_ID, SEEDED } from '../../server/fixtures.js'
import { GATE_FIXTURES, SEEDED_GATES } from '../../server/gate-fixtures.js'
import { cosignTag } from '../../src/ecr/referrers.js'
import { useServers } from '../helpers/servers.js'
import { OCI_MANIFEST } from '../helpers/images.js'

const servers = useServers()

const REPO = SEEDED_GATES.repositoryName
const TAGS = SEEDED_GATES.tags
const REVISION = (
  JSON.parse(GATE_FIXTURES.amd64Config.text) as { config: { Labels: Record<string, string> } }
).config.Labels['org.opencontainers.image.revision']!

function run(inputs: Record<string, string>): Promise<ActionRun> {
  return runInProcess({
    endpoint: servers.ecr.url,
    inputs: { repository: REPO, 'max-attempts': '1', 'request-timeout': '5s', ...inputs }
  })
}

/** The error annotations about ids: the step's closing setFailed line has no title. */
const errors = (result: ActionRun): string[] =>
  result.annotations
    .filter((a) => a.level === 'error' && a.title !== undefined)
    .map((a) => a.message)
const warnings = (result: ActionRun): string[] =>
  result.annotations.filter((a) => a.level === 'warning').map((a) => a.message)
const changesOf = (result: ActionRun) =>
  JSON.parse(result.outputs.changes ?? 'null') as Record<string, Record<string, unknown>>

/** The step failed on this one id with `code`: exit 1, the id missing, the code in the summary. */
function expectFailedWith(result: ActionRun, id: string, code: string): void {
  expect(result.code).toBe(1)
  expect(JSON.parse(result.outputs.missing ?? '[]')).toContain(id)
  expect(result.summary).toMatch(new RegExp(`\\| ${id} \\| \`[A-Za-z, ]*${code}[A-Za-z, ]*\` \\|`))
}

describe('max-size-increase cannot measure: SizeNotComparable', () => {
  const gate = { 'compare-to': 'prod', 'max-size-increase': '10%' }

  it('fails a multi-arch image against a single-image baseline without a platform to pair them', async () => {
    const result = await run({ ...gate, 'image-ids': TAGS.multi })
    expectFailedWith(result, TAGS.multi, 'SizeNotComparable')
    expect(errors(result)).toEqual([
      'size not compared with prod, so max-size-increase 10% cannot be checked: the image is a ' +
        'multi-arch index and the baseline a single image, so their sizes do not pair; set ' +
        "platform to compare that platform's image with the single one"
    ])
    expect(changesOf(result)[TAGS.multi]).toMatchObject({
      changed: true,
      sizeProblem: expect.stringMatching(/^the image is a multi-arch index/)
    })
    expect(result.summary).toContain('⚠️ not compared: the image is a multi-arch index')
  })

  it('fails a single image against a multi-arch baseline the same way', async () => {
    const result = await run({ ...gate, 'image-ids': TAGS.prod, 'compare-to': TAGS.multi })
    expectFailedWith(result, TAGS.prod, 'SizeNotComparable')
    expect(errors(result)[0]).toMatch(
      /cannot be checked: the image is a single image and the baseline a multi-arch index/
    )
  })

  it('with platform, compares that platform of the index with the single image, verified by its config', async () => {
    const result = await run({ ...gate, 'image-ids': TAGS.multi, platform: 'linux/amd64' })
    expect({ code: result.code, errors: errors(result) }).toEqual({ code: 0, errors: [] })
    expect(changesOf(result)[TAGS.multi]!.platforms).toEqual({
      'linux/amd64': expect.objectContaining({
        digest: GATE_FIXTURES.amd64.digest,
        baselineDigest: GATE_FIXTURES.prod.digest,
        sizeDelta: 1_000_000
      })
    })
    // The baseline's config was read to learn its platform.
    const configs = servers.ecr.calls.filter((c) => c.operation === 'GetDownloadUrlForLayer')
    expect(configs.map((c) => c.body.layerDigest)).toContain(GATE_FIXTURES.amd64Config.digest)
    const tight = await run({
      ...gate,
      'image-ids': TAGS.multi,
      platform: 'linux/amd64',
      'max-size-increase': '1%'
    })
    expectFailedWith(tight, TAGS.multi, 'SizeIncreaseExceeded')
    expect(errors(tight)).toEqual([
      'linux/amd64: 35 MB → 36 MB (+1 MB, +2.9 %) against prod, more than max-size-increase 1%'
    ])
  })

  it('with a platform the single baseline is not of, says which platform it has', async () => {
    const result = await run({ ...gate, 'image-ids': TAGS.multi, platform: 'linux/arm64' })
    expectFailedWith(result, TAGS.multi, 'SizeNotComparable')
    expect(errors(result)).toEqual([
      'size not compared with prod, so max-size-increase 10% cannot be checked: the baseline: ' +
        `no linux/arm64 in ${REPO} prod; it has linux/amd64`
    ])
  })

  it('names the platform, the child and the failure when an index child is not in the repository', async () => {
    const result = await run({ ...gate, 'image-ids': TAGS.missingChild, 'compare-to': TAGS.multi })
    expectFailedWith(result, TAGS.missingChild, 'SizeNotComparable')
    const child = GATE_FIXTURES.unpushedArm64.digest
    expect(errors(result)).toEqual([
      'linux/arm64/v8: size not compared with multi, so max-size-increase 10% cannot be checked: ' +
        `the image's linux/arm64/v8 manifest ${child}: not in the repository (ImageNotFound: ` +
        'Requested image not found)'
    ])
    // The platform that could be measured is still reported, the other says why it is not.
    const platforms = changesOf(result)[TAGS.missingChild]!.platforms as Record<string, object>
    expect(platforms['linux/amd64']).toMatchObject({ changed: false, sizeDelta: 0 })
    expect(result.summary).toContain('| ↳ linux/arm64/v8 | 🔺 changed | — | ⚠️ not compared: ')
  })

  it('names a child whose manifest fails its integrity check', async () => {
    const repository = 'team/gates-tampered'
    servers.ecr.createRepository(repository, SEED_REGISTRY_ID)
    for (const fixture of [GATE_FIXTURES.amd64, GATE_FIXTURES.arm64, GATE_FIXTURES.unpushedArm64])
      servers.ecr.putImage({
        repositoryName: repository,
        registryId: SEED_REGISTRY_ID,
        manifest: fixture.text
      })
    for (const [fixture, tag] of [
      [GATE_FIXTURES.multi, 'prod'],
      [GATE_FIXTURES.missingChild, 'pr']
    ] as const)
      servers.ecr.putImage({
        repositoryName: repository,
        registryId: SEED_REGISTRY_ID,
        manifest: fixture.text,
        tag
      })
    // What is stored under the child's digest is no longer its bytes.
    const stored = servers.ecr.registry
      .getRepository(repository, SEED_REGISTRY_ID)
      .images.get(GATE_FIXTURES.unpushedArm64.digest)!
    stored.manifest = GATE_FIXTURES.arm64.text
    const result = await run({ ...gate, repository, 'image-ids': 'pr' })
    expectFailedWith(result, 'pr', 'SizeNotComparable')
    expect(errors(result)).toEqual([
      expect.stringContaining(
        `the image's linux/arm64/v8 manifest ${GATE_FIXTURES.unpushedArm64.digest}: integrity ` +
          `check failed: the manifest returned for ${GATE_FIXTURES.unpushedArm64.digest} hashes ` +
          `to ${GATE_FIXTURES.arm64.digest}`
      )
    ])
  })

  it('names the layer that has no size', async () => {
    const result = await run({ ...gate, 'image-ids': TAGS.noSize })
    expectFailedWith(result, TAGS.noSize, 'SizeNotComparable')
    const layer = (JSON.parse(GATE_FIXTURES.noSize.text) as { layers: { digest: string }[] })
      .layers[1]!.digest
    expect(errors(result)).toEqual([
      "size not compared with prod, so max-size-increase 10% cannot be checked: the image's " +
        `manifest ${GATE_FIXTURES.noSize.digest}: size not computed: layer #1 (${layer}) has no size`
    ])
  })

  it('fails an image whose baseline does not exist, saying what to do', async () => {
    const result = await run({ ...gate, 'image-ids': TAGS.prod, 'compare-to': 'v0-never-pushed' })
    expectFailedWith(result, TAGS.prod, 'SizeNotComparable')
    expect(errors(result)).toEqual([
      `${REPO} has no image v0-never-pushed (ImageNotFound) to measure growth against, so ` +
        'max-size-increase 10% cannot be checked; push v0-never-pushed first, set compare-to to ' +
        'an image the repository has, or leave max-size-increase unset until it has one'
    ])
    expect(changesOf(result)[TAGS.prod]).toMatchObject({ new: true })
  })

  it.each([
    ['KmsError', 'The KMS key is disabled'],
    ['ImageInaccessible', 'The image is archived']
  ])('fails an image whose baseline answers %s', async (failureCode, failureReason) => {
    const image = GATE_FIXTURES.manyLabels
    servers.ecr.faults.respond({
      repositoryName: REPO,
      body: {
        images: [
          {
            registryId: SEED_REGISTRY_ID,
            repositoryName: REPO,
            imageId: { imageTag: TAGS.manyLabels, imageDigest: image.digest },
            imageManifest: image.text,
            imageManifestMediaType: OCI_MANIFEST
          }
        ],
        failures: [{ imageId: { imageTag: 'prod' }, failureCode, failureReason }]
      }
    })
    const gated = await run({ ...gate, 'image-ids': TAGS.manyLabels })
    expectFailedWith(gated, TAGS.manyLabels, 'SizeNotComparable')
    expect(errors(gated)).toEqual([
      'could not read the baseline prod, so max-size-increase 10% cannot be checked: ' +
        `${failureCode}: ${failureReason}`
    ])
    // Without max-size-increase there is no gate: a warning, and the report says "not compared".
    const reported = await run({ 'compare-to': 'prod', 'image-ids': TAGS.manyLabels })
    expect({ code: reported.code, errors: errors(reported) }).toEqual({ code: 0, errors: [] })
    expect(warnings(reported)).toEqual([`not compared with prod: ${failureCode}: ${failureReason}`])
    expect(reported.summary).toContain(`⚠️ not compared: ${failureCode}: ${failureReason}`)
  })
})

describe('configs: every label, the platform an index claims', () => {
  it('reads all 300 labels: one past the 200th passes require-labels, the outputs show 200', async () => {
    const result = await run({
      'image-ids': TAGS.manyLabels,
      'require-labels': `org.opencontainers.image.revision=${REVISION}`
    })
    expect({ code: result.code, errors: errors(result) }).toEqual({ code: 0, errors: [] })
    const labels = JSON.parse(result.outputs.labels!) as Record<string, Record<string, string>>
    expect(Object.keys(labels[TAGS.manyLabels]!)).toHaveLength(200)
    const [entry] = JSON.parse(result.outputs.manifests!) as { config: { labelsOmitted: number } }[]
    expect(entry!.config.labelsOmitted).toBe(100)
    // A value it does not have still fails, naming the one it has.
    const wrong = await run({
      'image-ids': TAGS.manyLabels,
      'require-labels': 'org.opencontainers.image.revision=0000000'
    })
    expectFailedWith(wrong, TAGS.manyLabels, 'LabelMismatch')
    expect(errors(wrong)[0]).toContain(`is "${REVISION}" (required "0000000")`)
  })

  it.each([
    ['require-labels', { 'require-labels': 'org.opencontainers.image.revision' }],
    ['read-config with resolve-platforms', { 'read-config': 'true', 'resolve-platforms': 'true' }],
    [
      'platform with require-labels',
      { platform: 'linux/amd64', 'require-labels': 'org.opencontainers.image.revision' }
    ]
  ])('fails an index entry whose config says another platform (%s)', async (_, inputs) => {
    const result = await run({ 'image-ids': TAGS.mismatch, ...inputs })
    expectFailedWith(result, TAGS.mismatch, 'PlatformMismatch')
    expect(errors(result)).toEqual([
      `the index lists ${GATE_FIXTURES.amd64Listed.digest} as linux/arm64/v8, but its config ` +
        'says linux/amd64'
    ])
    expect(result.outputs['platform-digest'] ?? '').toBe('')
  })

  it('names the platform asked and the cause when a single image config cannot be read', async () => {
    const result = await run({ 'image-ids': TAGS.noConfigBlob, platform: 'linux/arm64' })
    expectFailedWith(result, TAGS.noConfigBlob, 'ConfigUnreadable')
    expect(errors(result)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${REPO} ${TAGS.noConfigBlob}: its platform \\(linux/arm64 asked\\) cannot be verified: ` +
            `ECR has no blob ${GATE_FIXTURES.unpushedConfig.digest} .*LayersNotFoundException`
        )
      )
    ])
    expect(result.outputs['platform-digest']).toBe('')
  })

  it('names the platform whose config cannot be read for require-labels', async () => {
    const result = await run({
      'image-ids': TAGS.multiNoConfig,
      'require-labels': 'org.opencontainers.image.revision'
    })
    expectFailedWith(result, TAGS.multiNoConfig, 'ConfigUnreadable')
    expect(errors(result)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${REPO} ${TAGS.multiNoConfig}: require-labels cannot be checked: linux/arm64/v8: ` +
            `ECR has no blob ${GATE_FIXTURES.unpushedConfig.digest} `
        )
      )
    ])
  })

  it('fails require-labels on an index that lists no platform image', async () => {
    const result = await run({
      'image-ids': TAGS.attestationsOnly,
      'require-labels': 'org.opencontainers.image.revision'
    })
    expectFailedWith(result, TAGS.attestationsOnly, 'ConfigUnreadable')
    expect(errors(result)).toEqual([
      `${REPO} ${TAGS.attestationsOnly}: require-labels cannot be checked: the index lists no platform image`
    ])
  })

  it.each([
    [
      'platform',
      { platform: 'linux/amd64' },
      'its platform (linux/amd64 asked) cannot be verified'
    ],
    ['require-labels', { 'require-labels': 'a' }, 'require-labels cannot be checked']
  ])('fails a Docker schema 1 image asked for its %s', async (_, inputs, unchecked) => {
    const result = await run({
      repository: SEEDED.legacy.repositoryName,
      'image-ids': SEEDED.legacy.tags[0],
      ...inputs
    })
    expectFailedWith(result, SEEDED.legacy.tags[0], 'ConfigUnreadable')
    expect(errors(result)).toEqual([
      `${SEEDED.legacy.repositoryName} ${SEEDED.legacy.tags[0]}: ${unchecked}: a Docker schema 1 manifest has no image config`
    ])
  })

  it('fails an image ECR answers without its manifest instead of passing every gate', async () => {
    servers.ecr.faults.respond({ repositoryName: REPO, patchImages: { imageManifest: null } })
    const result = await run({
      'image-ids': TAGS.prod,
      platform: 'linux/amd64',
      'require-labels': 'org.opencontainers.image.revision'
    })
    expectFailedWith(result, TAGS.prod, 'InvalidResponse')
    expect(errors(result)).toEqual([
      "InvalidResponse: ECR's answer has no imageManifest; the answer is not used"
    ])
  })
})

describe('require-referrers cannot list: ReferrersUnknown', () => {
  const digest = GATE_FIXTURES.prod.digest

  it.each([
    ['AccessDeniedException', 'User: arn:aws:sts::123456789012:assumed-role/ci is not authorized'],
    ['ThrottlingException', 'Rate exceeded']
  ])(
    'fails, naming ListImageReferrers and %s, instead of claiming missing',
    async (code, message) => {
      servers.ecr.faults.failRepository({
        repositoryName: REPO,
        operation: 'ListImageReferrers',
        code,
        message
      })
      const result = await run({ 'image-ids': TAGS.prod, 'require-referrers': 'signature' })
      expectFailedWith(result, TAGS.prod, 'ReferrersUnknown')
      expect(errors(result)).toEqual([
        'signature not found, but the list of what is attached is incomplete, so it may be there: ' +
          `ListImageReferrers failed for ${digest} (${code}: ${message}); has none`
      ])
    }
  )

  it('fails when a cosign tag lookup is denied', async () => {
    const tag = cosignTag(digest, 'sig')
    servers.ecr.faults.failRepository({
      repositoryName: REPO,
      imageTag: tag,
      code: 'AccessDeniedException',
      message: 'not authorized'
    })
    const result = await run({ 'image-ids': TAGS.prod, 'require-referrers': 'signature' })
    expectFailedWith(result, TAGS.prod, 'ReferrersUnknown')
    expect(errors(result)[0]).toContain(
      `BatchGetImage of the cosign tag ${tag} failed (AccessDeniedException: not authorized)`
    )
  })

  it('fails when a referrer of the image had to be ignored', async () => {
    const repository = 'team/gates-malformed-referrer'
    servers.ecr.createRepository(repository, SEED_REGISTRY_ID)
    const push = (manifest: string, tag?: string) =>
      servers.ecr.putImage({
        repositoryName: repository,
        registryId: SEED_REGISTRY_ID,
        manifest,
        ...(tag ? { tag } : {})
      })
    push(GATE_FIXTURES.prod.text, 'v1')
    push(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: 'application/x&reboot',
        config: { mediaType: 'application/vnd.oci.empty.v1+json', size: 2, digest },
        layers: [],
        subject: { mediaType: OCI_MANIFEST, digest, size: GATE_FIXTURES.prod.text.length }
      })
    )
    const result = await run({
      repository,
      'image-ids': 'v1',
      'require-referrers': 'signature'
    })
    expectFailedWith(result, 'v1', 'ReferrersUnknown')
    expect(errors(result)[0]).toContain(`1 malformed referrer(s) of ${digest} were ignored`)
    // Listed and complete, a kind that is not there is missing, as before.
    const complete = await run({ 'image-ids': TAGS.prod, 'require-referrers': 'sbom' })
    expectFailedWith(complete, TAGS.prod, 'ReferrersMissing')
  })

  it('a required kind found still passes when another lookup failed', async () => {
    const signed = SEEDED.cosignTagged
    servers.ecr.faults.failRepository({
      repositoryName: signed.repositoryName,
      operation: 'ListImageReferrers',
      code: 'AccessDeniedException',
      message: 'not authorized'
    })
    const result = await run({
      repository: signed.repositoryName,
      'image-ids': signed.tags[0],
      'require-referrers': 'signature'
    })
    expect({ code: result.code, errors: errors(result) }).toEqual({ code: 0, errors: [] })
  })
})
