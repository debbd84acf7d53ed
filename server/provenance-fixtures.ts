// The committed provenance fixtures (fixtures/provenance/, written by
// generate-provenance-fixtures.ts) and what the servers are seeded with from them: one ECR
// repository per attested image (`team/provenance-good`, `team/provenance-other-repo`, …), its
// index children and its attestation referrers with their blobs; and, for the GitHub server, the
// attestations GitHub would store in octo-org/octo-repo for each digest, inline or behind
// bundle_url. Tests read these exports instead of hard-coding digests.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BlobStore } from './config-fixtures.js'
import type { ProvenanceCatalog } from './generate-provenance-fixtures.js'
import type { StoredAttestation } from './github-server.js'
import { seedArtifacts } from './signature-fixtures.js'
import { manifestDigest } from './store.js'

export const PROVENANCE_FIXTURES_DIR = fileURLToPath(
  new URL('../fixtures/provenance/', import.meta.url)
)

export const PROVENANCE_CATALOG = JSON.parse(
  readFileSync(join(PROVENANCE_FIXTURES_DIR, 'catalog.json'), 'utf8')
) as ProvenanceCatalog

/** The digest of an attested fixture image (an index for the multi-arch ones), by its name. */
export const attestedDigest = (name: string): string =>
  manifestDigest(PROVENANCE_CATALOG.images[name]!.manifest)

export function seedProvenanceFixtures(store: BlobStore): void {
  for (const image of Object.values(PROVENANCE_CATALOG.images))
    seedArtifacts(store, { ...image, artifacts: image.referrers })
}

/** The attestations GitHub holds for the fixtures, as the GitHub server takes them. */
export function provenanceAttestations(): StoredAttestation[] {
  return Object.values(PROVENANCE_CATALOG.images).flatMap((image) =>
    image.github.map((entry) => ({
      repository: PROVENANCE_CATALOG.conditions.repository,
      digest: entry.digest,
      bundle: entry.bundle,
      form: entry.form
    }))
  )
}
