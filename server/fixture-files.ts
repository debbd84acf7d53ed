// Where the committed fixture manifests live and what each file is called. Shared by the
// generator that writes them and the seeding that reads them.
import { fileURLToPath } from 'node:url'

export const MANIFESTS_DIR = fileURLToPath(new URL('../fixtures/manifests/', import.meta.url))

export const FIXTURE_FILES = {
  /** Docker schema 2 single-image manifest. */
  dockerImage: 'docker-v2-image.json',
  /** OCI single-image manifest. */
  ociImage: 'oci-image.json',
  /** Docker manifest list: linux/amd64 and linux/arm64/v8. */
  dockerList: 'docker-manifest-list.json',
  dockerListAmd64: 'docker-manifest-list-amd64.json',
  dockerListArm64: 'docker-manifest-list-arm64-v8.json',
  /** OCI index: linux/amd64, linux/arm64/v8 and a buildx attestation manifest. */
  ociIndex: 'oci-index.json',
  ociIndexAmd64: 'oci-index-amd64.json',
  ociIndexArm64: 'oci-index-arm64-v8.json',
  ociIndexAttestation: 'oci-index-attestation.json',
  /** Signed Docker schema 1 manifest: its digest is of the JWS payload, not of the file. */
  dockerSchema1Signed: 'docker-v1-signed.json'
} as const

export type FixtureName = keyof typeof FIXTURE_FILES
