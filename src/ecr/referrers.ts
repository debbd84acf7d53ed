// The referrers of images, as ECR knows them: ListImageReferrers per subject digest (every page),
// and the older cosign tag scheme (`sha256-<hex>.sig`, `.att`, `.sbom`) asked in one more batched
// BatchGetImage round. Loaded only when `referrers` or `require-referrers` is set.

import { ListImageReferrersCommand } from '@aws-sdk/client-ecr'
import type {
  ListImageReferrersCommandInput,
  ListImageReferrersCommandOutput
} from '@aws-sdk/client-ecr'
import { asError } from '../errors.js'
import { DIGEST_PATTERN, MANIFEST_MEDIA_TYPES, MEDIA_TYPE_PATTERN } from '../media-types.js'
import type { ImageLookup, ImageResult, RepositoryTarget } from '../types.js'
import { DEFAULT_CONCURRENCY, type FanOutOptions, mapConcurrent } from './calls.js'
import { lookUpImages, type LookupContext } from './lookup.js'

/** What listing needs of a client: the one method (ECRClient has it), so tests can pass any. */
export interface ReferrersClient {
  send(command: ListImageReferrersCommand): Promise<ListImageReferrersCommandOutput>
}

/** An image whose referrers are asked for: its repository and its digest. */
export interface ReferrerSubject extends RepositoryTarget {
  digest: string
}

/** One referrer as ECR listed it, every field checked. */
export interface ListedReferrer {
  digest: string
  mediaType: string
  artifactType?: string
  size: number
  annotations: Record<string, string>
  /** ACTIVE, ARCHIVED, ACTIVATING; UNKNOWN when ECR sent none or something else. */
  status: string
}

export type SubjectListing =
  | { subject: ReferrerSubject; referrers: ListedReferrer[]; ignored: number }
  | { subject: ReferrerSubject; error: Error }

/** ListImageReferrers takes 1 to 50 results per page (20 when not given). */
export const PAGE_SIZE = 50
/** Pages followed per subject before giving up: 5,000 referrers is beyond any real image. */
export const MAX_PAGES = 100

const STATUSES = new Set(['ACTIVE', 'ARCHIVED', 'ACTIVATING'])
const MAX_ANNOTATIONS = 64

/** A referrer ECR sent, or undefined when a field is not what the API model says it is. */
export function checkReferrer(raw: unknown): ListedReferrer | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  const entry = raw as Record<string, unknown>
  const { digest, mediaType, artifactType, size, artifactStatus } = entry
  if (typeof digest !== 'string' || !DIGEST_PATTERN.test(digest)) return undefined
  if (typeof mediaType !== 'string' || !MEDIA_TYPE_PATTERN.test(mediaType)) return undefined
  if (artifactType !== undefined && artifactType !== null) {
    if (typeof artifactType !== 'string' || !MEDIA_TYPE_PATTERN.test(artifactType)) return undefined
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return undefined
  const status =
    typeof artifactStatus === 'string' && STATUSES.has(artifactStatus) ? artifactStatus : 'UNKNOWN'
  return {
    digest,
    mediaType,
    ...(typeof artifactType === 'string' ? { artifactType } : {}),
    size,
    annotations: checkAnnotations(entry.annotations),
    status
  }
}

/** String pairs only, at most 64 of them: annotations are free-form registry text. */
export function checkAnnotations(raw: unknown): Record<string, string> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {}
  const pairs = Object.entries(raw as Record<string, unknown>).filter(
    (pair): pair is [string, string] =>
      typeof pair[1] === 'string' && pair[0].length <= 256 && pair[1].length <= 4096
  )
  return Object.fromEntries(pairs.slice(0, MAX_ANNOTATIONS))
}

/** Every referrer of every subject, archived ones included, at most `concurrency` calls at once. */
export async function listReferrers(
  subjects: ReferrerSubject[],
  clientFor: (region: string) => ReferrersClient,
  options: FanOutOptions = {}
): Promise<SubjectListing[]> {
  return mapConcurrent(subjects, options.concurrency ?? DEFAULT_CONCURRENCY, async (subject) => {
    try {
      return { subject, ...(await listPages(subject, clientFor(subject.region), options.debug)) }
    } catch (error) {
      options.debug?.(`ListImageReferrers error (${subject.region}): ${String(error)}`)
      return { subject, error: asError(error) }
    }
  })
}

async function listPages(
  subject: ReferrerSubject,
  client: ReferrersClient,
  debug: ((message: string) => void) | undefined
): Promise<{ referrers: ListedReferrer[]; ignored: number }> {
  const referrers: ListedReferrer[] = []
  const tokens = new Set<string>()
  let ignored = 0
  let nextToken: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const input: ListImageReferrersCommandInput = {
      ...(subject.registryId ? { registryId: subject.registryId } : {}),
      repositoryName: subject.repositoryName,
      subjectId: { imageDigest: subject.digest },
      // ANY: archived referrers are shown as archived; only ACTIVE ones are ever counted.
      filter: { artifactStatus: 'ANY' },
      maxResults: PAGE_SIZE,
      ...(nextToken ? { nextToken } : {})
    }
    debug?.(`ListImageReferrers request (${subject.region}): ${JSON.stringify(input)}`)
    const output = await client.send(new ListImageReferrersCommand(input))
    const { $metadata, ...body } = output
    debug?.(
      `ListImageReferrers response (${subject.region}, request id ` +
        `${$metadata?.requestId ?? 'none'}): ${JSON.stringify(body)}`
    )
    for (const raw of Array.isArray(output.referrers) ? output.referrers : []) {
      const referrer = checkReferrer(raw)
      if (referrer) referrers.push(referrer)
      else ignored++
    }
    const token = output.nextToken
    if (typeof token !== 'string' || token === '') return { referrers, ignored }
    if (tokens.has(token)) throw new Error('ListImageReferrers returned the same nextToken twice')
    tokens.add(token)
    nextToken = token
  }
  throw new Error(`ListImageReferrers still had more pages after ${MAX_PAGES} pages`)
}

/** The cosign tag suffixes, and the tag cosign gives each: `sha256-<hex>.sig`. */
export const COSIGN_SUFFIXES = ['sig', 'att', 'sbom'] as const
export type CosignSuffix = (typeof COSIGN_SUFFIXES)[number]

export function cosignTag(digest: string, suffix: CosignSuffix): string {
  return `${digest.replace(':', '-')}.${suffix}`
}

/** The cosign tags of every subject, looked up in batched calls (100 ids a call, per repository). */
export async function lookUpCosignTags(
  subjects: ReferrerSubject[],
  context: LookupContext,
  suffixes: readonly CosignSuffix[] = COSIGN_SUFFIXES
): Promise<ImageResult[]> {
  const lookups: ImageLookup[] = subjects.flatMap((subject) =>
    suffixes.map((suffix) => {
      const tag = cosignTag(subject.digest, suffix)
      return { ...subject, key: tag, imageTag: tag }
    })
  )
  // cosign pushes OCI manifests; a narrowed accepted-media-types must not hide them.
  return lookUpImages(lookups, { ...context, acceptedMediaTypes: [...MANIFEST_MEDIA_TYPES] })
}
