// Writes the committed provenance fixtures under fixtures/provenance/: images with SLSA
// provenance v1 attestations as actions/attest-build-provenance makes them, and the bad cases,
// signed by @sigstore/sign against @sigstore/mock's Fulcio, Rekor and TSA (the signature
// fixtures' stack, shared), with the matching trusted_root.json.
//
// What GitHub puts in a workflow's OIDC token, the mock Fulcio copies into the certificate as
// real Fulcio does (sigstore/fulcio docs/oid-info.md): repository → source repository URI
// (1.3.6.1.4.1.57264.1.12), sha → source repository digest (.13), ref → source repository ref
// (.14), job_workflow_ref → build signer URI (.9), iss → issuer (.8). Real Fulcio takes a GitHub
// certificate's identity (SAN) from job_workflow_ref; the mock takes it from `sub`, so `sub` is
// given that URL. The predicate is the one @actions/attest's buildSLSAProvenancePredicate writes
// from the same claims. Referrers are attached as @sigstore/oci attaches them: an OCI manifest
// with the bundle as its one layer, artifactType the bundle's media type, `subject` the image,
// and the annotations dev.sigstore.bundle.content and dev.sigstore.bundle.predicateType.
//
// Run with `npx tsx server/generate-provenance-fixtures.ts [out-dir]`; the output is committed.
// Keys are new on every run; the shape is not: __tests__/server/provenance-fixtures.test.ts.

import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type Artifact,
  BUNDLE_TYPE,
  EMPTY_CONFIG,
  imageManifest,
  KEYLESS_ISSUER,
  OCI_MANIFEST,
  referrer,
  sha256,
  signKeyless,
  type SigstoreStack,
  startSigstore
} from './generate-signature-fixtures.js'

export const PROVENANCE_DIR = fileURLToPath(new URL('../fixtures/provenance/', import.meta.url))

export const PROVENANCE_REPOSITORY = 'octo-org/octo-repo'
export const PROVENANCE_WORKFLOW = '.github/workflows/release.yml'
export const PROVENANCE_REF = 'refs/heads/main'
export const PROVENANCE_COMMIT = '3f1c2b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a'
const OTHER_COMMIT = '0123456789abcdef0123456789abcdef01234567'
const SLSA_V1 = 'https://slsa.dev/provenance/v1'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const REGISTRY_HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com'

/** How the GitHub API holds an attestation: the bundle inline, or behind bundle_url. */
export type GitHubForm = 'inline' | 'url'

export interface ProvenanceFixture {
  repositoryName: string
  tag: string
  manifest: string
  /** Children of an index (platform manifests, buildx attestation manifests), pushed first. */
  children: string[]
  /** The index's buildx attestation manifests' digests. */
  attestationManifests: string[]
  /** The amd64 platform manifest's digest, for a multi-arch image. */
  platformDigest?: string
  referrers: Artifact[]
  /** Attestations GitHub stores for the image in PROVENANCE_REPOSITORY (bundle JSON text). */
  github: { digest: string; form: GitHubForm; bundle: string }[]
  /** The outcome with the conditions below, from either source; `platform`: with the platform. */
  expect: { outcome: string; platformOutcome?: string }
}

export interface ProvenanceCatalog {
  conditions: { repository: string; workflow: string; ref: string; commit: string }
  images: Record<string, ProvenanceFixture>
}

interface Build {
  repository?: string
  workflow?: string
  ref?: string
  sha?: string
  issuer?: string
  /** A reusable workflow of another repository signing (`owner/repo/path@ref`). */
  jobWorkflowRef?: string
  /** Claims the token lacks (so the certificate lacks their extensions). */
  without?: string[]
}

/** Where a fixture's attestation is stored: on GitHub (how), as a referrer, under which predicate. */
interface Options {
  github?: GitHubForm
  referrer?: boolean
  predicateType?: string
}

/** The claims of a GitHub Actions OIDC token for the build (the ones Fulcio reads). */
function githubClaims(build: Build): Record<string, string> {
  const repository = build.repository ?? PROVENANCE_REPOSITORY
  const ref = build.ref ?? PROVENANCE_REF
  const sha = build.sha ?? PROVENANCE_COMMIT
  const workflowRef = `${repository}/${build.workflow ?? PROVENANCE_WORKFLOW}@${ref}`
  const jobWorkflowRef = build.jobWorkflowRef ?? workflowRef
  const claims: Record<string, string> = {
    iss: build.issuer ?? KEYLESS_ISSUER,
    sub: `https://github.com/${jobWorkflowRef}`,
    repository,
    repository_id: '123456789',
    repository_owner: repository.split('/')[0]!,
    repository_owner_id: '987654321',
    repository_visibility: 'public',
    ref,
    sha,
    workflow: 'Release',
    workflow_ref: workflowRef,
    workflow_sha: sha,
    job_workflow_ref: jobWorkflowRef,
    job_workflow_sha: sha,
    event_name: 'push',
    runner_environment: 'github-hosted',
    run_id: '4242424242',
    run_attempt: '1'
  }
  for (const claim of build.without ?? []) delete claims[claim]
  return claims
}

