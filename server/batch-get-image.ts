// BatchGetImage with ECR's semantics: whole-call validation errors, per-id failure entries, the
// requested order kept, and by-tag media type conversion.
import type { EcrFailure, EcrImage, ImageId } from '../src/types.js'
import {
  isWellFormedDigest,
  isWellFormedTag,
  readImageId,
  registryIdOf,
  requireList,
  requireRepositoryName
} from './ecr-validation.js'
import { convertManifest } from './media-types.js'
import type { Registry, Repository, StoredImage } from './store.js'

export interface BatchGetImageOutput {
  images: EcrImage[]
  failures: EcrFailure[]
}

type Lookup = { image: StoredImage } | { failureCode: string; failureReason: string }

const NOT_FOUND: Lookup = {
  failureCode: 'ImageNotFound',
  failureReason: 'Requested image not found'
}

/** Finds the stored image an id names, or the per-id failure ECR reports for it. */
function lookUp(repository: Repository, id: ImageId): Lookup {
  const tag = id.imageTag || undefined
  const digest = id.imageDigest || undefined
  if (tag === undefined && digest === undefined) {
    return {
      failureCode: 'MissingDigestAndTag',
      failureReason: 'Invalid request parameters: both tag and digest cannot be null'
    }
  }
  if (digest !== undefined && !isWellFormedDigest(digest)) {
    return {
      failureCode: 'InvalidImageDigest',
      failureReason: `Invalid request parameters: image digest '${digest}' should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'`
    }
  }
  if (tag !== undefined && !isWellFormedTag(tag)) {
    return {
      failureCode: 'InvalidImageTag',
      failureReason:
        'Invalid request parameters: image tag should be 1 to 300 characters of [A-Za-z0-9_.-]'
    }
  }
  const taggedDigest = tag === undefined ? undefined : repository.tags.get(tag)
  const image = repository.images.get(digest ?? taggedDigest ?? '')
  if (!image || (tag !== undefined && taggedDigest === undefined)) return NOT_FOUND
  if (digest !== undefined && taggedDigest !== undefined && taggedDigest !== digest) {
    return {
      failureCode: 'ImageTagDoesNotMatchDigest',
      failureReason: 'Invalid request parameters: given tag does not map to the given digest'
    }
  }
  return { image }
}

/**
 * The manifest to return in an accepted media type: as stored, converted (by tag only, as ECR
 * converts), or null when the client accepts none the image can be served as.
 */
function servable(
  image: StoredImage,
  id: ImageId,
  acceptedMediaTypes: readonly string[] | undefined
): { manifest: string; mediaType: string } | null {
  const stored = { manifest: image.manifest, mediaType: image.mediaType }
  if (!acceptedMediaTypes || acceptedMediaTypes.includes(image.mediaType)) return stored
  if (id.imageDigest) return null
  return convertManifest(image.manifest, image.mediaType, acceptedMediaTypes)
}

export function batchGetImage(
  registry: Registry,
  body: Record<string, unknown>
): BatchGetImageOutput {
  const repositoryName = requireRepositoryName(body.repositoryName)
  const registryId = registryIdOf(body.registryId)
  const requested = requireList('imageIds', body.imageIds)
  const acceptedMediaTypes =
    body.acceptedMediaTypes === undefined
      ? undefined
      : requireList('acceptedMediaTypes', body.acceptedMediaTypes).map(String)
  const repository = registry.getRepository(repositoryName, registryId)

  const output: BatchGetImageOutput = { images: [], failures: [] }
  for (const raw of requested) {
    const id = readImageId(raw)
    const found = lookUp(repository, id)
    const served = 'image' in found ? servable(found.image, id, acceptedMediaTypes) : null
    if (!('image' in found) || !served) {
      output.failures.push({ imageId: id, ...('image' in found ? NOT_FOUND : found) })
      continue
    }
    output.images.push({
      registryId,
      repositoryName,
      // Asked by digest only, ECR echoes the digest only; asked by tag, the tag and the digest.
      imageId: !id.imageTag
        ? { imageDigest: found.image.digest }
        : { imageDigest: found.image.digest, imageTag: id.imageTag },
      imageManifest: served.manifest,
      imageManifestMediaType: served.mediaType
    })
  }
  return output
}
