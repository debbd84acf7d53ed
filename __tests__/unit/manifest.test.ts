import { describe, expect, it } from '@jest/globals'
import { analyzeManifest, withPlatformDetails } from '../../src/insight/manifest.js'
import type { ManifestInfo } from '../../src/insight/manifest-types.js'
import { MEDIA_TYPES } from '../../src/media-types.js'

const {
  dockerManifestList: DOCKER_MANIFEST_LIST,
  dockerManifest: DOCKER_MANIFEST_V2,
  dockerManifestV1Signed: DOCKER_SCHEMA1_SIGNED,
  ociIndex: OCI_INDEX,
  ociManifest: OCI_MANIFEST
} = MEDIA_TYPES

import { realWorldManifest as fixture } from '../helpers/real-world-fixtures.js'

const sha = (prefix: string): string => `sha256:${prefix.padEnd(64, '0')}`

describe('analyzeManifest on real-world manifests', () => {
  it('sums config and layer sizes of a Docker v2 image', () => {
    const info = analyzeManifest(fixture('docker-v2-image.json'), DOCKER_MANIFEST_V2)
    expect(info).toEqual({
      kind: 'image',
      mediaType: DOCKER_MANIFEST_V2,
      schemaVersion: 2,
      configDigest: 'sha256:21f8228ac9d89eec18646f4b88159e27efb1276037b16740fbf1121d70f7dfd9',
      configMediaType: 'application/vnd.docker.container.image.v1+json',
      layerCount: 7,
      // 8,584 config + 29,126,484 + 41,374,215 + 627 + 955 + 405 + 1,210 + 1,403
      size: 70_513_883
    })
  })

  it('reads an OCI image and keeps its annotations', () => {
    const info = analyzeManifest(fixture('oci-image.json'))
    expect(info.kind).toBe('image')
    expect(info.mediaType).toBe(OCI_MANIFEST)
    expect(info.mediaTypeInferred).toBeUndefined()
    expect(info.layerCount).toBe(3)
    expect(info.size).toBe(2841 + 3_623_807 + 48_213_977 + 1_048_576)
    expect(info.artifactType).toBeUndefined()
    expect(info.annotations?.['org.opencontainers.image.source']).toBe(
      'https://github.com/example/api'
    )
  })

  it('lists every platform of a Docker manifest list, Windows os.version included', () => {
    const info = analyzeManifest(fixture('docker-manifest-list.json'))
    expect(info.kind).toBe('index')
    expect(info.mediaType).toBe(DOCKER_MANIFEST_LIST)
    expect(info.platforms?.map((child) => child.platform)).toEqual([
      'linux/amd64',
      'linux/arm/v5',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/386',
      'linux/mips64le',
      'linux/ppc64le',
      'linux/s390x',
      'windows/amd64',
      'windows/amd64'
    ])
    expect(info.platforms?.[8]).toEqual({
      platform: 'windows/amd64',
      os: 'windows',
      architecture: 'amd64',
      osVersion: '10.0.20348.2849',
      digest: 'sha256:4aeb88fdd4d439316b638577c1fd20b5e1567bf11beebb8e47d8dcb355c9cfa8',
      mediaType: DOCKER_MANIFEST_V2,
      size: 3394
    })
    expect(info.attestations).toBeUndefined()
  })

  it('lists buildx attestations apart from the platforms, naming what they attest', () => {
    const info = analyzeManifest(fixture('oci-index-buildx-attestations.json'), OCI_INDEX)
    expect(info.platforms?.map((child) => child.platform)).toEqual([
      'linux/amd64',
      'linux/arm64',
      'linux/arm/v7'
    ])
    expect(info.attestations).toHaveLength(3)
    expect(info.attestations?.[1]).toEqual({
      digest: 'sha256:a3f63d0eda48a183de977f478d46f28a6b5206ba44962fd51db3e1c18489cbe9',
      mediaType: OCI_MANIFEST,
      size: 840,
      referenceType: 'attestation-manifest',
      referenceDigest: info.platforms?.[1]?.digest,
      referencePlatform: 'linux/arm64'
    })
  })

  it('reports a signed schema 1 manifest as such, with its layers and platform', () => {
    const info = analyzeManifest(fixture('schema1-signed.json'), DOCKER_SCHEMA1_SIGNED)
    expect(info).toMatchObject({
      kind: 'schema1',
      mediaType: DOCKER_SCHEMA1_SIGNED,
      schemaVersion: 1,
      name: 'legacy/busybox',
      tag: '1.21',
      architecture: 'amd64',
      platform: 'linux/amd64',
      layerCount: 2,
      signed: true
    })
    expect(info.size).toBeUndefined()
    expect(info.problem).toMatch(/schema 1 is deprecated/)
  })

  it('infers the OCI type of a Helm chart without mediaType and names its artifact type', () => {
    const info = analyzeManifest(fixture('helm-chart-oci.json'))
    expect(info).toMatchObject({
      kind: 'image',
      mediaType: OCI_MANIFEST,
      mediaTypeInferred: true,
      artifactType: 'application/vnd.cncf.helm.config.v1+json',
      layerCount: 1,
      size: 117 + 3637
    })
    expect(info.annotations?.['org.opencontainers.image.title']).toBe('billing')
  })

  it('returns kind unknown with a problem for malformed JSON', () => {
    const info = analyzeManifest(fixture('malformed-truncated.json'), DOCKER_MANIFEST_V2)
    expect(info.kind).toBe('unknown')
    expect(info.mediaType).toBe(DOCKER_MANIFEST_V2)
    expect(info.problem).toMatch(/^manifest is not valid JSON/)
  })

  it('gives JSON-serialisable results that survive a round trip', () => {
    for (const name of ['docker-manifest-list.json', 'oci-index-buildx-attestations.json']) {
      const info = analyzeManifest(fixture(name))
      expect(JSON.parse(JSON.stringify(info))).toEqual(info)
    }
  })
})