/** The SLSA v1 predicate @actions/attest writes for a GitHub Actions build, from its claims. */
function slsaPredicate(claims: Record<string, string>): unknown {
  const server = 'https://github.com'
  const [path, ...refChunks] = claims.workflow_ref!.replace(`${claims.repository}/`, '').split('@')
  return {
    buildDefinition: {
      buildType: 'https://actions.github.io/buildtypes/workflow/v1',
      externalParameters: {
        workflow: {
          ref: refChunks.join('@'),
          repository: `${server}/${claims.repository}`,
          path
        }
      },
      internalParameters: {
        github: {
          event_name: claims.event_name,
          repository_id: claims.repository_id,
          repository_owner_id: claims.repository_owner_id,
          runner_environment: claims.runner_environment
        }
      },
      resolvedDependencies: [
        {
          uri: `git+${server}/${claims.repository}@${claims.ref}`,
          digest: { gitCommit: claims.sha }
        }
      ]
    },
    runDetails: {
      builder: { id: `${server}/${claims.job_workflow_ref}` },
      metadata: {
        invocationId: `${server}/${claims.repository}/actions/runs/${claims.run_id}/attempts/${claims.run_attempt}`
      }
    }
  }
}

function provenanceStatement(
  name: string,
  digest: string,
  build: Build,
  predicateType = SLSA_V1
): Buffer {
  // The predicate is written from the full claims, whatever the certificate lacks.
  const claims = githubClaims({ ...build, without: [] })
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: `${REGISTRY_HOST}/team/${name}`, digest: { sha256: digest.slice(7) } }],
      predicateType,
      predicate: slsaPredicate(claims)
    })
  )
}

/** The referrer @sigstore/oci attaches: the bundle as the one layer, the image as subject. */
const attach = (subject: string, subjectSize: number, bundle: Buffer, predicateType = SLSA_V1) =>
  referrer(
    subject,
    subjectSize,
    BUNDLE_TYPE,
    { mediaType: BUNDLE_TYPE, blob: bundle },
    {
      'org.opencontainers.image.created': '2026-12-01T12:00:00.000Z',
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': predicateType
    }
  )

/** A multi-arch OCI index over two platform images, and a buildx attestation manifest if asked. */
function multiArch(name: string, buildx: boolean) {
  const amd64 = imageManifest(`${name}-amd64`)
  const arm64 = imageManifest(`${name}-arm64`)
  const inToto = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://slsa.dev/provenance/v0.2',
      subject: [
        { name: `${REGISTRY_HOST}/team/${name}`, digest: { sha256: sha256(amd64).slice(7) } }
      ],
      predicate: { builder: { id: 'https://github.com/docker/buildx' } }
    })
  )
  const attestation = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { ...EMPTY_CONFIG, mediaType: 'application/vnd.oci.image.config.v1+json' },
    layers: [
      {
        mediaType: 'application/vnd.in-toto+json',
        digest: sha256(inToto),
        size: inToto.length,
        annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' }
      }
    ]
  })
  const entry = (manifest: string, platform: Record<string, string>, annotations?: object) => ({
    mediaType: OCI_MANIFEST,
    digest: sha256(manifest),
    size: Buffer.byteLength(manifest),
    platform,
    ...(annotations ? { annotations } : {})
  })
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [
      entry(amd64, { architecture: 'amd64', os: 'linux' }),
      entry(arm64, { architecture: 'arm64', os: 'linux', variant: 'v8' }),
      ...(buildx
        ? [
            entry(
              attestation,
              { architecture: 'unknown', os: 'unknown' },
              {
                'vnd.docker.reference.digest': sha256(amd64),
                'vnd.docker.reference.type': 'attestation-manifest'
              }
            )
          ]
        : [])
    ]
  })
  return {
    index,
    amd64,
    children: [amd64, arm64, ...(buildx ? [attestation] : [])],
    attestationManifests: buildx ? [sha256(attestation)] : [],
    inToto
  }
}

