// Referrers and require-referrers, run() against the local server. What a workflow sees: the
// `referrers` output, the annotations, whether the job fails, the summary, and which calls
// reached the server. Digests come from the fixtures.
import { describe, expect, it } from '@jest/globals'
import { FIXTURES, SEED_REGISTRY_ID, SEEDED } from '../../server/fixtures.js'
import { runInProcess } from '../helpers/in-process.js'
import { useServers } from '../helpers/servers.js'

const servers = useServers()

function run(inputs: Record<string, string>) {
  servers.ecr.clearCalls()
  return runInProcess({ inputs, endpoint: servers.ecr.url })
}

const calls = (operation: string) =>
  servers.ecr.calls.filter((call) => call.operation === operation)

interface Record_ {
  kind: string
  artifactType: string | null
  digest: string
  status: string
  source: string
  subject: string
}

/** The per-image error annotations (the final setFailed line has no title). */
const imageErrors = (annotations: { level: string; title?: string; message: string }[]) =>
  annotations.filter((a) => a.level === 'error' && a.title !== undefined)

const referrersOf = (outputs: Record<string, string>) =>
  JSON.parse(outputs.referrers ?? 'null') as Record<string, Record_[]>

/** A new OCI image in `repository`, tagged, with `count` SBOM referrers of its own. */
function pushImageWithSboms(repository: string, tag: string, count: number, label = tag) {
  servers.ecr.createRepository(repository, SEED_REGISTRY_ID)
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      size: 2,
      digest: FIXTURES.ociImage.digest
    },
    layers: [],
    annotations: { label }
  })
  const digest = servers.ecr.putImage({
    repositoryName: repository,
    registryId: SEED_REGISTRY_ID,
    manifest,
    tag
  })
  const sboms = Array.from({ length: count }, (_, index) =>
    servers.ecr.putImage({
      repositoryName: repository,
      registryId: SEED_REGISTRY_ID,
      manifest: JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/spdx+json',
        config: {
          mediaType: 'application/vnd.oci.empty.v1+json',
          size: 2,
          digest: FIXTURES.ociImage.digest
        },
        layers: [],
        subject: {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest,
          size: manifest.length
        },
        annotations: { n: String(index) }
      })
    })
  )
  return { digest, sboms }
}

