// The committed fixtures of images the gates cannot judge as they are (fixtures/gates/) and the
// repository they are seeded in, `team/gates`. Tests refer to these exports instead of
// hard-coding digests.
import { type BlobStore, loadFixtureTexts } from './config-fixtures.js'
import { SEED_REGISTRY_ID } from './fixtures.js'
import { GATE_FIXTURE_FILES, GATES_DIR, type GateFixtureName } from './gate-fixture-files.js'
import { inferMediaType } from './media-types.js'

export const GATE_FIXTURES = loadFixtureTexts<GateFixtureName>(GATES_DIR, GATE_FIXTURE_FILES)

/** `team/gates`: each tag a shape a gate must not pass on what it lacks. */
export const SEEDED_GATES = {
  repositoryName: 'team/gates',
  registryId: SEED_REGISTRY_ID,
  /** Tag → the image it names. */
  tags: {
    prod: 'prod',
    multi: 'multi',
    missingChild: 'missing-child',
    noSize: 'no-size',
    mismatch: 'mismatch',
    manyLabels: 'many-labels',
    noConfigBlob: 'no-config-blob',
    multiNoConfig: 'multi-no-config',
    attestationsOnly: 'attestations-only'
  } satisfies Partial<Record<GateFixtureName, string>>,
  /** Pushed by digest, as a multi-arch push uploads its children first. */
  children: ['amd64', 'arm64', 'amd64Listed', 'attestation'] satisfies GateFixtureName[],
  /** The config blobs uploaded; `unpushedConfig` and `unpushedArm64` are never pushed. */
  blobs: ['amd64Config', 'arm64Config', 'manyLabelsConfig'] satisfies GateFixtureName[]
} as const

export function seedGateFixtures(store: BlobStore): void {
  const { repositoryName, registryId, tags, children, blobs } = SEEDED_GATES
  store.createRepository(repositoryName, registryId)
  for (const name of blobs)
    store.putBlob({ repositoryName, registryId, blob: Buffer.from(GATE_FIXTURES[name].text) })
  const push = (name: GateFixtureName, tag?: string) => {
    const { text } = GATE_FIXTURES[name]
    store.putImage({
      repositoryName,
      registryId,
      manifest: text,
      mediaType: inferMediaType(JSON.parse(text) as Record<string, unknown>),
      ...(tag ? { tag } : {})
    })
  }
  for (const name of children) push(name)
  for (const [name, tag] of Object.entries(tags)) push(name as GateFixtureName, tag)
}
