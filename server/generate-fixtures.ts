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

/**
 * An OCI 1.1 artifact manifest attached to `subject` (what cosign 2.x, notation and oras push):
 * `artifactType`, an empty config, one layer holding the payload, and `subject`.
 */
function referrer(
  subject: string,
  artifactType: string,
  layerType: string,
  annotations: Record<string, string>
): string {
  return serialize(
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      artifactType,
      config: { mediaType: 'application/vnd.oci.empty.v1+json', size: 2, digest: sha256('{}') },
      layers: [blob(layerType, `${artifactType} of ${subject}`, 3127)],
      subject: child(MEDIA_TYPES.ociManifest, subject, undefined),
      annotations
    },
    'oci'
  )
}

/** A cosign signature stored the pre-OCI-1.1 way, under the tag `sha256-<hex>.sig`. */
function cosignSignature(subjectDigest: string): string {
  const payload = blob('application/vnd.dev.cosign.simplesigning.v1+json', subjectDigest, 242)
  return serialize(
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: blob(MEDIA_TYPES.ociConfig, `cosign config ${subjectDigest}`, 233),
      layers: [
        {
          ...payload,
          annotations: { 'dev.cosignproject.cosign/signature': 'MEUCIQDfixturesignature' }
        }
      ]
    },
    'oci'
  )
}

const signedImage = ociImage('signed', [2811043, 9120577, 517])
const cosignTaggedImage = ociImage('cosign-tagged', [2790112, 402])
const created = { 'org.opencontainers.image.created': '2026-11-20T09:30:00Z' }
/** An image whose layers are named: images that share a layer name share its digest. */
function layeredImage(style: 'docker' | 'oci', label: string, layers: [string, number][]): string {
  const types =
    style === 'docker'
      ? {
          config: MEDIA_TYPES.dockerConfig,
          layer: MEDIA_TYPES.dockerLayer,
          manifest: MEDIA_TYPES.dockerManifest
        }
      : {
          config: MEDIA_TYPES.ociConfig,
          layer: MEDIA_TYPES.ociLayer,
          manifest: MEDIA_TYPES.ociManifest
        }
  return serialize(
    {
      schemaVersion: 2,
      mediaType: types.manifest,
      config: blob(types.config, `${label} config`, style === 'docker' ? 7023 : 1472),
      layers: layers.map(([name, size]) => blob(types.layer, `layer ${name}`, size))
    },
    style
  )
}

const SHOP_BASE: [string, number][] = [
  ['debian bookworm amd64', 29124998],
  ['shop deps 3', 4235612]
]
const shopMultiProdAmd64 = layeredImage('oci', 'shop-multi prod amd64', [
  ['alpine 3.20 amd64', 3623807],
  ['shop-multi svc 2.0 amd64', 12004455]
])
const shopMultiArm64 = layeredImage('oci', 'shop-multi arm64', [
  ['alpine 3.20 arm64', 3347014],
  ['shop-multi svc 2.0 arm64', 11573390]
])
const shopMultiProd386 = layeredImage('oci', 'shop-multi prod 386', [
  ['alpine 3.20 386', 3401220],
  ['shop-multi svc 2.0 386', 11800020]
])
const shopMultiPrAmd64 = layeredImage('oci', 'shop-multi pr-123 amd64', [
  ['alpine 3.20 amd64', 3623807],
  ['shop-multi svc 2.1 amd64', 12618093],
  ['shop-multi assets 2.1', 815311]
])
const shopMultiPrArmV7 = layeredImage('oci', 'shop-multi pr-123 arm v7', [
  ['alpine 3.20 arm v7', 3095404],
  ['shop-multi svc 2.1 arm v7', 10982120]
])
const ociIndex = (children: [string, Descriptor['platform']][]): string =>
  serialize(
    {
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: children.map(([manifest, platform]) =>
        child(MEDIA_TYPES.ociManifest, manifest, platform)
      )
    },
    'oci'
  )

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
  signedImage,
  signedCosignBundle: referrer(
    signedImage,
    'application/vnd.dev.sigstore.bundle.v0.3+json',
    'application/vnd.dev.sigstore.bundle.v0.3+json',
    { ...created, 'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1' }
  ),
  signedSpdxSbom: referrer(signedImage, 'application/spdx+json', 'application/spdx+json', created),
  signedInTotoAttestation: referrer(
    signedImage,
    'application/vnd.in-toto+json',
    'application/vnd.in-toto+json',
    { ...created, 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v1' }
  ),
  signedNotationSignature: referrer(
    signedImage,
    'application/vnd.cncf.notary.signature',
    'application/jose+json',
    { ...created, 'io.cncf.notary.x509chain.thumbprint#S256': '["b4f0fixturethumbprint"]' }
  ),
  cosignTaggedImage,
  cosignSigTag: cosignSignature(sha256(cosignTaggedImage)),
  shopProd: layeredImage('docker', 'shop prod', [...SHOP_BASE, ['shop app 1.4.0', 1183410]]),
  shopPr: layeredImage('docker', 'shop pr-123', [...SHOP_BASE, ['shop app 1.5.0', 2702118]]),
  shopMultiProd: ociIndex([
    [shopMultiProdAmd64, AMD64],
    [shopMultiArm64, { architecture: 'arm64', os: 'linux' }],
    [shopMultiProd386, { architecture: '386', os: 'linux' }]
  ]),
  shopMultiProdAmd64,
  shopMultiArm64,
  shopMultiProd386,
  shopMultiPr: ociIndex([
    [shopMultiPrAmd64, AMD64],
    [shopMultiArm64, ARM64_V8],
    [shopMultiPrArmV7, { architecture: 'arm', os: 'linux', variant: 'v7' }]
  ]),
  shopMultiPrAmd64,
  shopMultiPrArmV7,
  dockerSchema1Signed: dockerSchema1Signed()
}

for (const [key, text] of Object.entries(files)) {
  writeFileSync(join(MANIFESTS_DIR, FIXTURE_FILES[key as keyof typeof FIXTURE_FILES]), text)
}
console.log(`wrote ${Object.keys(files).length} manifests to ${MANIFESTS_DIR}`)