describe('referrers in process', () => {
  it('makes no ListImageReferrers call and sets no referrers output when none is asked', async () => {
    const result = await run({ repository: SEEDED.signed.repositoryName, 'image-ids': 'v1' })
    expect(result.code).toBe(0)
    expect(calls('ListImageReferrers')).toHaveLength(0)
    expect(calls('BatchGetImage')).toHaveLength(1)
    expect(result.outputs.referrers).toBeUndefined()
  })

  it('lists the four referrers of a signed image, classified, with the summary badge', async () => {
    const result = await run({
      repository: SEEDED.signed.repositoryName,
      'image-ids': 'v1',
      referrers: 'true'
    })
    expect(result.code).toBe(0)
    const listed = referrersOf(result.outputs).v1 ?? []
    expect(
      listed.map((r) => [r.kind, r.artifactType, r.digest, r.status, r.source]).sort()
    ).toEqual(
      [
        [
          'attestation',
          'application/vnd.in-toto+json',
          FIXTURES.signedInTotoAttestation.digest,
          'ACTIVE',
          'referrers'
        ],
        ['sbom', 'application/spdx+json', FIXTURES.signedSpdxSbom.digest, 'ACTIVE', 'referrers'],
        [
          'signature',
          'application/vnd.cncf.notary.signature',
          FIXTURES.signedNotationSignature.digest,
          'ACTIVE',
          'referrers'
        ],
        [
          'signature',
          'application/vnd.dev.sigstore.bundle.v0.3+json',
          FIXTURES.signedCosignBundle.digest,
          'ACTIVE',
          'referrers'
        ]
      ].sort()
    )
    expect(listed.every((r) => r.subject === FIXTURES.signedImage.digest)).toBe(true)
    expect(calls('ListImageReferrers').map((c) => c.body.subjectId)).toEqual([
      { imageDigest: FIXTURES.signedImage.digest }
    ])
    // The image round, then one batched round for the three cosign tags.
    const batches = calls('BatchGetImage')
    expect(batches).toHaveLength(2)
    expect((batches[1]?.body.imageIds as unknown[]).length).toBe(3)
    expect(result.summary).toContain('Supply chain')
    expect(result.summary).toContain('✅ signed · ✅ SBOM · ✅ 1 attestation')
  })

  it('passes when the required kinds are there, notation and literal types included', async () => {
    const result = await run({
      repository: SEEDED.signed.repositoryName,
      'image-ids': 'v1',
      'require-referrers': 'signature, sbom attestation application/vnd.cncf.notary.signature'
    })
    expect(result.code).toBe(0)
    expect(imageErrors(result.annotations)).toEqual([])
  })

  it('counts a cosign .sig tag as a signature', async () => {
    const result = await run({
      repository: SEEDED.cosignTagged.repositoryName,
      'image-ids': 'v1',
      'require-referrers': 'signature'
    })
    expect(result.code).toBe(0)
    const listed = referrersOf(result.outputs).v1 ?? []
    expect(listed).toEqual([
      expect.objectContaining({
        kind: 'signature',
        source: 'tag',
        digest: FIXTURES.cosignSigTag.digest
      })
    ])
  })

  it('fails only the id that lacks a required kind, naming what it has', async () => {
    const result = await run({
      images: `team/signed:v1\nteam/cosign-tagged:v1`,
      'require-referrers': 'sbom'
    })
    expect(result.code).toBe(1)
    const errors = imageErrors(result.annotations)
    expect(errors).toHaveLength(1)
    expect(errors[0]?.title).toBe('team/cosign-tagged:v1')
    expect(errors[0]?.message).toContain('missing sbom')
    expect(errors[0]?.message).toContain('has signature (1)')
    // Outputs are set even though the job fails.
    expect(Object.keys(referrersOf(result.outputs))).toEqual([
      'team/signed:v1',
      'team/cosign-tagged:v1'
    ])
    expect(JSON.parse(result.outputs.missing ?? '[]')).toEqual(['team/cosign-tagged:v1'])
  })

  it('shows an archived referrer as archived and does not count it', async () => {
    const { sboms } = pushImageWithSboms('team/archived-sbom', 'v1', 1)
    servers.ecr.registry.setImageStatus(
      'team/archived-sbom',
      sboms[0] ?? '',
      'ARCHIVED',
      SEED_REGISTRY_ID
    )
    const result = await run({
      repository: 'team/archived-sbom',
      'image-ids': 'v1',
      'require-referrers': 'sbom'
    })
    expect(result.code).toBe(1)
    expect(referrersOf(result.outputs).v1).toEqual([
      expect.objectContaining({ kind: 'sbom', status: 'ARCHIVED', digest: sboms[0] })
    ])
    expect(result.annotations.find((a) => a.level === 'error')?.message).toContain(
      '1 archived or not active, not counted'
    )
  })

  it('follows every page of a long referrer list', async () => {
    const { sboms } = pushImageWithSboms('team/many-sboms', 'v1', 120)
    const result = await run({
      repository: 'team/many-sboms',
      'image-ids': 'v1',
      referrers: 'true'
    })
    expect(result.code).toBe(0)
    expect((referrersOf(result.outputs).v1 ?? []).map((r) => r.digest).sort()).toEqual(
      [...sboms].sort()
    )
    const pages = calls('ListImageReferrers')
    expect(pages).toHaveLength(3)
    expect(pages.map((page) => page.body.nextToken === undefined)).toEqual([true, false, false])
  })

  it('checks ten images with one ListImageReferrers call each and one batched tag round', async () => {
    const tags = Array.from({ length: 10 }, (_, index) => `t${index}`)
    servers.ecr.createRepository('team/ten', SEED_REGISTRY_ID)
    for (const tag of tags) {
      servers.ecr.putImage({
        repositoryName: 'team/ten',
        registryId: SEED_REGISTRY_ID,
        tag,
        manifest: JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: {
            mediaType: 'application/vnd.oci.image.config.v1+json',
            size: 2,
            digest: FIXTURES.ociImage.digest
          },
          layers: [],
          annotations: { tag }
        })
      })
    }
    const result = await run({
      repository: 'team/ten',
      'image-ids': tags.join(' '),
      'require-referrers': 'signature'
    })
    expect(result.code).toBe(1)
    expect(calls('ListImageReferrers')).toHaveLength(10)
    expect(calls('BatchGetImage')).toHaveLength(2)
    // Ten failing ids and setFailed's error would be 11: 8 shown, one counts 2, setFailed's.
    expect(result.annotations.filter((a) => a.level === 'error')).toHaveLength(10)
    expect(imageErrors(result.annotations).map((a) => a.title)).toEqual([
      ...tags.slice(0, 8).map((tag) => `team/ten ${tag}`),
      '2 more image ids'
    ])
  })

  it('requires a literal artifact type exactly, and shows the referrers in the details', async () => {
    const result = await run({
      repository: SEEDED.signed.repositoryName,
      'image-ids': 'v1',
      'require-referrers': 'application/vnd.cyclonedx+json application/spdx+json'
    })
    expect(result.code).toBe(1)
    const [error] = imageErrors(result.annotations)
    expect(error?.message).toMatch(
      /^missing application\/vnd\.cyclonedx\+json \(.*\); has signature \(2\), sbom \(1\), attestation \(1\)$/
    )
    expect(result.summary).toContain(
      '| Referrer | Artifact type | Digest | Status | Source | Of | Size |'
    )
    expect(result.summary).toContain('`application/vnd.cncf.notary.signature`')
  })

  it('with resolve-platforms, lists the referrers of each platform too, counting only the index', async () => {
    const amd64 = FIXTURES.ociIndexAmd64
    servers.ecr.putImage({
      repositoryName: SEEDED.ociMulti.repositoryName,
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
        subject: { mediaType: amd64.mediaType, digest: amd64.digest, size: amd64.size }
      })
    })
    const result = await run({
      repository: SEEDED.ociMulti.repositoryName,
      'image-ids': 'v3',
      'resolve-platforms': 'true',
      'require-referrers': 'signature'
    })
    expect(
      calls('ListImageReferrers').map(
        (c) => (c.body.subjectId as { imageDigest: string }).imageDigest
      )
    ).toEqual([FIXTURES.ociIndex.digest, amd64.digest, FIXTURES.ociIndexArm64.digest])
    expect(referrersOf(result.outputs).v3).toEqual([
      expect.objectContaining({ kind: 'signature', subject: amd64.digest })
    ])
    // cosign signs the index unless told --recursive: a platform's signature does not sign the index.
    expect(result.code).toBe(1)
    expect(imageErrors(result.annotations)[0]?.message).toContain('missing signature')
  })

  it('rejects an unknown kind before any call, listing the kinds', async () => {
    const result = await run({
      repository: SEEDED.signed.repositoryName,
      'image-ids': 'v1',
      'require-referrers': 'signed'
    })
    expect(result.code).toBe(1)
    expect(servers.ecr.calls).toHaveLength(0)
    expect(result.stdout).toContain(
      'require-referrers: "signed" is not a kind; use signature, sbom, attestation'
    )
  })
})
