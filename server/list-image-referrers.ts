// ListImageReferrers with ECR's semantics: the manifests stored in the repository whose `subject`
// names the digest, their artifact type (`artifactType`, else the config media type), the
// artifactTypes and artifactStatus filters (ACTIVE when none is given), pages of maxResults
// (1 to 50, 20 by default) and an opaque nextToken bound to the query it came from.
import { createHash } from 'node:crypto'
import { EcrError, invalidParameter } from './ecr-errors.js'
import { isWellFormedDigest, registryIdOf, requireRepositoryName } from './ecr-validation.js'
import type { Registry, StoredImage } from './store.js'

const STATUS_FILTERS = ['ACTIVE', 'ARCHIVED', 'ACTIVATING', 'ANY']
const DEFAULT_MAX_RESULTS = 20
const MAX_RESULTS = 50

interface Descriptor {
  mediaType?: unknown
  digest?: unknown
}

/** The referrer a stored manifest is, when its `subject` names `digest`. */
function referrerOf(image: StoredImage, digest: string): Record<string, unknown> | undefined {
  const parsed = JSON.parse(image.manifest) as {
    subject?: Descriptor
    artifactType?: unknown
    config?: Descriptor
    annotations?: unknown
  }
  if (parsed.subject?.digest !== digest) return undefined
  const artifactType =
    typeof parsed.artifactType === 'string' ? parsed.artifactType : parsed.config?.mediaType
  return {
    digest: image.digest,
    mediaType: image.mediaType,
    ...(typeof artifactType === 'string' ? { artifactType } : {}),
    size: Buffer.byteLength(image.manifest, 'utf8'),
    ...(typeof parsed.annotations === 'object' && parsed.annotations !== null
      ? { annotations: parsed.annotations }
      : {}),
    artifactStatus: image.status
  }
}

function readFilter(value: unknown): { artifactTypes?: string[]; artifactStatus: string } {
  if (value === undefined || value === null) return { artifactStatus: 'ACTIVE' }
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidParameter('filter', 'Member must be a structure')
  const { artifactTypes, artifactStatus } = value as Record<string, unknown>
  const status = artifactStatus ?? 'ACTIVE'
  if (typeof status !== 'string' || !STATUS_FILTERS.includes(status))
    throw new EcrError(
      'ValidationException',
      `1 validation error detected: Value '${typeof status === 'string' ? status : JSON.stringify(status)}' at 'filter.artifactStatus' failed to satisfy constraint: Member must satisfy enum value set: [${STATUS_FILTERS.join(', ')}]`
    )
  if (artifactTypes === undefined || artifactTypes === null) return { artifactStatus: status }
  if (
    !Array.isArray(artifactTypes) ||
    artifactTypes.length < 1 ||
    artifactTypes.length > 100 ||
    artifactTypes.some((type) => typeof type !== 'string' || type.length < 1 || type.length > 255)
  )
    throw invalidParameter(
      'filter.artifactTypes',
      'Member must be a list of 1 to 100 strings of length 1 to 255'
    )
  return { artifactTypes: artifactTypes as string[], artifactStatus: status }
}

function readMaxResults(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_MAX_RESULTS
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RESULTS)
    throw invalidParameter('maxResults', `Member must have value between 1 and ${MAX_RESULTS}`)
  return value
}

/** A token names where the next page starts and which query it belongs to. */
function tokenFor(query: string, offset: number): string {
  const binding = createHash('sha256').update(query).digest('hex').slice(0, 16)
  return Buffer.from(JSON.stringify({ o: offset, q: binding })).toString('base64url')
}

function readToken(value: unknown, query: string): number {
  if (value === undefined || value === null) return 0
  if (typeof value === 'string') {
    try {
      const { o } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { o?: unknown }
      if (typeof o === 'number' && tokenFor(query, o) === value) return o
    } catch {
      // Reported below like any other token this server did not issue for this query.
    }
  }
  throw invalidParameter('nextToken', 'Invalid NextToken')
}

export function listImageReferrers(
  registry: Registry,
  body: Record<string, unknown>
): Record<string, unknown> {
  const repository = registry.getRepository(
    requireRepositoryName(body.repositoryName),
    registryIdOf(body.registryId)
  )
  const subject = body.subjectId as { imageDigest?: unknown } | undefined
  const digest = subject?.imageDigest
  if (typeof digest !== 'string') throw invalidParameter('subjectId', 'Member must not be null')
  if (!isWellFormedDigest(digest))
    throw invalidParameter('subjectId.imageDigest', 'Member must be a valid image digest')
  const filter = readFilter(body.filter)
  const maxResults = readMaxResults(body.maxResults)
  const query = JSON.stringify([repository.registryId, repository.repositoryName, digest, filter])
  const offset = readToken(body.nextToken, query)

  const matching = [...repository.images.values()]
    .sort((a, b) => a.pushedAt.getTime() - b.pushedAt.getTime() || a.digest.localeCompare(b.digest))
    .flatMap((image) => {
      const referrer = referrerOf(image, digest)
      return referrer ? [referrer] : []
    })
    .filter(
      (referrer) =>
        (filter.artifactStatus === 'ANY' || referrer.artifactStatus === filter.artifactStatus) &&
        (!filter.artifactTypes || filter.artifactTypes.includes(String(referrer.artifactType)))
    )
  const page = matching.slice(offset, offset + maxResults)
  const next = offset + maxResults
  return {
    referrers: page,
    ...(next < matching.length ? { nextToken: tokenFor(query, next) } : {})
  }
}
