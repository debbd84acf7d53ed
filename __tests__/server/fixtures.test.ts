// The committed fixture manifests are internally consistent: what a list or index records for a
// child (digest, size, media type, platform) is true of the committed child file.
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MANIFESTS_DIR } from '../../server/fixture-files.js'
import { FIXTURES, SEED_REGISTRY_ID, SEEDED } from '../../server/fixtures.js'
import { GATES_DIR, type GateFixtureName } from '../../server/gate-fixture-files.js'
import { GATE_FIXTURES, SEEDED_GATES, seedGateFixtures } from '../../server/gate-fixtures.js'
import { Registry } from '../../server/store.js'
import { MEDIA_TYPES } from '../../server/media-types.js'

interface Entry {
  mediaType: string
  digest: string
  size: number
  platform: { os: string; architecture: string; variant?: string }
  annotations?: Record<string, string>
}

function entriesOf(manifest: string): Entry[] {
  return (JSON.parse(manifest) as { manifests: Entry[] }).manifests
}

const DIGEST = /^sha256:[a-f0-9]{64}$/

describe('fixture manifests', () => {
  it('digest and size are those of the file bytes', () => {
    for (const fixture of Object.values(FIXTURES)) {
      if (fixture === FIXTURES.dockerSchema1Signed) continue
      const bytes = readFileSync(join(MANIFESTS_DIR, fixture.file))
      expect(fixture.digest).toBe('sha256:' + createHash('sha256').update(bytes).digest('hex'))
      expect(fixture.size).toBe(bytes.length)
    }
  })

  it('the signed schema 1 digest is of the JWS payload: the file without its signatures', () => {
    const fixture = FIXTURES.dockerSchema1Signed
    const text = readFileSync(join(MANIFESTS_DIR, fixture.file), 'utf8')
    // The payload is the manifest as it was before signing: the signatures key removed.
    const cut = text.indexOf(',\n   "signatures"')
    const payload = `${text.slice(0, cut)}\n}`
    expect(fixture.digest).toBe('sha256:' + createHash('sha256').update(payload).digest('hex'))
    expect(fixture.digest).not.toBe('sha256:' + createHash('sha256').update(text).digest('hex'))
    expect(fixture.size).toBe(Buffer.byteLength(text))
  })

  it.each([
    ['Docker manifest list', SEEDED.multi],
    ['OCI index', SEEDED.ociMulti]
  ])('the %s points at its committed children, by digest and size', (_, seeded) => {
    const entries = entriesOf(seeded.image.manifest)
    expect(entries.map((e) => [e.digest, e.size, e.mediaType])).toEqual(
      seeded.children.map((child) => [child.digest, child.size, child.mediaType])
    )
  })

  it('names linux/amd64 and linux/arm64/v8, and the OCI index a buildx attestation', () => {
    const platforms = (manifest: string) =>
      entriesOf(manifest).map((e) =>
        [e.platform.os, e.platform.architecture, e.platform.variant].filter(Boolean).join('/')
      )
    expect(platforms(FIXTURES.dockerList.manifest)).toEqual(['linux/amd64', 'linux/arm64/v8'])
    expect(platforms(FIXTURES.ociIndex.manifest)).toEqual([
      'linux/amd64',
      'linux/arm64/v8',
      'unknown/unknown'
    ])
    const attestation = entriesOf(FIXTURES.ociIndex.manifest)[2]
    expect(attestation?.annotations).toEqual({
      'vnd.docker.reference.type': 'attestation-manifest',
      'vnd.docker.reference.digest': FIXTURES.ociIndexAmd64.digest
    })
  })

  it('single-image manifests have well-formed config and layer descriptors of their own format', () => {
    // [fixture, its media type, its config's, its layers', how many layers]
    const cases = [
      [
        FIXTURES.dockerImage,
        MEDIA_TYPES.dockerManifest,
        MEDIA_TYPES.dockerConfig,
        MEDIA_TYPES.dockerLayer,
        4
      ],
      [FIXTURES.ociImage, MEDIA_TYPES.ociManifest, MEDIA_TYPES.ociConfig, MEDIA_TYPES.ociLayer, 3]
    ] as const
    for (const [fixture, mediaType, configType, layerType, layers] of cases) {
      const manifest = JSON.parse(fixture.manifest)
      expect(fixture.mediaType).toBe(mediaType)
      expect(manifest.layers).toHaveLength(layers)
      expect(manifest.config).toEqual({
        mediaType: configType,
        size: expect.any(Number),
        digest: expect.stringMatching(DIGEST)
      })
      for (const layer of manifest.layers) {
        expect(layer).toEqual({
          mediaType: layerType,
          size: expect.any(Number),
          digest: expect.stringMatching(DIGEST)
        })
        expect(layer.size).toBeGreaterThan(0)
      }
    }
  })
})

