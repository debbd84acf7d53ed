// Writes the committed fixtures of images whose config blobs are real, under fixtures/configs/:
// the config blobs themselves, the manifests that reference them by their true digest, and an
// index over the two platforms. Run once with `npx tsx server/generate-config-fixtures.ts`; the
// bytes are committed because every digest is the sha256 of exactly these bytes. The older
// fixtures under fixtures/manifests/ are left as they are (their config digests name no blob).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CONFIG_FIXTURE_FILES, CONFIGS_DIR } from './config-fixture-files.js'
import { descriptor, sha256 } from './fixture-digests.js'
import { MEDIA_TYPES } from './media-types.js'

/** A layer that is never downloaded: a well-formed digest and a plausible size. */
const layer = (mediaType: string, label: string, size: number) => ({
  mediaType,
  size,
  digest: sha256(`fixture layer ${label}`)
})

const APP_REVISION = '3f1c2b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a'

const LABELS = {
  'org.opencontainers.image.revision': APP_REVISION,
  'org.opencontainers.image.source': 'https://github.com/octo-org/octo-repo',
  'org.opencontainers.image.version': '4.2.0',
  'org.opencontainers.image.title': 'app'
}

/** As buildkit writes an OCI config: compact, `config` holding the runtime settings. */
const amd64Config = JSON.stringify({
  architecture: 'amd64',
  os: 'linux',
  created: '2026-11-28T12:00:00Z',
  config: {
    User: '10001:10001',
    ExposedPorts: { '8080/tcp': {} },
    Env: ['PATH=/usr/local/bin:/usr/bin', 'API_TOKEN=fixture-secret-never-shown'],
    Entrypoint: ['/app'],
    Labels: LABELS
  },
  rootfs: { type: 'layers', diff_ids: [sha256('fixture diff app amd64')] },
  history: [{ created: '2026-11-28T12:00:00Z', created_by: 'COPY app /app' }]
})

/** As the Docker engine writes a config: the same fields, plus its container_config. */
const arm64Config = JSON.stringify({
  architecture: 'arm64',
  variant: 'v8',
  os: 'linux',
  created: '2026-11-28T12:00:05.123456789Z',
  config: {
    User: 'app',
    Env: ['PATH=/usr/local/bin:/usr/bin', 'API_TOKEN=fixture-secret-never-shown'],
    Labels: LABELS
  },
  container_config: { Labels: LABELS },
  docker_version: '27.3.1',
  rootfs: { type: 'layers', diff_ids: [sha256('fixture diff app arm64')] }
})

const ociManifest = (config: string, layerLabel: string) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: descriptor(MEDIA_TYPES.ociConfig, config),
    layers: [layer(MEDIA_TYPES.ociLayer, layerLabel, 11_733_390)]
  })

const amd64Image = ociManifest(amd64Config, 'app amd64')
/** The same config under another layer: two images, one config blob to fetch. */
const amd64Rebuild = ociManifest(amd64Config, 'app amd64 rebuild')
const arm64Image = JSON.stringify(
  {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.dockerManifest,
    config: descriptor(MEDIA_TYPES.dockerConfig, arm64Config),
    layers: [layer(MEDIA_TYPES.dockerLayer, 'app arm64', 10_981_204)]
  },
  null,
  3
)
const index = JSON.stringify({
  schemaVersion: 2,
  mediaType: MEDIA_TYPES.ociIndex,
  manifests: [
    {
      ...descriptor(MEDIA_TYPES.ociManifest, amd64Image),
      platform: { architecture: 'amd64', os: 'linux' }
    },
    {
      ...descriptor(MEDIA_TYPES.dockerManifest, arm64Image),
      platform: { architecture: 'arm64', os: 'linux', variant: 'v8' }
    }
  ]
})

const files: Record<keyof typeof CONFIG_FIXTURE_FILES, string> = {
  amd64Config,
  arm64Config,
  amd64Image,
  amd64Rebuild,
  arm64Image,
  index
}

for (const [key, text] of Object.entries(files)) {
  writeFileSync(join(CONFIGS_DIR, CONFIG_FIXTURE_FILES[key as keyof typeof files]), text)
}
console.log(`wrote ${Object.keys(files).length} files to ${CONFIGS_DIR}`)
