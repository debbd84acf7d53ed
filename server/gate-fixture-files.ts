// Where the fixtures of images the gates cannot judge as they are live, and what each file is
// called (shared by their generator and the seeding).
import { fileURLToPath } from 'node:url'

export const GATES_DIR = fileURLToPath(new URL('../fixtures/gates/', import.meta.url))

export const GATE_FIXTURE_FILES = {
  /** OCI image config: linux/amd64, the revision label. */
  amd64Config: 'config-linux-amd64.json',
  /** OCI image config: linux/arm64/v8, the same label. */
  arm64Config: 'config-linux-arm64-v8.json',
  /** linux/amd64 config with 300 labels; sorted as buildkit writes them, the revision is last. */
  manyLabelsConfig: 'config-300-labels.json',
  /** linux/arm64/v8 config whose blob is never uploaded: a manifest names it, ECR has no blob. */
  unpushedConfig: 'config-never-pushed.json',
  /** The deployed single image, linux/amd64 (tag `prod`). */
  prod: 'image-prod.json',
  /** The amd64 and arm64 images of the index `multi`, amd64 grown 2.9 % against prod. */
  amd64: 'image-linux-amd64.json',
  arm64: 'image-linux-arm64-v8.json',
  /** OCI index: linux/amd64, linux/arm64/v8 (tag `multi`). */
  multi: 'index-multi.json',
  /** An arm64 image an index names but that is never pushed. */
  unpushedArm64: 'image-never-pushed.json',
  /** OCI index whose linux/arm64/v8 child is not in the repository (tag `missing-child`). */
  missingChild: 'index-missing-child.json',
  /** OCI image whose second layer has no `size` (tag `no-size`). */
  noSize: 'image-layer-without-size.json',
  /** Another linux/amd64 image, which `mismatch` lists as linux/arm64/v8. */
  amd64Listed: 'image-linux-amd64-listed-arm64.json',
  /** OCI index listing an amd64 image as linux/arm64/v8 (tag `mismatch`). */
  mismatch: 'index-platform-mismatch.json',
  /** OCI image of the 300-label config (tag `many-labels`). */
  manyLabels: 'image-300-labels.json',
  /** linux/arm64/v8 image whose config blob ECR does not have (tag `no-config-blob`). */
  noConfigBlob: 'image-config-not-pushed.json',
  /** OCI index: linux/amd64, and `no-config-blob` as linux/arm64/v8 (tag `multi-no-config`). */
  multiNoConfig: 'index-child-config-not-pushed.json',
  /** A buildx provenance attestation of the amd64 image. */
  attestation: 'attestation.json',
  /** OCI index holding only that attestation: no platform at all (tag `attestations-only`). */
  attestationsOnly: 'index-attestations-only.json'
} as const

export type GateFixtureName = keyof typeof GATE_FIXTURE_FILES
