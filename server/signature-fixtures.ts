// The committed signature fixtures (fixtures/signatures/, written by
// generate-signature-fixtures.ts) and what the server is seeded with from them: one repository per
// signed image (`team/signed-cosign-key`, `team/signed-keyless`, `team/signed-notation`,
// `team/signed-aws-signer`, the bad ones, `team/unsigned`), their `.sig` tags and referrers with
// their blobs, the KMS key the `signed-cosign-kms` signature was made with, and the AWS Signer
// profile version that is revoked. Tests read these exports instead of hard-coding digests.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Artifact, SignatureCatalog } from './generate-signature-fixtures.js'
import { inferMediaType } from './media-types.js'
import type { BlobStore } from './config-fixtures.js'
import { SEED_REGISTRY_ID } from './fixtures.js'
import { manifestDigest } from './store.js'

export const SIGNATURE_FIXTURES_DIR = fileURLToPath(
  new URL('../fixtures/signatures/', import.meta.url)
)

export const SIGNATURE_CATALOG = JSON.parse(
  readFileSync(join(SIGNATURE_FIXTURES_DIR, 'catalog.json'), 'utf8')
) as SignatureCatalog

/** A trust file's path (cosign.pub, other.pub, trusted_root.json, notation-ca.pem, aws-signer-root.pem). */
export const signatureFile = (name: string): string => join(SIGNATURE_FIXTURES_DIR, name)

/** The digest of a signed fixture image, by its name (`signed-keyless`). */
export const signedDigest = (name: string): string =>
  manifestDigest(SIGNATURE_CATALOG.images[name]!.manifest)

/** What else the server answers for the fixtures: KMS keys and Signer revocations. */
export interface SigningState {
  kmsKeys: Map<string, { keyId: string; arn: string; alias?: string; publicKey: Buffer }>
  revoked: Set<string>
}

/** An image with what is attached to it, as a fixture catalog holds it. */
export interface SeededArtifacts {
  repositoryName: string
  tag: string
  manifest: string
  /** An index's children, pushed first. */
  children?: string[]
  /** Artifacts pushed by digest (referrers) or under their own tag, with their blobs. */
  artifacts: (Artifact & { tag?: string })[]
}

/** Creates the repository and pushes the image, its children and its artifacts with their blobs. */
export function seedArtifacts(store: BlobStore, seeded: SeededArtifacts): void {
  const { repositoryName } = seeded
  store.createRepository(repositoryName, SEED_REGISTRY_ID)
  const push = (manifest: string, tag?: string) =>
    store.putImage({
      repositoryName,
      registryId: SEED_REGISTRY_ID,
      manifest,
      mediaType: inferMediaType(JSON.parse(manifest) as Record<string, unknown>),
      tag
    })
  for (const child of seeded.children ?? []) push(child)
  push(seeded.manifest, seeded.tag)
  for (const artifact of seeded.artifacts) {
    for (const blob of artifact.blobs)
      store.putBlob({
        repositoryName,
        registryId: SEED_REGISTRY_ID,
        blob: Buffer.from(blob, 'base64')
      })
    push(artifact.manifest, artifact.tag)
  }
}

export function seedSignatureFixtures(store: BlobStore, state: SigningState): void {
  for (const image of Object.values(SIGNATURE_CATALOG.images))
    seedArtifacts(store, { ...image, artifacts: [...image.referrers, ...image.tagged] })
  for (const key of SIGNATURE_CATALOG.kms)
    state.kmsKeys.set(key.keyId, {
      keyId: key.keyId,
      arn: key.arn,
      alias: key.alias,
      publicKey: Buffer.from(key.publicKey, 'base64')
    })
  for (const version of SIGNATURE_CATALOG.revokedProfileVersions) state.revoked.add(version)
}
