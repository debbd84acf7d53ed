// The provenance stage's one entry: for each found image, its signed provenance attestations from
// ECR (Sigstore bundle referrers, as actions/attest-build-provenance's `push-to-registry` attaches
// them) and/or GitHub's attestations API, each judged by attestation.ts; and the unsigned
// provenance it carries (buildx's in-toto manifests in an index, bare in-toto referrers), shown
// and never counted. Facts per image id; whether an id passes is the verdict's (judgeProvenance).
//
// Which digest an attestation must be about: the image's own manifest digest, for a multi-arch
// image its index's (what attest-build-provenance is given: build-push-action's `digest`); with
// `platform`, the platform manifest's too (a pipeline attesting each platform's build). The check
// says which one it was.
//
// Bounded: at most MAX_ATTESTATIONS_PER_IMAGE attestations checked per image and source (the
// first that verifies ends the image's checks), referrer and GitHub pages capped, every bundle
// at most 1 MiB.

import type { Clock } from '../../clock.js'
import { DEFAULT_CONCURRENCY, mapConcurrent } from '../../ecr/calls.js'
import { type ListedReferrer, listReferrers } from '../../ecr/referrers.js'
import type { ProvenanceConditions, ProvenancePolicy } from '../../inputs/provenance.js'
import type { TrustedRootFile } from '../../inputs/signatures.js'
import type { GitHubClient } from '../../net/github-client.js'
import type { RepositoryTarget } from '../../types.js'
import {
  type ArtifactClients,
  type LayerWanted,
  readLayers,
  readManifests,
  SIGSTORE_BUNDLE_TYPE,
  subjectKey,
  whereOf
} from '../referrer-artifacts.js'
import { parseSignatureManifest } from '../signatures/artifacts.js'
import type { SigstoreRoot } from '../signatures/sigstore.js'
import { loadSigstoreRoot, type TrustSources } from '../signatures/trust.js'
import {
  fetchBundle,
  listAttestations,
  type ListedAttestation,
  MAX_BUNDLE_BYTES
} from './github-attestations.js'
import {
  type AttestedSubject,
  type ProvenanceCheck,
  type ProvenanceCheckBase,
  type ProvenanceFacts,
  SLSA_PROVENANCE_PREFIX
} from './types.js'

/** A found image whose provenance is asked for; `id` keys the answer (the id as written). */
export interface ProvenanceImage extends RepositoryTarget {
  id: string
  /** The id's manifest digest: a multi-arch image's index. */
  digest: string
  /** With `platform`: the platform manifest picked from the index. */
  platformDigest?: string
  /** An index's buildx attestation manifests (`vnd.docker.reference.type: attestation-manifest`). */
  attestationManifests?: readonly string[]
}

/** What a run needs to verify with: the Sigstore root, or why it could not be had. */
export interface ProvenanceTrust {
  root?: SigstoreRoot
  /** What could not be loaded (the public-good root), one sentence each. */
  unavailable: string[]
}

export interface GitHubAttestationClients {
  /** The Octokit of createGitHubClient (the token, GITHUB_API_URL, the proxy and deadline). */
  octokit: GitHubClient
  /** One GET of a bundle_url, without the token: downloadBlob with the proxy agents. */
  download: (url: URL) => Promise<Buffer>
}

export interface ProvenanceClients {
  /** ECR: needed with provenance-source registry or any. */
  registry?: ArtifactClients
  /** GitHub's attestations API: needed with provenance-source github or any. */
  github?: GitHubAttestationClients
}

/** Attestations checked per image and source: far past one build's, still a bound. */
export const MAX_ATTESTATIONS_PER_IMAGE = 16
export const IN_TOTO_TYPE = 'application/vnd.in-toto+json'
/** The annotation sigstore-js's OCI attachment puts on an attestation referrer. */
const BUNDLE_PREDICATE_ANNOTATION = 'dev.sigstore.bundle.predicateType'
/** The annotation buildx and in-toto referrers name their predicate with. */
const IN_TOTO_PREDICATE_ANNOTATION = 'in-toto.io/predicate-type'

export async function loadProvenanceTrust(
  trustedRoot: TrustedRootFile | undefined,
  sources: Pick<TrustSources, 'publicGoodRoot'>
): Promise<ProvenanceTrust> {
  const root = await loadSigstoreRoot(trustedRoot, sources, 'provenance')
  return 'root' in root ? { root: root.root, unavailable: [] } : { unavailable: [root.unavailable] }
}

/** The digests an attestation of `image` may be about, the image's own first. */
export function subjectsOf(image: ProvenanceImage): AttestedSubject[] {
  return [
    { digest: image.digest, of: 'image' },
    ...(image.platformDigest && image.platformDigest !== image.digest
      ? [{ digest: image.platformDigest, of: 'platform' as const }]
      : [])
  ]
}

/** An attestation to judge: its bundle (JSON), or a fetch that gives it. */
interface Candidate {
  base: ProvenanceCheckBase
  json: () => Promise<{ json: unknown } | { problem: string }>
  claimedProvenance?: boolean
}

