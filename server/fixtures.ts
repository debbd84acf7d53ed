// The committed fixture manifests and the repositories the server is seeded with. Tests refer to
// these exports (names, tags, digests) instead of hard-coding digests.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FIXTURE_FILES, MANIFESTS_DIR, type FixtureName } from './fixture-files.js'
import { inferMediaType } from './media-types.js'
import { manifestDigest, type ImageStore } from './store.js'

export interface FixtureManifest {
  /** The file under fixtures/manifests/. */
  file: string
  /** The file's exact text: the bytes the digest is of. */
  manifest: string
  mediaType: string
  digest: string
  /** Byte length, as an index records it for a child. */
  size: number
}

function load(name: FixtureName): FixtureManifest {
  const file = FIXTURE_FILES[name]
  const manifest = readFileSync(join(MANIFESTS_DIR, file), 'utf8')
  return {
    file,
    manifest,
    mediaType: inferMediaType(JSON.parse(manifest) as Record<string, unknown>),
    digest: manifestDigest(manifest),
    size: Buffer.byteLength(manifest, 'utf8')
  }
}

export const FIXTURES: Readonly<Record<FixtureName, FixtureManifest>> = Object.fromEntries(
  (Object.keys(FIXTURE_FILES) as FixtureName[]).map((name) => [name, load(name)])
) as Record<FixtureName, FixtureManifest>

export interface SeededRepository {
  repositoryName: string
  /** The tagged image (none for an empty repository). */
  image?: FixtureManifest
  tags: readonly string[]
  /** Manifests a list or index points at, pushed by digest (untagged). */
  children: readonly FixtureManifest[]
  /** OCI 1.1 referrers of the image (their `subject` is its digest), pushed by digest. */
  referrers?: readonly FixtureManifest[]
  /** Manifests pushed under their own tag, as cosign's `sha256-<hex>.sig` scheme does. */
  tagged?: readonly { tag: string; manifest: FixtureManifest }[]
}

/** The account the fixtures live in (ECR's default registry id for calls that name none). */
export const SEED_REGISTRY_ID = '123456789012'

export const SEEDED = {
  /** Docker schema 2 image. */
  api: {
    repositoryName: 'team/api',
    image: FIXTURES.dockerImage,
    tags: ['v1.13.6', 'latest'],
    children: []
  },
  /** OCI image manifest. */
  web: { repositoryName: 'team/web', image: FIXTURES.ociImage, tags: ['v1'], children: [] },
  /** Docker manifest list: linux/amd64, linux/arm64/v8. */
  multi: {
    repositoryName: 'team/multi',
    image: FIXTURES.dockerList,
    tags: ['v2'],
    children: [FIXTURES.dockerListAmd64, FIXTURES.dockerListArm64]
  },
  /** OCI index: linux/amd64, linux/arm64/v8 and a buildx attestation manifest. */
  ociMulti: {
    repositoryName: 'team/oci-multi',
    image: FIXTURES.ociIndex,
    tags: ['v3'],
    children: [FIXTURES.ociIndexAmd64, FIXTURES.ociIndexArm64, FIXTURES.ociIndexAttestation]
  },
  /** Signed Docker schema 1 manifest (digest of the JWS payload). */
  legacy: {
    repositoryName: 'team/legacy',
    image: FIXTURES.dockerSchema1Signed,
    tags: ['1.21'],
    children: []
  },
  /** A repository with no images. */
  empty: { repositoryName: 'team/empty', tags: [], children: [] },
  /** OCI image with four referrers: cosign bundle, SPDX SBOM, in-toto attestation, notation. */
  signed: {
    repositoryName: 'team/signed',
    image: FIXTURES.signedImage,
    tags: ['v1'],
    children: [],
    referrers: [
      FIXTURES.signedCosignBundle,
      FIXTURES.signedSpdxSbom,
      FIXTURES.signedInTotoAttestation,
      FIXTURES.signedNotationSignature
    ]
  },
  /** OCI image signed with a cosign `.sig` tag and no referrers. */
  cosignTagged: {
    repositoryName: 'team/cosign-tagged',
    image: FIXTURES.cosignTaggedImage,
    tags: ['v1'],
    children: [],
    tagged: [
      {
        tag: `${FIXTURES.cosignTaggedImage.digest.replace(':', '-')}.sig`,
        manifest: FIXTURES.cosignSigTag
      }
    ]
  }
} as const satisfies Record<string, SeededRepository>

/** A repository holding several images under different tags: a deployed one and later builds. */
export interface SeededReleases {
  repositoryName: string
  images: readonly { image: FixtureManifest; tags: readonly string[] }[]
  children: readonly FixtureManifest[]
}

/** For compare-to: `prod` is deployed, `pr-123` is the pull request's build, `pr-100` equals prod. */
export const SEEDED_RELEASES = {
  /** Docker images: pr-123 shares the base layers of prod and rebuilds the app layer. */
  shop: {
    repositoryName: 'team/shop',
    images: [
      { image: FIXTURES.shopProd, tags: ['prod', 'pr-100'] },
      { image: FIXTURES.shopPr, tags: ['pr-123'] }
    ],
    children: []
  },
  /** OCI indexes: amd64 rebuilt, arm64 unchanged, arm/v7 added and 386 dropped in pr-123. */
  shopMulti: {
    repositoryName: 'team/shop-multi',
    images: [
      { image: FIXTURES.shopMultiProd, tags: ['prod'] },
      { image: FIXTURES.shopMultiPr, tags: ['pr-123'] }
    ],
    children: [
      FIXTURES.shopMultiProdAmd64,
      FIXTURES.shopMultiArm64,
      FIXTURES.shopMultiProd386,
      FIXTURES.shopMultiPrAmd64,
      FIXTURES.shopMultiPrArmV7
    ]
  }
} as const satisfies Record<string, SeededReleases>

/** Pushes `image` to the repository, under `tag` or by digest alone. */
function pusher(store: ImageStore, repositoryName: string) {
  return (image: FixtureManifest, tag?: string) =>
    store.putImage({
      repositoryName,
      registryId: SEED_REGISTRY_ID,
      manifest: image.manifest,
      mediaType: image.mediaType,
      tag
    })
}

/** Creates the seeded repositories in `store` and pushes their images: children first, by digest. */
export function seedFixtures(store: ImageStore): void {
  for (const seeded of Object.values(SEEDED)) {
    store.createRepository(seeded.repositoryName, SEED_REGISTRY_ID)
    const push = pusher(store, seeded.repositoryName)
    seeded.children.forEach((child) => push(child))
    const image: FixtureManifest | undefined = 'image' in seeded ? seeded.image : undefined
    if (image) seeded.tags.forEach((tag) => push(image, tag))
    const extra: SeededRepository = seeded
    extra.referrers?.forEach((referrer) => push(referrer))
    extra.tagged?.forEach(({ tag, manifest }) => push(manifest, tag))
  }
  for (const seeded of Object.values(SEEDED_RELEASES)) {
    store.createRepository(seeded.repositoryName, SEED_REGISTRY_ID)
    const push = pusher(store, seeded.repositoryName)
    seeded.children.forEach((child) => push(child))
    for (const { image, tags } of seeded.images) tags.forEach((tag) => push(image, tag))
  }
}
