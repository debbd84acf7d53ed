// Writes the committed fixtures of images the gates cannot judge as they are, under
// fixtures/gates/: an index whose child is not in the repository, a layer without a size, an
// index listing an amd64 image as arm64, a config of 300 labels, a config blob never uploaded,
// an index of attestations only; and the images to compare them with. Run once with
// `npx tsx server/generate-gate-fixtures.ts`; the bytes are committed because every digest is the
// sha256 of exactly these bytes.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { GATE_FIXTURE_FILES, GATES_DIR } from './gate-fixture-files.js'
import { descriptor, sha256 } from './fixture-digests.js'
import { MEDIA_TYPES } from './media-types.js'

/** A layer that is never downloaded: images that share a name share its digest. */
const layer = (name: string, size: number) => ({
  mediaType: MEDIA_TYPES.ociLayer,
  size,
  digest: sha256(`gate fixture layer ${name}`)
})

const GATE_REVISION = '9c1e5f3a7b2d4c6e8f0a1b3c5d7e9f2a4b6c8d0e'

const config = (platform: object, labels: Record<string, string>) =>
  JSON.stringify({
    ...platform,
    created: '2026-11-28T12:00:00Z',
    config: { Labels: labels },
    rootfs: { type: 'layers', diff_ids: [sha256(`gate diff ${JSON.stringify(platform)}`)] }
  })

const AMD64 = { architecture: 'amd64', os: 'linux' }
const ARM64 = { architecture: 'arm64', os: 'linux', variant: 'v8' }
const REVISION_LABEL = { 'org.opencontainers.image.revision': GATE_REVISION }

const amd64Config = config(AMD64, REVISION_LABEL)
const arm64Config = config(ARM64, REVISION_LABEL)
// buildkit writes Labels from a Go map, keys sorted: 299 com.example labels, then the revision.
const manyLabels: Record<string, string> = Object.fromEntries([
  ...Array.from({ length: 299 }, (_, i): [string, string] => [
    `com.example.label-${String(i).padStart(3, '0')}`,
    `value ${i}`
  ]),
  ['org.opencontainers.image.revision', GATE_REVISION]
])
const manyLabelsConfig = config(AMD64, manyLabels)
const unpushedConfig = config(ARM64, { ...REVISION_LABEL, 'com.example.never': 'pushed' })

const image = (configText: string, layers: object[]) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: descriptor(MEDIA_TYPES.ociConfig, configText),
    layers
  })

const prod = image(amd64Config, [layer('base amd64', 30_000_000), layer('app 1', 5_000_000)])
const amd64 = image(amd64Config, [layer('base amd64', 30_000_000), layer('app 2', 6_000_000)])
const arm64 = image(arm64Config, [layer('base arm64', 28_000_000), layer('app 2 arm64', 5_800_000)])
const unpushedArm64 = image(arm64Config, [layer('never pushed', 1_000_000)])
const noSize = image(amd64Config, [
  layer('base amd64', 30_000_000),
  { mediaType: MEDIA_TYPES.ociLayer, digest: sha256('gate fixture layer without size') }
])
const amd64Listed = image(amd64Config, [layer('listed as arm64', 4_000_000)])
const manyLabelsImage = image(manyLabelsConfig, [layer('many labels', 2_000_000)])
const noConfigBlob = image(unpushedConfig, [layer('no config blob', 3_000_000)])
const attestation = JSON.stringify({
  schemaVersion: 2,
  mediaType: MEDIA_TYPES.ociManifest,
  config: descriptor(MEDIA_TYPES.ociConfig, '{}'),
  layers: [
    {
      mediaType: 'application/vnd.in-toto+json',
      size: 1843,
      digest: sha256(`provenance of ${sha256(amd64)}`),
      annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v1' }
    }
  ]
})

const index = (children: [string, object, Record<string, string>?][]) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociIndex,
    manifests: children.map(([manifest, platform, annotations]) => ({
      ...descriptor(MEDIA_TYPES.ociManifest, manifest),
      platform,
      ...(annotations ? { annotations } : {})
    }))
  })

const files: Record<keyof typeof GATE_FIXTURE_FILES, string> = {
  amd64Config,
  arm64Config,
  manyLabelsConfig,
  unpushedConfig,
  prod,
  amd64,
  arm64,
  multi: index([
    [amd64, AMD64],
    [arm64, ARM64]
  ]),
  unpushedArm64,
  missingChild: index([
    [amd64, AMD64],
    [unpushedArm64, ARM64]
  ]),
  noSize,
  amd64Listed,
  mismatch: index([
    [amd64, AMD64],
    [amd64Listed, ARM64]
  ]),
  manyLabels: manyLabelsImage,
  noConfigBlob,
  multiNoConfig: index([
    [amd64, AMD64],
    [noConfigBlob, ARM64]
  ]),
  attestation,
  attestationsOnly: index([
    [
      attestation,
      { architecture: 'unknown', os: 'unknown' },
      {
        'vnd.docker.reference.digest': sha256(amd64),
        'vnd.docker.reference.type': 'attestation-manifest'
      }
    ]
  ])
}

for (const [key, text] of Object.entries(files)) {
  writeFileSync(join(GATES_DIR, GATE_FIXTURE_FILES[key as keyof typeof files]), text)
}
console.log(`wrote ${Object.keys(files).length} files to ${GATES_DIR}`)
