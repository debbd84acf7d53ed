// The request constraints of ECR's API model that the server enforces, with ECR's messages.
import { invalidParameter } from './ecr-errors.js'
import type { ImageId } from '../src/types.js'

export const DEFAULT_REGISTRY_ID = '123456789012'

const REPOSITORY_NAME_PATTERN = '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*'
const REGISTRY_ID_PATTERN = '[0-9]{12}'
/** ECR's documented digest constraint; sha256 digests must also have all 64 hex digits. */
const DIGEST_PATTERN = /^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$/
/** Docker's tag grammar, with ECR's 300-character limit instead of Docker's 128. */
const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,299}$/

function matchesWhole(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(value)
}

export function requireRepositoryName(value: unknown): string {
  if (typeof value !== 'string') throw invalidParameter('repositoryName', 'Member must not be null')
  if (value.length < 2)
    throw invalidParameter('repositoryName', 'Member must have length greater than or equal to 2')
  if (value.length > 256)
    throw invalidParameter('repositoryName', 'Member must have length less than or equal to 256')
  if (!matchesWhole(REPOSITORY_NAME_PATTERN, value))
    throw invalidParameter(
      'repositoryName',
      `must satisfy regular expression '${REPOSITORY_NAME_PATTERN}'`
    )
  return value
}

/** The registry a request names, or the default account when it names none. */
export function registryIdOf(value: unknown): string {
  if (value === undefined || value === null) return DEFAULT_REGISTRY_ID
  if (typeof value !== 'string' || !matchesWhole(REGISTRY_ID_PATTERN, value))
    throw invalidParameter('registryId', `must satisfy regular expression '${REGISTRY_ID_PATTERN}'`)
  return value
}

/** A list field that must hold between 1 and 100 entries. */
export function requireList(field: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw invalidParameter(field, 'Member must not be null')
  if (value.length < 1)
    throw invalidParameter(field, 'Member must have length greater than or equal to 1')
  if (value.length > 100)
    throw invalidParameter(field, 'Member must have length less than or equal to 100')
  return value
}

/**
 * An image id as the request wrote it (failure entries echo it); fields that are not strings are
 * dropped. An empty string is kept here and counts as absent when the id is looked up.
 */
export function readImageId(value: unknown): ImageId {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >
  const id: ImageId = {}
  if (typeof record.imageDigest === 'string') id.imageDigest = record.imageDigest
  if (typeof record.imageTag === 'string') id.imageTag = record.imageTag
  return id
}

export function isWellFormedDigest(digest: string): boolean {
  if (!DIGEST_PATTERN.test(digest)) return false
  const [algorithm, hex = ''] = digest.split(':')
  return algorithm !== 'sha256' || hex.length === 64
}

export function isWellFormedTag(tag: string): boolean {
  return TAG_PATTERN.test(tag)
}
