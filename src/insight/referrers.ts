// What is attached to each image found: its referrers (ListImageReferrers) and its cosign tags,
// classified as signature, SBOM or attestation. Facts only: whether an id passes is decided in
// verdict.ts. main.ts imports this module only when `referrers` or `require-referrers` is set.

import { targetKey } from '../ecr/calls.js'
import type { LookupContext } from '../ecr/lookup.js'
import {
  type CosignSuffix,
  type ListedReferrer,
  type ReferrerSubject,
  type ReferrersClient,
  type SubjectListing,
  checkAnnotations,
  cosignTag,
  COSIGN_SUFFIXES,
  listReferrers,
  lookUpCosignTags
} from '../ecr/referrers.js'
import type { ReferrerKind } from '../inputs/referrers.js'
import { DIGEST_PATTERN, MEDIA_TYPE_PATTERN } from '../media-types.js'
import { clip } from '../text.js'
import type { ImageResult } from '../types.js'
import type { InspectedResult } from './inspect.js'
import { analyzeManifest } from './manifest.js'
import type { RecordKind, ReferrerFacts, ReferrerRecord } from './referrer-types.js'

const KIND_PREFIXES: readonly [string, ReferrerKind][] = [
  ['application/vnd.dev.sigstore.bundle', 'signature'],
  ['application/vnd.cncf.notary.signature', 'signature'],
  ['application/vnd.dev.cosign.simplesigning', 'signature'],
  ['application/spdx', 'sbom'],
  ['text/spdx', 'sbom'],
  ['application/vnd.cyclonedx', 'sbom'],
  ['application/vnd.in-toto', 'attestation']
]

/** The kind an artifact type names: cosign bundles and notation are signatures, and so on. */
export function classifyArtifactType(artifactType: string | undefined): RecordKind {
  if (!artifactType) return 'other'
  const type = artifactType.toLowerCase()
  const match = KIND_PREFIXES.find(
    ([prefix]) => type === prefix || type.startsWith(prefix + '+') || type.startsWith(prefix + '.')
  )
  return match ? match[1] : 'other'
}

export const TAG_KINDS: Readonly<Record<CosignSuffix, ReferrerKind>> = {
  sig: 'signature',
  att: 'attestation',
  sbom: 'sbom'
}

function fromListing(referrer: ListedReferrer, subject: string): ReferrerRecord {
  return {
    kind: classifyArtifactType(referrer.artifactType),
    artifactType: referrer.artifactType ?? null,
    digest: referrer.digest,
    mediaType: referrer.mediaType,
    size: referrer.size,
    status: referrer.status,
    annotations: referrer.annotations,
    source: 'referrers',
    subject
  }
}

/** A cosign tag that BatchGetImage found: pullable, so ACTIVE. */
function fromTag(result: ImageResult, suffix: CosignSuffix, subject: string): ReferrerRecord {
  const image = result.image ?? {}
  const manifest = image.imageManifest ?? ''
  const info = analyzeManifest(manifest, image.imageManifestMediaType)
  // Registry text: kept only when it is a media type (the manifest's artifact type rule is
  // manifest.ts's: `artifactType`, else a config that is not a container image's).
  const mediaType = (type: string | undefined) =>
    type !== undefined && MEDIA_TYPE_PATTERN.test(type) ? type : null
  return {
    kind: TAG_KINDS[suffix],
    artifactType: mediaType(info.artifactType),
    digest: image.imageId?.imageDigest ?? '',
    mediaType: mediaType(info.mediaType) ?? '',
    size: Buffer.byteLength(manifest, 'utf8'),
    status: 'ACTIVE',
    annotations: checkAnnotations(info.annotations),
    source: 'tag',
    subject
  }
}

const subjectKey = (subject: ReferrerSubject): string => targetKey(subject) + subject.digest

/** The digests each entry asks about: its own, and its platforms' with resolve-platforms. */
function subjectsOf(entry: InspectedResult, withPlatforms: boolean): ReferrerSubject[] {
  const digest = entry.result.image?.imageId?.imageDigest
  if (!entry.manifest || !digest) return []
  const { region, repositoryName } = entry.result.request
  const registryId = entry.result.image?.registryId ?? entry.result.request.registryId
  const base = { region, repositoryName, ...(registryId ? { registryId } : {}) }
  const platforms = withPlatforms ? (entry.manifest.platforms ?? []) : []
  return [digest, ...platforms.map((child) => child.digest)].map((d) => ({ ...base, digest: d }))
}

