// Writes the committed fixture manifests under fixtures/manifests/. Run once with
// `npx tsx server/generate-fixtures.ts`; the output is committed as bytes, because every digest
// (of a manifest, and those an index records for its children) is the sha256 of exactly these bytes.
// Config and layer blobs do not exist: their digests are derived from a label so they are
// well-formed and stable, and their sizes are plausible.
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { FIXTURE_FILES, MANIFESTS_DIR } from './fixture-files.js'
import { MEDIA_TYPES } from './media-types.js'
import { join } from 'node:path'

interface Descriptor {
  mediaType: string
  size: number
  digest: string
  platform?: { architecture: string; os: string; variant?: string }
  annotations?: Record<string, string>
}

function sha256(bytes: string): string {
  return 'sha256:' + createHash('sha256').update(bytes, 'utf8').digest('hex')
}

function blob(mediaType: string, label: string, size: number): Descriptor {
  return { mediaType, size, digest: sha256(`fixture blob ${label}`) }
}

/** Docker writes its manifests with a 3-space indent; buildkit writes OCI ones compact. */
function serialize(value: object, style: 'docker' | 'oci'): string {
  return style === 'docker' ? JSON.stringify(value, null, 3) : JSON.stringify(value)
}

function dockerImage(label: string, layerSizes: number[]): string {
  return serialize(
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.dockerManifest,
      config: blob(MEDIA_TYPES.dockerConfig, `${label} config`, 7023),
      layers: layerSizes.map((size, i) =>
        blob(MEDIA_TYPES.dockerLayer, `${label} layer ${i}`, size)
      )
    },
    'docker'
  )
}

function ociImage(label: string, layerSizes: number[]): string {
  return serialize(
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: blob(MEDIA_TYPES.ociConfig, `${label} config`, 1472),
      layers: layerSizes.map((size, i) => blob(MEDIA_TYPES.ociLayer, `${label} layer ${i}`, size))
    },
    'oci'
  )
}

/** A buildx provenance attestation for the image `subjectDigest`. */
function ociAttestation(subjectDigest: string): string {
  const statement = blob('application/vnd.in-toto+json', `provenance of ${subjectDigest}`, 1843)
  return serialize(
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: blob(MEDIA_TYPES.ociConfig, `attestation config ${subjectDigest}`, 167),
      layers: [
        {
          ...statement,
          annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' }
        }
      ]
    },
    'oci'
  )
}

function child(
  mediaType: string,
  manifest: string,
  platform: Descriptor['platform'],
  annotations?: Record<string, string>
): Descriptor {
  const descriptor: Descriptor = {
    mediaType,
    size: Buffer.byteLength(manifest, 'utf8'),
    digest: sha256(manifest)
  }
  if (platform) descriptor.platform = platform
  if (annotations) descriptor.annotations = annotations
  return descriptor
}

/**
 * A signed schema 1 manifest as libtrust writes it: the unsigned manifest with its closing
 * `\n}` cut off, a `signatures` array, and a `protected` header naming how long the payload is
 * (`formatLength`) and what ends it (`formatTail`). The digest registries compute is of that
 * payload. The signature is random bytes of the right length: nothing here verifies signatures,
 * and the digest does not depend on them.
 */
function dockerSchema1Signed(): string {
  const payload = JSON.stringify(
    {
      schemaVersion: 1,
      name: 'team/legacy',
      tag: '1.21',
      architecture: 'amd64',
      fsLayers: [
        { blobSum: sha256('fixture blob legacy layer 1') },
        { blobSum: sha256('fixture blob legacy layer 0') }
      ],
      history: [
        {
          v1Compatibility: JSON.stringify({
            id: 'b1',
            parent: 'a0',
            os: 'linux',
            architecture: 'amd64'
          })
        },
        { v1Compatibility: JSON.stringify({ id: 'a0', size: 1095501 }) }
      ]
    },
    null,
    3
  )
  const tail = '\n}'
  const formatLength = Buffer.byteLength(payload, 'utf8') - tail.length
  const header = {
    formatLength,
    formatTail: Buffer.from(tail).toString('base64url'),
    time: '2015-09-22T14:56:41Z'
  }
  const signature = {
    header: {
      jwk: {
        crv: 'P-256',
        kid: 'OIH7:HQFS:44FK:45VB:3B53:OIAG:TPL4:ATF5:6PNE:MGHN:NHQX:2GE4',
        kty: 'EC',
        x: 'Cu_UyxwLgHzE9rvlYSmvVdqYCXY42E9eNhBb0xNv0SQ',
        y: 'zUsjWJkeKQ5tv7S-hl1Tg71cd-CqnrtiiLxSi6N_yc8'
      },
      alg: 'ES256'
    },
    signature: createHash('sha512').update('fixture signature legacy').digest('base64url'),
    protected: Buffer.from(JSON.stringify(header)).toString('base64url')
  }
  const signatures = JSON.stringify([signature], null, 3).replace(/\n/g, '\n   ')
  return `${payload.slice(0, formatLength)},\n   "signatures": ${signatures}\n}`
}

const AMD64 = { architecture: 'amd64', os: 'linux' }
const ARM64_V8 = { architecture: 'arm64', os: 'linux', variant: 'v8' }

const dockerAmd64 = dockerImage('multi amd64', [29124998, 4235612, 18733])
const dockerArm64 = dockerImage('multi arm64', [28400187, 4102277, 18733])
const ociAmd64 = ociImage('oci-multi amd64', [3623807, 12004455, 412])
const ociArm64 = ociImage('oci-multi arm64', [3347014, 11573390, 412])
const amd64Descriptor = child(MEDIA_TYPES.ociManifest, ociAmd64, AMD64)
const attestation = ociAttestation(amd64Descriptor.digest)

const files: Record<keyof typeof FIXTURE_FILES, string> = {
  dockerImage: dockerImage('api', [31417862, 1065420, 7340512, 298]),
  ociImage: ociImage('web', [3419706, 18201143, 624]),
  dockerList: serialize(
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.dockerManifestList,
      manifests: [
        child(MEDIA_TYPES.dockerManifest, dockerAmd64, AMD64),
        child(MEDIA_TYPES.dockerManifest, dockerArm64, ARM64_V8)
      ]
    },
    'docker'
  ),
  dockerListAmd64: dockerAmd64,
  dockerListArm64: dockerArm64,
  ociIndex: serialize(
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: [
        amd64Descriptor,
        child(MEDIA_TYPES.ociManifest, ociArm64, ARM64_V8),
        child(
          MEDIA_TYPES.ociManifest,
          attestation,
          { architecture: 'unknown', os: 'unknown' },
          {
            'vnd.docker.reference.digest': amd64Descriptor.digest,
            'vnd.docker.reference.type': 'attestation-manifest'
          }
        )
      ]
    },
    'oci'
  ),
  ociIndexAmd64: ociAmd64,
  ociIndexArm64: ociArm64,
  ociIndexAttestation: attestation,
  dockerSchema1Signed: dockerSchema1Signed()
}

for (const [key, text] of Object.entries(files)) {
  writeFileSync(join(MANIFESTS_DIR, FIXTURE_FILES[key as keyof typeof FIXTURE_FILES]), text)
}
console.log(`wrote ${Object.keys(files).length} manifests to ${MANIFESTS_DIR}`)