export async function generateProvenanceFixtures(out: string): Promise<ProvenanceCatalog> {
  mkdirSync(out, { recursive: true })
  const stack: SigstoreStack = await startSigstore(new Date(Date.now() + 60_000))
  const images: Record<string, ProvenanceFixture> = {}
  const sign = (name: string, digest: string, build: Build = {}, predicateType?: string) => {
    return signKeyless(
      stack,
      provenanceStatement(name, digest, build, predicateType),
      githubClaims(build)
    )
  }
  /** A single-platform image, its attestation attached and (by `github`) stored on GitHub. */
  const single = async (
    name: string,
    outcome: string,
    bundleFor: (digest: string) => Promise<Buffer>,
    options: Options = {}
  ) => {
    const manifest = imageManifest(name)
    const digest = sha256(manifest)
    const bundle = await bundleFor(digest)
    images[name] = {
      repositoryName: `team/${name}`,
      tag: 'v1',
      manifest,
      children: [],
      attestationManifests: [],
      referrers:
        options.referrer === false
          ? []
          : [attach(digest, Buffer.byteLength(manifest), bundle, options.predicateType)],
      github: options.github
        ? [{ digest, form: options.github, bundle: bundle.toString('utf8') }]
        : [],
      expect: { outcome }
    }
  }
  try {
    // Name, outcome, the build the certificate states, where the fixture is stored.
    const cases: [string, string, Build, Options & { otherSubject?: true }][] = [
      ['provenance-good', 'verified', {}, { github: 'inline' }],
      ['provenance-github-url', 'verified', {}, { github: 'url', referrer: false }],
      [
        'provenance-other-repo',
        'other-repository',
        { repository: 'someone-else/fork' },
        { github: 'inline' }
      ],
      [
        'provenance-other-workflow',
        'other-workflow',
        { workflow: '.github/workflows/nightly.yml' },
        { github: 'url' }
      ],
      ['provenance-other-ref', 'other-ref', { ref: 'refs/heads/feature' }, { github: 'inline' }],
      ['provenance-other-commit', 'other-commit', { sha: OTHER_COMMIT }, { github: 'inline' }],
      ['provenance-other-digest', 'other-digest', {}, { github: 'inline', otherSubject: true }],
      [
        'provenance-wrong-predicate',
        'wrong-predicate-type',
        {},
        { predicateType: 'https://slsa.dev/provenance/v0.2' }
      ],
      [
        'provenance-other-issuer',
        'untrusted-certificate',
        { issuer: 'https://gitlab.example.com' },
        { github: 'inline' }
      ],
      [
        'provenance-reusable',
        'other-workflow',
        { jobWorkflowRef: 'octo-org/shared/.github/workflows/build.yml@refs/heads/main' },
        { github: 'inline' }
      ],
      [
        'provenance-no-source',
        'untrusted-certificate',
        { without: ['repository', 'sha', 'ref'] },
        {}
      ]
    ]
    for (const [name, outcome, build, options] of cases)
      await single(
        name,
        outcome,
        (digest) =>
          sign(
            name,
            options.otherSubject ? sha256('another image') : digest,
            build,
            options.predicateType
          ),
        options
      )
    await single('provenance-tampered', 'bad-signature', async (digest) => {
      // Signed over another commit's statement, then the payload swapped for the right one.
      const signed = JSON.parse(
        (await sign('provenance-tampered', digest, { sha: OTHER_COMMIT })).toString('utf8')
      ) as { dsseEnvelope: { payload: string } }
      signed.dsseEnvelope.payload = provenanceStatement('provenance-tampered', digest, {}).toString(
        'base64'
      )
      return Buffer.from(JSON.stringify(signed))
    })

    /** A multi-arch image attested by its index's digest or by its amd64 manifest's only. */
    const attestedIndex = async (
      name: string,
      by: 'index' | 'amd64',
      form: GitHubForm,
      expect: ProvenanceFixture['expect']
    ) => {
      const made = multiArch(name, false)
      const subject = by === 'index' ? made.index : made.amd64
      const digest = sha256(subject)
      const bundle = await sign(name, digest)
      images[name] = {
        repositoryName: `team/${name}`,
        tag: 'v1',
        manifest: made.index,
        children: made.children,
        attestationManifests: [],
        platformDigest: sha256(made.amd64),
        referrers: [attach(digest, Buffer.byteLength(subject), bundle)],
        github: [{ digest, form, bundle: bundle.toString('utf8') }],
        expect
      }
    }
    // What attest-build-provenance is given for a multi-arch build: the index's digest.
    await attestedIndex('provenance-multi', 'index', 'inline', {
      outcome: 'verified',
      platformOutcome: 'verified'
    })
    // Attested per platform: only the amd64 manifest's digest is a subject.
    await attestedIndex('provenance-platform', 'amd64', 'url', {
      outcome: 'none-found',
      platformOutcome: 'verified'
    })
    // buildx `mode=max`: unsigned provenance in the index, nothing signed.
    const unsigned = multiArch('provenance-unsigned', true)
    images['provenance-unsigned'] = {
      repositoryName: 'team/provenance-unsigned',
      tag: 'v1',
      manifest: unsigned.index,
      children: unsigned.children,
      attestationManifests: unsigned.attestationManifests,
      platformDigest: sha256(unsigned.amd64),
      referrers: [],
      github: [],
      expect: { outcome: 'unsigned', platformOutcome: 'unsigned' }
    }
  } finally {
    await stack.close()
  }
  const catalog: ProvenanceCatalog = {
    conditions: {
      repository: PROVENANCE_REPOSITORY,
      workflow: `${PROVENANCE_WORKFLOW}@${PROVENANCE_REF}`,
      ref: PROVENANCE_REF,
      commit: PROVENANCE_COMMIT
    },
    images
  }
  writeFileSync(join(out, 'catalog.json'), JSON.stringify(catalog, null, 1) + '\n')
  writeFileSync(join(out, 'trusted_root.json'), JSON.stringify(stack.trustedRoot, null, 1) + '\n')
  return catalog
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? PROVENANCE_DIR
  const catalog = await generateProvenanceFixtures(out)
  console.log(`wrote ${Object.keys(catalog.images).length} attested images to ${out}`)
}
