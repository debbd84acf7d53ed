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
  /** OCI image with referrers: a cosign bundle, an SPDX SBOM, an in-toto attestation, notation. */
  signedImage: 'signed-image.json',
  signedCosignBundle: 'signed-cosign-bundle.json',
  signedSpdxSbom: 'signed-spdx-sbom.json',
  signedInTotoAttestation: 'signed-in-toto-attestation.json',
  signedNotationSignature: 'signed-notation-signature.json',
  /** OCI image signed the older cosign way: a `sha256-<hex>.sig` tag. */
  cosignTaggedImage: 'cosign-tagged-image.json',
  cosignSigTag: 'cosign-sig-tag.json',
  /** Docker image deployed as `prod`, and the PR build that shares its base layers. */
  shopProd: 'shop-prod.json',
  shopPr: 'shop-pr-123.json',
  /** OCI index deployed as `prod` (linux/amd64, linux/arm64, linux/386) and its children. */
  shopMultiProd: 'shop-multi-prod.json',
  shopMultiProdAmd64: 'shop-multi-prod-amd64.json',
  shopMultiArm64: 'shop-multi-arm64.json',
  shopMultiProd386: 'shop-multi-prod-386.json',
  /** The PR build: amd64 rebuilt, arm64 unchanged (now written arm64/v8), arm/v7 added, 386 gone. */
  shopMultiPr: 'shop-multi-pr-123.json',
  shopMultiPrAmd64: 'shop-multi-pr-123-amd64.json',
  shopMultiPrArmV7: 'shop-multi-pr-123-arm-v7.json',
  /** Signed Docker schema 1 manifest: its digest is of the JWS payload, not of the file. */
  dockerSchema1Signed: 'docker-v1-signed.json'
} as const

export type FixtureName = keyof typeof FIXTURE_FILES