describe('gate fixtures (fixtures/gates/, seeded in team/gates)', () => {
  const registry = new Registry()
  seedGateFixtures(registry)
  const repository = registry.getRepository(SEEDED_GATES.repositoryName, SEED_REGISTRY_ID)
  const configOf = (name: GateFixtureName) =>
    JSON.parse(GATE_FIXTURES[name].text) as {
      os: string
      architecture: string
      variant?: string
      config: { Labels: Record<string, string> }
    }
  const configDigestOf = (name: GateFixtureName) =>
    (JSON.parse(GATE_FIXTURES[name].text) as { config: { digest: string } }).config.digest

  it('digests are those of the file bytes, and each tag names its image', () => {
    for (const fixture of Object.values(GATE_FIXTURES)) {
      const bytes = readFileSync(join(GATES_DIR, fixture.file))
      expect(fixture.digest).toBe('sha256:' + createHash('sha256').update(bytes).digest('hex'))
    }
    for (const [name, tag] of Object.entries(SEEDED_GATES.tags))
      expect(repository.tags.get(tag)).toBe(GATE_FIXTURES[name as GateFixtureName].digest)
  })

  it('holds what a gate must not pass on: a child and a config blob ECR does not have', () => {
    const missing = entriesOf(GATE_FIXTURES.missingChild.text)[1]!
    expect(missing.digest).toBe(GATE_FIXTURES.unpushedArm64.digest)
    expect(repository.images.has(missing.digest)).toBe(false)
    expect(configDigestOf('noConfigBlob')).toBe(GATE_FIXTURES.unpushedConfig.digest)
    expect(repository.blobs.has(GATE_FIXTURES.unpushedConfig.digest)).toBe(false)
    expect(repository.blobs.has(configDigestOf('manyLabels'))).toBe(true)
  })

  it('lists an amd64 image as arm64, and lays out 300 labels with the revision last', () => {
    const [, listed] = entriesOf(GATE_FIXTURES.mismatch.text)
    expect(listed).toMatchObject({ digest: GATE_FIXTURES.amd64Listed.digest })
    expect(listed!.platform).toEqual({ architecture: 'arm64', os: 'linux', variant: 'v8' })
    expect(configDigestOf('amd64Listed')).toBe(GATE_FIXTURES.amd64Config.digest)
    expect(configOf('amd64Config').architecture).toBe('amd64')
    const labels = Object.keys(configOf('manyLabelsConfig').config.Labels)
    expect(labels).toHaveLength(300)
    expect(labels.indexOf('org.opencontainers.image.revision')).toBe(299)
  })

  it('has a layer without a size, and an index of nothing but an attestation', () => {
    const { layers } = JSON.parse(GATE_FIXTURES.noSize.text) as { layers: object[] }
    expect(layers[1]).not.toHaveProperty('size')
    expect(entriesOf(GATE_FIXTURES.attestationsOnly.text).map((e) => e.platform)).toEqual([
      { architecture: 'unknown', os: 'unknown' }
    ])
  })
})
