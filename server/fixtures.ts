// The committed fixture manifests and the repositories the server is seeded with. Tests refer to
// these exports (names, tags, digests) instead of hard-coding digests.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FIXTURE_FILES, MANIFESTS_DIR, type FixtureName } from './fixture-files.js'
import { inferMediaType } from './media-types.js'
import { manifestDigest, type ImageStore } from './registry.js'

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
  empty: { repositoryName: 'team/empty', tags: [], children: [] }
} as const satisfies Record<string, SeededRepository>

/** Creates the seeded repositories in `store` and pushes their images: children first, by digest. */
export function seedFixtures(store: ImageStore): void {
  for (const seeded of Object.values(SEEDED)) {
    store.createRepository(seeded.repositoryName, SEED_REGISTRY_ID)
    const push = (image: FixtureManifest, tag?: string) =>
      store.putImage({
        repositoryName: seeded.repositoryName,
        registryId: SEED_REGISTRY_ID,
        manifest: image.manifest,
        mediaType: image.mediaType,
        tag
      })
    seeded.children.forEach((child) => push(child))
    const image: FixtureManifest | undefined = 'image' in seeded ? seeded.image : undefined
    if (image) seeded.tags.forEach((tag) => push(image, tag))
  }
}
