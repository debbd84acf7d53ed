// The committed fixtures with real config blobs (fixtures/configs/) and the repository they are
// seeded in. Tests refer to these exports instead of hard-coding digests or labels.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  CONFIG_FIXTURE_FILES,
  CONFIGS_DIR,
  type ConfigFixtureName
} from './config-fixture-files.js'
import { inferMediaType } from './media-types.js'
import { manifestDigest, type ImageStore } from './store.js'
import { SEED_REGISTRY_ID } from './fixtures.js'

export interface ConfigFixture {
  file: string
  /** The file's exact text: the bytes the digest is of. */
  text: string
  digest: string
}

/** Each committed file of `dir`, by the name `files` gives it, with the digest of its bytes. */
export function loadFixtureTexts<Name extends string>(
  dir: string,
  files: Readonly<Record<Name, string>>
): Readonly<Record<Name, ConfigFixture>> {
  const entries = (Object.keys(files) as Name[]).map((name) => {
    const file = files[name]
    const text = readFileSync(join(dir, file), 'utf8')
    return [name, { file, text, digest: manifestDigest(text) }]
  })
  return Object.fromEntries(entries) as Record<Name, ConfigFixture>
}

export const CONFIG_FIXTURES = loadFixtureTexts<ConfigFixtureName>(
  CONFIGS_DIR,
  CONFIG_FIXTURE_FILES
)

/** `team/app`: images whose configs can be read, tagged by what they are. */
export const SEEDED_APP = {
  repositoryName: 'team/app',
  registryId: SEED_REGISTRY_ID,
  tags: {
    /** linux/amd64 (OCI). */
    amd64: 'v4',
    /** Another linux/amd64 image with the same config. */
    amd64Rebuild: 'v4-rebuild',
    /** linux/arm64/v8 only (Docker v2). */
    arm64: 'v4-arm64',
    /** The OCI index of both platforms. */
    multi: 'v4-multi'
  }
} as const

/** What seeding needs beyond images: blobs, as a push uploads them before the manifest. */
export interface BlobStore extends ImageStore {
  putBlob(args: { repositoryName: string; registryId?: string; blob: Buffer }): string
}

export function seedConfigFixtures(store: BlobStore): void {
  const { repositoryName, registryId, tags } = SEEDED_APP
  store.createRepository(repositoryName, registryId)
  for (const config of [CONFIG_FIXTURES.amd64Config, CONFIG_FIXTURES.arm64Config])
    store.putBlob({ repositoryName, registryId, blob: Buffer.from(config.text, 'utf8') })
  const push = (fixture: ConfigFixture, tag: string) =>
    store.putImage({
      repositoryName,
      registryId,
      manifest: fixture.text,
      mediaType: inferMediaType(JSON.parse(fixture.text) as Record<string, unknown>),
      tag
    })
  push(CONFIG_FIXTURES.amd64Image, tags.amd64)
  push(CONFIG_FIXTURES.amd64Rebuild, tags.amd64Rebuild)
  push(CONFIG_FIXTURES.arm64Image, tags.arm64)
  push(CONFIG_FIXTURES.index, tags.multi)
}
