// Where the fixtures with real config blobs live and what each file is called (shared by their
// generator and the seeding).
import { fileURLToPath } from 'node:url'

export const CONFIGS_DIR = fileURLToPath(new URL('../fixtures/configs/', import.meta.url))

export const CONFIG_FIXTURE_FILES = {
  /** OCI image config: linux/amd64, labels, user, a port, an environment with a secret value. */
  amd64Config: 'config-linux-amd64.json',
  /** Docker image config: linux/arm64/v8, the same labels. */
  arm64Config: 'config-linux-arm64-v8.json',
  /** OCI manifest of the amd64 config. */
  amd64Image: 'image-linux-amd64.json',
  /** Another OCI manifest (another layer) of the same amd64 config. */
  amd64Rebuild: 'image-linux-amd64-rebuild.json',
  /** Docker v2 manifest of the arm64 config: a single-platform arm64 image. */
  arm64Image: 'image-linux-arm64-v8.json',
  /** OCI index over the amd64 and arm64 images. */
  index: 'index.json'
} as const

export type ConfigFixtureName = keyof typeof CONFIG_FIXTURE_FILES
