// The signature stage's one entry: for each found image, where its signatures are (cosign's `.sig`
// tag, Sigstore bundle and Notation referrers), their manifests (batched BatchGetImage by digest),
// their layers (GetDownloadUrlForLayer, size-capped, digest-checked), and each one verified against
// the trust material. Facts per image id; whether an id passes is the verdict's (judgeSignatures).
// Every fetch is bounded: signatures per image, layers per manifest, bytes per blob.

import type { Clock } from '../../clock.js'
import { DEFAULT_CONCURRENCY, mapConcurrent, targetKey } from '../../ecr/calls.js'
import {
  cosignTag,
  type ListedReferrer,
  listReferrers,
  lookUpCosignTags
} from '../../ecr/referrers.js'
import { DIGEST_PATTERN } from '../../media-types.js'
import type { RepositoryTarget } from '../../types.js'
import {
  type ArtifactClients,
  manifestText,
  readLayers,
  readManifests,
  SIGSTORE_BUNDLE_TYPE,
  subjectKey,
  whereOf
} from '../referrer-artifacts.js'
import { parseSignatureManifest, type SignatureLayer } from './artifacts.js'
import { SIMPLE_SIGNING_TYPE, verifySimpleSigning } from './cosign-legacy.js'
import {
  applyRevocation,
  type NotationResult,
  type RevocationQuery,
  type SignedSubject
} from './notation.js'
import { COSE_MEDIA_TYPE } from './notation-envelope.js'
import type { SignatureTrust } from './trust.js'
import {
  type SignatureCheck,
  type SignatureCheckBase,
  type SignatureFacts,
  type SignatureKind,
  notVerified
} from './types.js'

/** A found image whose signatures are asked for; `id` keys the answer (the id as written). */
export interface SignedImage extends RepositoryTarget, SignedSubject {
  id: string
}

export interface SignatureClients extends ArtifactClients {
  /** signer:GetRevocationStatus; needed only with aws-signer-profile. */
  revocation?: (
    query: RevocationQuery
  ) => Promise<{ revokedEntities: string[] } | { error: string }>
}

export const NOTARY_SIGNATURE_TYPE = 'application/vnd.cncf.notary.signature'
const PREDICATE_ANNOTATION = 'dev.sigstore.bundle.predicateType'
/** Signature artifacts looked at per image (the `.sig` tag's layers count one each). */
export const MAX_SIGNATURES_PER_IMAGE = 16
/** A signature envelope or bundle is kilobytes; a larger layer is not read. */
export const MAX_SIGNATURE_BYTES = 1024 * 1024

interface Candidate {
  image: SignedImage
  base: SignatureCheckBase
  layer: SignatureLayer
  where: RepositoryTarget
}

interface Collected {
  candidates: Candidate[]
  /** Checks decided before any blob is read (malformed manifests, unconfigured kinds). */
  decided: { image: SignedImage; check: SignatureCheck }[]
  unchecked: Map<string, string[]>
}

function kindOf(referrer: ListedReferrer): SignatureKind | undefined {
  const type = referrer.artifactType ?? ''
  if (type.startsWith(SIGSTORE_BUNDLE_TYPE)) return 'sigstore-bundle'
  if (type === NOTARY_SIGNATURE_TYPE) return 'notation'
  return undefined
}

function addUnchecked(collected: Collected, image: SignedImage, sentence: string): void {
  const list = collected.unchecked.get(image.id) ?? []
  list.push(sentence)
  collected.unchecked.set(image.id, list)
}