export interface ReferrersContext {
  lookup: LookupContext
  clientFor: (region: string) => ReferrersClient
  resolvePlatforms: boolean
}

/** Each entry with its referrer facts; images not found get none. Each subject is asked once. */
export async function withReferrers(
  inspected: InspectedResult[],
  context: ReferrersContext
): Promise<InspectedResult[]> {
  const perEntry = inspected.map((entry) => subjectsOf(entry, context.resolvePlatforms))
  const unique = new Map(perEntry.flat().map((subject) => [subjectKey(subject), subject]))
  const subjects = [...unique.values()]
  if (subjects.length === 0) return inspected
  const [listings, tags] = await Promise.all([
    listReferrers(subjects, context.clientFor, {
      ...(context.lookup.debug ? { debug: context.lookup.debug } : {})
    }),
    lookUpCosignTags(subjects, context.lookup)
  ])
  const listingOf = new Map(listings.map((listing) => [subjectKey(listing.subject), listing]))
  const tagOf = new Map(
    tags.map((result) => [targetKey(result.request) + result.request.key, result])
  )
  return inspected.map((entry, index) => {
    const own = perEntry[index] ?? []
    if (own.length === 0) return entry
    const facts = emptyFacts()
    own.forEach((subject, position) => {
      const found = collect(subject, listingOf.get(subjectKey(subject)), (tag) =>
        tagOf.get(targetKey(subject) + tag)
      )
      for (const record of found.records) facts.records.push(record)
      for (const problem of found.problems) facts.problems.push(problem)
      if (position > 0) return
      count(facts, found.records)
      for (const problem of found.problems) facts.uncertain.push(problem)
      const unknown = found.records.filter((record) => record.status === 'UNKNOWN').length
      if (unknown > 0)
        facts.uncertain.push(
          `${unknown} referrer(s) of ${subject.digest} came with no known status (ACTIVE, ARCHIVED or ACTIVATING)`
        )
    })
    return { ...entry, referrers: facts }
  })
}

function emptyFacts(): ReferrerFacts {
  return { records: [], counted: {}, notCounted: 0, problems: [], uncertain: [] }
}

/** An error as a reason names it: its name (the API's error code) and message, clipped. */
function errorText(error: Error): string {
  const text =
    error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message
  return clip(text, 300)
}

function collect(
  subject: ReferrerSubject,
  listing: SubjectListing | undefined,
  tagResult: (tag: string) => ImageResult | undefined
): { records: ReferrerRecord[]; problems: string[] } {
  const records: ReferrerRecord[] = []
  const problems: string[] = []
  if (!listing || 'error' in listing) {
    problems.push(
      listing
        ? `ListImageReferrers failed for ${subject.digest} (${errorText(listing.error)})`
        : `no ListImageReferrers call covered ${subject.digest}`
    )
  } else {
    for (const referrer of listing.referrers) records.push(fromListing(referrer, subject.digest))
    if (listing.ignored > 0)
      problems.push(`${listing.ignored} malformed referrer(s) of ${subject.digest} were ignored`)
  }
  for (const suffix of COSIGN_SUFFIXES) {
    const tag = cosignTag(subject.digest, suffix)
    const result = tagResult(tag)
    if (result?.image && DIGEST_PATTERN.test(result.image.imageId?.imageDigest ?? '')) {
      records.push(fromTag(result, suffix, subject.digest))
    } else if (result?.failure?.failureCode !== 'ImageNotFound') {
      const why = result?.error
        ? errorText(result.error)
        : (result?.failure?.failureCode ?? 'no usable answer')
      problems.push(`BatchGetImage of the cosign tag ${tag} failed (${why})`)
    }
  }
  return { records, problems }
}

/** Only ACTIVE artifacts count, by kind and by artifact type. */
function count(facts: ReferrerFacts, records: ReferrerRecord[]): void {
  for (const record of records) {
    if (record.status !== 'ACTIVE') {
      facts.notCounted++
      continue
    }
    for (const key of new Set([record.kind, record.artifactType ?? ''])) {
      if (key !== '') facts.counted[key] = (facts.counted[key] ?? 0) + 1
    }
  }
}