interface Found {
  candidates: Candidate[]
  facts: ProvenanceFacts
}

const isProvenance = (predicate: string | undefined): boolean =>
  predicate?.startsWith(SLSA_PROVENANCE_PREFIX) ?? false

const more = (where: string) =>
  `more than ${MAX_ATTESTATIONS_PER_IMAGE} attestations ${where}; only the first ${MAX_ATTESTATIONS_PER_IMAGE} were checked`

/** The registry's side: referrers of each subject digest, and an index's buildx attestations. */
async function fromRegistry(
  images: ProvenanceImage[],
  found: Map<string, Found>,
  clients: ArtifactClients,
  clock: Clock
): Promise<void> {
  const pairs = images.flatMap((image) => subjectsOf(image).map((subject) => ({ image, subject })))
  const listings = await listReferrers(
    [
      ...new Map(
        pairs.map(({ image, subject }) => {
          const target = { ...whereOf(image), digest: subject.digest }
          return [subjectKey(target), target]
        })
      ).values()
    ],
    clients.referrers,
    clients.debug ? { debug: clients.debug } : {}
  )
  const listingOf = new Map(listings.map((listing) => [subjectKey(listing.subject), listing]))
  const picked: { image: ProvenanceImage; subject: AttestedSubject; referrer: ListedReferrer }[] =
    []
  for (const { image, subject } of pairs) {
    const { facts } = found.get(image.id)!
    const listing = listingOf.get(subjectKey({ ...whereOf(image), digest: subject.digest }))
    if (!listing || 'error' in listing) {
      facts.unchecked.push(
        `the referrers of ${subject.digest} could not be listed (${listing ? listing.error.message.slice(0, 300) : 'no call'})`
      )
      continue
    }
    for (const referrer of listing.referrers) {
      if (referrer.status !== 'ACTIVE') continue
      const type = referrer.artifactType ?? ''
      const bundlePredicate = referrer.annotations[BUNDLE_PREDICATE_ANNOTATION]
      const inTotoPredicate = referrer.annotations[IN_TOTO_PREDICATE_ANNOTATION]
      if (type === IN_TOTO_TYPE && isProvenance(inTotoPredicate)) {
        facts.unsigned.push({ source: referrer.digest, predicateType: inTotoPredicate! })
        continue
      }
      if (!type.startsWith(SIGSTORE_BUNDLE_TYPE)) continue
      // A bundle that names another predicate (a signature, an SBOM) is not read.
      if (bundlePredicate !== undefined && !isProvenance(bundlePredicate)) continue
      if (picked.filter((entry) => entry.image === image).length >= MAX_ATTESTATIONS_PER_IMAGE) {
        facts.unchecked.push(more(`are attached to ${subject.digest}`))
        break
      }
      picked.push({ image, subject, referrer })
    }
  }
  const buildx = images.flatMap((image) =>
    (image.attestationManifests ?? [])
      .slice(0, MAX_ATTESTATIONS_PER_IMAGE)
      .map((digest) => ({ image, digest }))
  )
  const manifestOf = await readManifests(
    [
      ...picked.map(({ image, referrer }) => ({ where: image, digest: referrer.digest })),
      ...buildx.map(({ image, digest }) => ({ where: image, digest }))
    ],
    clients
  )
  // buildx's attestation manifests: unsigned in-toto statements, one layer each.
  for (const { image, digest } of buildx) {
    const text = manifestOf({ where: image, digest })
    const manifest = typeof text === 'string' ? parseSignatureManifest(text) : undefined
    const predicate = manifest?.layers
      .map((layer) => layer.annotations[IN_TOTO_PREDICATE_ANNOTATION])
      .find(isProvenance)
    if (predicate)
      found.get(image.id)!.facts.unsigned.push({ source: digest, predicateType: predicate })
  }
  const layers: (LayerWanted & {
    image: ProvenanceImage
    base: ProvenanceCheckBase
    claimed: boolean
  })[] = []
  for (const { image, subject, referrer } of picked) {
    const base: ProvenanceCheckBase = { origin: 'registry', source: referrer.digest }
    const { facts } = found.get(image.id)!
    const text = manifestOf({ where: image, digest: referrer.digest })
    if (typeof text !== 'string') {
      facts.unchecked.push(`the attestation ${referrer.digest}: ${text.problem}`)
      continue
    }
    const manifest = parseSignatureManifest(text)
    const bundles =
      manifest?.layers.filter((layer) => layer.mediaType.startsWith(SIGSTORE_BUNDLE_TYPE)) ?? []
    if (!manifest || manifest.subjectDigest !== subject.digest || bundles.length !== 1) {
      facts.checks.push({
        ...base,
        verified: false,
        reason: 'bad-signature',
        detail: !manifest
          ? 'its manifest is not an OCI image manifest'
          : manifest.subjectDigest !== subject.digest
            ? `its manifest's subject is not ${subject.digest}`
            : `its manifest has ${bundles.length} bundle layers, not one`
      })
      continue
    }
    layers.push({
      image,
      base,
      where: whereOf(image),
      layer: bundles[0]!,
      claimed: isProvenance(referrer.annotations[BUNDLE_PREDICATE_ANNOTATION])
    })
  }
  const bytes = await readLayers(layers, clients, {
    clock,
    what: 'attestation',
    maxBytes: MAX_BUNDLE_BYTES
  })
  for (const item of layers) {
    const read = bytes.get(item)!
    found.get(item.image.id)!.candidates.push({
      base: item.base,
      json: () => Promise.resolve(typeof read === 'string' ? { problem: read } : { json: read }),
      claimedProvenance: item.claimed
    })
  }
}