async function collect(
  images: SignedImage[],
  trust: SignatureTrust,
  clients: SignatureClients
): Promise<Collected> {
  const collected: Collected = { candidates: [], decided: [], unchecked: new Map() }
  const subjects = [
    ...new Map(
      images.map((image) => [
        subjectKey({ ...whereOf(image), digest: image.digest }),
        { ...whereOf(image), digest: image.digest }
      ])
    ).values()
  ]
  const wantsCosign = trust.cosign !== undefined
  const [listings, tags] = await Promise.all([
    listReferrers(subjects, clients.referrers, clients.debug ? { debug: clients.debug } : {}),
    wantsCosign ? lookUpCosignTags(subjects, clients.lookup, ['sig']) : Promise.resolve([])
  ])
  const listingOf = new Map(listings.map((listing) => [subjectKey(listing.subject), listing]))
  const tagOf = new Map(
    tags.map((result) => [targetKey(result.request) + result.request.key, result])
  )

  // The referrers worth fetching, per image, bounded.
  const wanted = new Map<
    string,
    { image: SignedImage; referrer: ListedReferrer; kind: SignatureKind }[]
  >()
  for (const image of images) {
    const listing = listingOf.get(subjectKey({ ...whereOf(image), digest: image.digest }))
    if (!listing || 'error' in listing) {
      addUnchecked(
        collected,
        image,
        `its referrers could not be listed (${listing ? listing.error.message.slice(0, 300) : 'no call'})`
      )
      continue
    }
    const picked: { image: SignedImage; referrer: ListedReferrer; kind: SignatureKind }[] = []
    for (const referrer of listing.referrers) {
      const kind = kindOf(referrer)
      if (!kind || referrer.status !== 'ACTIVE') continue
      const predicate = referrer.annotations[PREDICATE_ANNOTATION]
      // An attestation bundle says so in its annotation: it is no signature, and is not fetched.
      if (
        kind === 'sigstore-bundle' &&
        predicate !== undefined &&
        predicate !== 'https://sigstore.dev/cosign/sign/v1'
      )
        continue
      const base = { kind, source: referrer.digest }
      if (kind === 'sigstore-bundle' && !trust.cosign) {
        collected.decided.push({
          image,
          check: notVerified(
            base,
            'untrusted-identity',
            'a cosign signature, and no cosign input is configured'
          )
        })
        continue
      }
      if (kind === 'notation' && !trust.notation) {
        collected.decided.push({
          image,
          check: notVerified(
            base,
            'untrusted-identity',
            'a Notation signature, and notation-trust-store is not configured'
          )
        })
        continue
      }
      if (picked.length >= MAX_SIGNATURES_PER_IMAGE) {
        addUnchecked(
          collected,
          image,
          `it has more than ${MAX_SIGNATURES_PER_IMAGE} signature referrers; only the first ${MAX_SIGNATURES_PER_IMAGE} were checked`
        )
        break
      }
      picked.push({ image, referrer, kind })
    }
    wanted.set(image.id, picked)
  }

  // Their manifests, by digest, in batched BatchGetImage calls (100 ids a call per repository).
  const manifestOf = await readManifests(
    [...wanted.values()].flat().map(({ image, referrer }) => ({
      where: image,
      digest: referrer.digest
    })),
    clients
  )
  for (const picked of wanted.values()) {
    for (const { image, referrer, kind } of picked) {
      const base = { kind, source: referrer.digest }
      const text = manifestOf({ where: image, digest: referrer.digest })
      const manifest = typeof text === 'string' ? parseSignatureManifest(text) : undefined
      if (typeof text !== 'string') {
        addUnchecked(collected, image, `the ${kind} referrer ${referrer.digest}: ${text.problem}`)
        continue
      }
      if (!manifest || manifest.subjectDigest !== image.digest) {
        collected.decided.push({
          image,
          check: notVerified(
            base,
            'unknown-envelope',
            manifest
              ? `its manifest's subject is not ${image.digest}`
              : 'its manifest is not an OCI image manifest'
          )
        })
        continue
      }
      const layers =
        kind === 'notation'
          ? manifest.layers
          : manifest.layers.filter((layer) => layer.mediaType.startsWith(SIGSTORE_BUNDLE_TYPE))
      // A Notation signature manifest has exactly one layer: the envelope.
      if (layers.length !== 1) {
        collected.decided.push({
          image,
          check: notVerified(
            base,
            'unknown-envelope',
            `its manifest has ${layers.length} ${kind === 'notation' ? 'layers' : 'bundle layers'}, not one`
          )
        })
        continue
      }
      collected.candidates.push({ image, base, layer: layers[0]!, where: whereOf(image) })
    }
  }

  // cosign's `.sig` tag: each simple-signing layer is one signature.
  if (wantsCosign) {
    for (const image of images) {
      const tag = cosignTag(image.digest, 'sig')
      const result = tagOf.get(targetKey(whereOf(image)) + tag)
      if (result?.failure?.failureCode === 'ImageNotFound') continue
      const digest = result?.image?.imageId?.imageDigest ?? ''
      const text = manifestText(result, DIGEST_PATTERN.test(digest) ? digest : '-')
      if (typeof text !== 'string') {
        addUnchecked(collected, image, `the cosign tag ${tag}: ${text.problem}`)
        continue
      }
      const manifest = parseSignatureManifest(text)
      const simple =
        manifest?.layers.filter((layer) => layer.mediaType === SIMPLE_SIGNING_TYPE) ?? []
      if (simple.length === 0) {
        collected.decided.push({
          image,
          check: notVerified(
            { kind: 'cosign', source: tag },
            'unknown-envelope',
            'its manifest has no simple-signing layer'
          )
        })
        continue
      }
      const room = MAX_SIGNATURES_PER_IMAGE - (wanted.get(image.id)?.length ?? 0)
      if (simple.length > room)
        addUnchecked(
          collected,
          image,
          `its ${tag} holds more signatures than the ${MAX_SIGNATURES_PER_IMAGE} checked per image`
        )
      simple.slice(0, Math.max(0, room)).forEach((layer, index) =>
        collected.candidates.push({
          image,
          base: { kind: 'cosign', source: `${tag} layer ${index + 1}` },
          layer,
          where: whereOf(image)
        })
      )
    }
  }
  return collected
}