describe('analyzeManifest on wrong shapes (never throws)', () => {
  it.each([
    ['null', 'manifest is not a JSON object'],
    ['[1, 2]', 'manifest is not a JSON object'],
    ['"text"', 'manifest is not a JSON object'],
    ['{}', 'manifest has no media type and no known shape'],
    [`{"mediaType":"${OCI_INDEX}","manifests":{}}`, 'index without a manifests array'],
    [
      `{"mediaType":"${OCI_MANIFEST}","layers":[]}`,
      'image manifest without a config object and a layers array'
    ],
    [
      '{"mediaType":"application/vnd.acme.thing+json"}',
      'unsupported media type application/vnd.acme.thing+json'
    ],
    ['{"schemaVersion":1}', 'schema 1 manifest without fsLayers']
  ])('%s', (manifest, problem) => {
    const info = analyzeManifest(manifest)
    expect(info.problem).toBe(problem)
    expect(info.kind).toBe(problem.startsWith('schema 1') ? 'schema1' : 'unknown')
  })

  it('prefers the registry media type over the manifest field', () => {
    const manifest = JSON.stringify({ mediaType: OCI_INDEX, manifests: [] })
    const info = analyzeManifest(manifest, 'application/vnd.acme.thing+json')
    expect(info.kind).toBe('unknown')
    expect(info.problem).toBe('unsupported media type application/vnd.acme.thing+json')
  })

  it('leaves the size out when a layer has no valid size', () => {
    const manifest = JSON.stringify({
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha('c'), size: 10 },
      layers: [
        { digest: sha('a'), size: 5 },
        { digest: sha('b'), size: -1 }
      ]
    })
    const info = analyzeManifest(manifest)
    expect(info.layerCount).toBe(2)
    expect(info.size).toBeUndefined()
    expect(info.problem).toBe(`size not computed: layer #1 (${sha('b')}) has a negative size`)
  })

  it.each([
    [{ size: '12' }, 'has a size that is a string, not a number'],
    [{ size: null }, 'has a size that is null, not a number'],
    [{ size: 1.5 }, 'has a size that is not a whole number of bytes'],
    [{ size: 1e300 }, 'has a size that is not a whole number of bytes'],
    [
      { size: 52_000 * 1024 ** 2 + 1 },
      "has a size of 54525952001 bytes, more than ECR's largest layer (52,000 MiB)"
    ],
    [{}, 'has no size']
  ])('names a layer whose size is %j', (fields, said) => {
    const manifest = JSON.stringify({
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha('c'), size: 1 },
      layers: [{ digest: sha('a'), ...fields }]
    })
    const info = analyzeManifest(manifest)
    expect(info.size).toBeUndefined()
    expect(info.problem).toBe(`size not computed: layer #0 (${sha('a')}) ${said}`)
  })

  it('names the config first, counts the other sizes, and refuses a sum past 2^53', () => {
    const bad = analyzeManifest(
      JSON.stringify({
        mediaType: OCI_MANIFEST,
        config: { digest: sha('c') },
        layers: [{ size: -1 }, 'junk']
      })
    )
    expect(bad.problem).toBe('size not computed: the config has no size (and 2 more)')
    const big = 52_000 * 1024 ** 2
    const huge = analyzeManifest(
      JSON.stringify({
        mediaType: OCI_MANIFEST,
        config: { digest: sha('c'), size: 1 },
        layers: Array.from({ length: 200_000 }, () => ({ size: big }))
      })
    )
    expect(huge.size).toBeUndefined()
    expect(huge.problem).toBe(
      'size not computed: the sizes add up to more than a number holds exactly'
    )
  })

  it('keeps index children without a platform apart and skips entries without a digest', () => {
    const manifest = JSON.stringify({
      mediaType: OCI_INDEX,
      manifests: [
        { digest: sha('1'), platform: { os: 'linux', architecture: 'amd64' } },
        { digest: sha('2'), artifactType: 'application/spdx+json' },
        { platform: { os: 'linux', architecture: 'arm64' } },
        'junk'
      ]
    })
    const info = analyzeManifest(manifest)
    expect(info.kind).toBe('index')
    expect(info.platforms?.map((child) => child.digest)).toEqual([sha('1')])
    expect(info.others).toEqual([{ digest: sha('2'), artifactType: 'application/spdx+json' }])
    expect(info.problem).toBe('index entries without a sha256 digest were skipped: #2, #3')
  })

  it('takes only sha256 digests from a manifest: children, a config, an attestation subject', () => {
    const hostile = 'sha256:abc;$(id)'
    const index = analyzeManifest(
      JSON.stringify({
        mediaType: OCI_INDEX,
        manifests: [
          { digest: hostile, platform: { os: 'linux', architecture: 'amd64' } },
          { digest: sha('1').toUpperCase(), platform: { os: 'linux', architecture: 'arm64' } },
          {
            digest: sha('2'),
            platform: { os: 'unknown', architecture: 'unknown' },
            annotations: {
              'vnd.docker.reference.type': 'attestation-manifest',
              'vnd.docker.reference.digest': hostile
            }
          }
        ]
      })
    )
    expect(index.platforms).toEqual([])
    expect(index.attestations).toEqual([
      { digest: sha('2'), referenceType: 'attestation-manifest' }
    ])
    expect(index.problem).toBe('index entries without a sha256 digest were skipped: #0, #1')
    const image = analyzeManifest(
      JSON.stringify({
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: 1, digest: hostile },
        layers: []
      })
    )
    expect(image.kind).toBe('image')
    expect(image.configDigest).toBeUndefined()
  })

  it('counts an unknown/unknown child without the buildx annotation as a platform', () => {
    const manifest = JSON.stringify({
      mediaType: OCI_INDEX,
      manifests: [{ digest: sha('1'), platform: { os: 'unknown', architecture: 'unknown' } }]
    })
    expect(analyzeManifest(manifest).platforms?.[0]?.platform).toBe('unknown/unknown')
    expect(analyzeManifest(manifest).attestations).toBeUndefined()
  })
})

describe('withPlatformDetails', () => {
  it('fills image size and layers of the platforms whose manifests were fetched', () => {
    const index = analyzeManifest(fixture('oci-index-buildx-attestations.json'))
    const image = analyzeManifest(fixture('oci-image.json'))
    const amd64 = index.platforms?.[0]?.digest
    const detailed = withPlatformDetails(index, (digest) => (digest === amd64 ? image : undefined))
    expect(detailed.platforms?.[0]).toMatchObject({ imageSize: image.size, layerCount: 3 })
    expect(detailed.platforms?.[1]?.imageSize).toBeUndefined()
    expect(index.platforms?.[0]?.imageSize).toBeUndefined()
  })

  it('leaves a single image as it is', () => {
    const image: ManifestInfo = analyzeManifest(fixture('oci-image.json'))
    expect(withPlatformDetails(image, () => image)).toBe(image)
  })
})