/** GitHub's side: the condition repository's attestations of each subject digest. */
async function fromGitHub(
  images: ProvenanceImage[],
  found: Map<string, Found>,
  conditions: ProvenanceConditions,
  clients: GitHubAttestationClients
): Promise<void> {
  const pairs = images.flatMap((image) => subjectsOf(image).map((subject) => ({ image, subject })))
  const digests = [...new Set(pairs.map(({ subject }) => subject.digest))]
  const listings = new Map<string, Awaited<ReturnType<typeof listAttestations>>>()
  await mapConcurrent(digests, DEFAULT_CONCURRENCY, async (digest) => {
    listings.set(digest, await listAttestations(clients.octokit, conditions.repository, digest))
  })
  for (const { image, subject } of pairs) {
    const { facts, candidates } = found.get(image.id)!
    const listing = listings.get(subject.digest)!
    if ('error' in listing) {
      facts.unchecked.push(listing.error)
      continue
    }
    const attestations = listing.attestations
    if (attestations.length > MAX_ATTESTATIONS_PER_IMAGE)
      facts.unchecked.push(more(`of ${subject.digest} are stored on GitHub`))
    for (const attestation of attestations.slice(0, MAX_ATTESTATIONS_PER_IMAGE))
      candidates.push(gitHubCandidate(attestation, subject.digest, clients))
  }
}

function gitHubCandidate(
  attestation: ListedAttestation,
  digest: string,
  clients: GitHubAttestationClients
): Candidate {
  const base: ProvenanceCheckBase = {
    origin: 'github',
    source: `GitHub attestation ${attestation.number} of ${digest}`
  }
  if ('bundle' in attestation)
    return { base, json: () => Promise.resolve({ json: attestation.bundle }) }
  if ('problem' in attestation)
    return { base, json: () => Promise.resolve({ problem: attestation.problem }) }
  return { base, json: () => fetchBundle(attestation.bundleUrl, clients.download) }
}

/**
 * Each image's provenance, found and judged. `images` are found images; `policy` from the
 * inputs; `trust` from loadProvenanceTrust; `clients` the sources the policy names; `clock` for
 * the downloads' backoff. Resolves to ProvenanceFacts per image id, every id present.
 */
export async function verifyProvenance(
  images: ProvenanceImage[],
  policy: ProvenancePolicy,
  trust: ProvenanceTrust,
  clients: ProvenanceClients,
  clock: Clock
): Promise<Map<string, ProvenanceFacts>> {
  const found = new Map<string, Found>(
    images.map((image) => [
      image.id,
      { candidates: [], facts: { checks: [], unsigned: [], unchecked: [...trust.unavailable] } }
    ])
  )
  if (images.length === 0) return factsOf(found)
  const registry = policy.source !== 'github'
  const github = policy.source !== 'registry'
  const missing = [
    ...(registry && !clients.registry ? ['no ECR client for the registry source'] : []),
    ...(github && !clients.github ? ['no GitHub client for the attestations API'] : [])
  ]
  for (const { facts } of found.values()) facts.unchecked.push(...missing)
  await Promise.all([
    registry && clients.registry
      ? fromRegistry(images, found, clients.registry, clock)
      : Promise.resolve(),
    github && clients.github
      ? fromGitHub(images, found, policy.conditions, clients.github)
      : Promise.resolve()
  ])
  const root = trust.root
  if (!root || [...found.values()].every(({ candidates }) => candidates.length === 0))
    return factsOf(found)
  const { checkAttestation } = await import('./attestation.js')
  await mapConcurrent(images, DEFAULT_CONCURRENCY, async (image) => {
    const { candidates, facts } = found.get(image.id)!
    const subjects = subjectsOf(image)
    // In order, until one verifies: a bundle behind a URL is fetched only when it is reached.
    for (const candidate of candidates) {
      const read = await candidate.json()
      if ('problem' in read) {
        facts.unchecked.push(`${candidate.base.source}: ${read.problem}`)
        continue
      }
      const check: ProvenanceCheck | 'not-provenance' = checkAttestation(
        candidate.base,
        read.json,
        subjects,
        root,
        policy.conditions,
        candidate.claimedProvenance ? { claimedProvenance: true } : {}
      )
      if (check === 'not-provenance') continue
      facts.checks.push(check)
      if (check.verified) break
    }
  })
  return factsOf(found)
}

const factsOf = (found: Map<string, Found>): Map<string, ProvenanceFacts> =>
  new Map([...found].map(([id, entry]) => [id, entry.facts]))