/**
 * Each image's signatures, found and verified. `images` are found images (their manifest digest:
 * the index's for a multi-arch image); `trust` from loadSignatureTrust; `clock` gives "now" for
 * Notation's validity and expiry. Resolves to SignatureFacts per image id, every id present.
 */
export async function verifySignatures(
  images: SignedImage[],
  trust: SignatureTrust,
  clients: SignatureClients,
  clock: Clock
): Promise<Map<string, SignatureFacts>> {
  const facts = new Map<string, SignatureFacts>(
    images.map((image) => [image.id, { checks: [], unchecked: [...trust.unavailable] }])
  )
  if (images.length === 0) return facts
  const collected = await collect(images, trust, clients)
  for (const [id, sentences] of collected.unchecked) facts.get(id)!.unchecked.push(...sentences)
  for (const { image, check } of collected.decided) facts.get(image.id)!.checks.push(check)
  const layers = await readLayers(collected.candidates, clients, {
    clock,
    what: 'signature',
    maxBytes: MAX_SIGNATURE_BYTES
  })
  const now = new Date(clock.now())
  const needsCose = collected.candidates.some(
    (candidate) =>
      candidate.base.kind === 'notation' && candidate.layer.mediaType === COSE_MEDIA_TYPE
  )
  // Each verifier loads only when a signature of its kind was found.
  const notation = collected.candidates.some((candidate) => candidate.base.kind === 'notation')
    ? await import('./notation.js')
    : undefined
  const cose = needsCose ? await import('./notation-cose.js') : undefined
  const sigstore = collected.candidates.some(
    (candidate) => candidate.base.kind === 'sigstore-bundle'
  )
    ? await import('./sigstore.js')
    : undefined
  const pending: {
    image: SignedImage
    result: Extract<NotationResult, { revocation: RevocationQuery }>
  }[] = []
  for (const candidate of collected.candidates) {
    const { image, base, layer } = candidate
    const bytes = layers.get(candidate)!
    const entry = facts.get(image.id)!
    if (typeof bytes === 'string') {
      entry.unchecked.push(`the ${base.kind} signature ${base.source}: ${bytes}`)
      continue
    }
    if (base.kind === 'cosign') {
      entry.checks.push(
        verifySimpleSigning(
          base,
          { payload: bytes, annotations: layer.annotations },
          trust.cosign?.keys ?? [],
          image.digest,
          trust.cosign?.keyless !== undefined
        )
      )
    } else if (base.kind === 'sigstore-bundle' && sigstore && trust.cosign) {
      const check = sigstore.verifyBundle(base, bytes, image.digest, trust.cosign)
      if (check) entry.checks.push(check)
    } else if (base.kind === 'notation' && notation && trust.notation) {
      const result = notation.verifyNotation(
        base,
        layer.mediaType,
        bytes,
        image,
        trust.notation,
        now,
        cose ? { cose: cose.parseCoseEnvelope } : {}
      )
      if ('revocation' in result) pending.push({ image, result })
      else entry.checks.push(result)
    }
  }
  await judgeRevocations(pending, facts, clients)
  return facts
}

/** AWS Signer signatures: one GetRevocationStatus per distinct question, a few at a time. */
async function judgeRevocations(
  pending: {
    image: SignedImage
    result: Extract<NotationResult, { revocation: RevocationQuery }>
  }[],
  facts: Map<string, SignatureFacts>,
  clients: SignatureClients
): Promise<void> {
  if (pending.length === 0) return
  const queryKey = (query: RevocationQuery) =>
    JSON.stringify([
      query.region,
      query.profileVersionArn,
      query.jobArn,
      query.signatureTimestamp.toISOString(),
      query.certificateHashes
    ])
  const queries = [
    ...new Map(
      pending.map(({ result }) => [queryKey(result.revocation), result.revocation])
    ).values()
  ]
  const answers = new Map<string, { revokedEntities: string[] } | { error: string }>()
  await mapConcurrent(queries, DEFAULT_CONCURRENCY, async (query) => {
    answers.set(
      queryKey(query),
      clients.revocation ? await clients.revocation(query) : { error: 'no Signer client' }
    )
  })
  for (const { image, result } of pending)
    facts
      .get(image.id)!
      .checks.push(applyRevocation(result.check, answers.get(queryKey(result.revocation))!))
}
