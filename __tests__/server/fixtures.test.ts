// The committed fixture manifests are internally consistent: what a list or index records for a
// child (digest, size, media type, platform) is true of the committed child file.
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MANIFESTS_DIR } from '../../server/fixture-files.js'
import { FIXTURES, SEEDED } from '../../server/fixtures.js'
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
    const cases = [
      [
        FIXTURES.dockerImage,
        MEDIA_TYPES.dockerManifest,
        MEDIA_TYPES.dockerConfig,
        MEDIA_TYPES.dockerLayer
      ],
      [FIXTURES.ociImage, MEDIA_TYPES.ociManifest, MEDIA_TYPES.ociConfig, MEDIA_TYPES.ociLayer]
    ] as const
    for (const [fixture, mediaType, configType, layerType] of cases) {
      const manifest = JSON.parse(fixture.manifest)
      expect(fixture.mediaType).toBe(mediaType)
      expect(manifest.config).toEqual({
        mediaType: configType,
        size: expect.any(Number),
        digest: expect.stringMatching(DIGEST)
      })
      expect(manifest.layers.length).toBeGreaterThan(0)
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
