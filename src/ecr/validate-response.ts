// What a BatchGetImage answer must look like before anything in it is used. Registry data is
// untrusted (a custom endpoint, an emulator, something between): outputs end up in `run:` shell
// steps and URIs, so a value that is not what ECR can return never gets that far.

import { isPlainObject } from '../json.js'
import { DIGEST_PATTERN, MEDIA_TYPE_PATTERN } from '../media-types.js'
import { visibleEscape } from '../text.js'
import {
  toImageId,
  type EcrFailure,
  type EcrImage,
  type ImageId,
  type ImageLookup
} from '../types.js'

/** The whole response is not BatchGetImage's shape: every id of that call fails with this. */
export class MalformedResponseError extends Error {
  override name = 'MalformedResponseError'
}

/** The per-id failure code of an image whose answer has a field ECR cannot have returned. */
export const INVALID_RESPONSE = 'InvalidResponse'

const REGISTRY_ID = /^[0-9]{12}$/
/** Docker's tag grammar with ECR's 300-character limit: what a tag nobody asked for must match. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,299}$/

/** The string fields of BatchGetImage's output shapes: Image, ImageFailure, ImageIdentifier. */
export const IMAGE_FIELDS = [
  'registryId',
  'repositoryName',
  'imageManifest',
  'imageManifestMediaType'
] as const
export const FAILURE_FIELDS = ['failureCode', 'failureReason'] as const
export const IMAGE_ID_FIELDS = ['imageTag', 'imageDigest'] as const

export function malformed(what: string): MalformedResponseError {
  return new MalformedResponseError(`ECR returned a malformed BatchGetImage response: ${what}`)
}

/** `images` and `failures` when the response has BatchGetImage's shape; throws otherwise. */
export function checkResponseShape(output: unknown): {
  images: EcrImage[]
  failures: EcrFailure[]
} {
  if (!isPlainObject(output)) throw malformed('the body is not an object')
  const images = listOf(output.images, 'images')
  const failures = listOf(output.failures, 'failures')
  images.forEach((image, index) => {
    if (!isPlainObject(image)) throw malformed(`images[${index}] is not an object`)
    checkStrings(image, IMAGE_FIELDS, `images[${index}]`)
    checkImageId(image.imageId, `images[${index}].imageId`)
  })
  failures.forEach((failure, index) => {
    if (!isPlainObject(failure)) throw malformed(`failures[${index}] is not an object`)
    checkStrings(failure, FAILURE_FIELDS, `failures[${index}]`)
    checkImageId(failure.imageId, `failures[${index}].imageId`)
  })
  return { images: images as EcrImage[], failures: failures as EcrFailure[] }
}

function listOf(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw malformed(`${field} is not a list`)
  return value
}

function checkImageId(value: unknown, at: string): void {
  if (value === undefined || value === null) return
  if (!isPlainObject(value)) throw malformed(`${at} is not an object`)
  checkStrings(value, IMAGE_ID_FIELDS, at)
}

function checkStrings(
  record: Record<string, unknown>,
  fields: readonly string[],
  at: string
): void {
  for (const field of fields) {
    const value = record[field]
    if (value !== undefined && value !== null && typeof value !== 'string')
      throw malformed(`${at}.${field} is not a string`)
  }
}

/**
 * A registry value made harmless to show anywhere (log, Markdown, a shell-quoted output): quoted,
 * clipped, and every character outside a small safe set written as a `\uXXXX` escape, so
 * `$(id)` or a newline cannot act even where nobody escapes it again.
 */
export function neutralise(value: string, max = 80): string {
  const clipped = value.length > max ? `${value.slice(0, max)}…` : value
  return `"${clipped.replace(/[^A-Za-z0-9 ._:/@+=…-]/gu, visibleEscape)}"`
}

/**
 * Why this image cannot be the answer to `request`, naming the field and its value; undefined
 * when every field is one ECR can return for it. `echoedTag` false: the answer was matched
 * without the tag's echo (an emulator that echoes another tag), so the tag is not judged.
 */
export function invalidImage(
  request: ImageLookup,
  image: EcrImage,
  echoedTag = true
): string | undefined {
  const problem = (field: string, value: string, expected: string): string =>
    `ECR's answer has ${field} ${neutralise(value)}, ${expected}; the answer is not used`
  const { registryId, repositoryName, imageManifestMediaType } = image
  const { imageDigest, imageTag } = image.imageId ?? {}
  if (imageDigest === undefined || imageDigest === null)
    return `ECR's answer has no imageId.imageDigest; the answer is not used`
  if (!DIGEST_PATTERN.test(imageDigest))
    return problem('imageId.imageDigest', imageDigest, 'not sha256: and 64 lower-case hex digits')
  // Without its manifest an image says nothing a gate could judge (platform, size, labels).
  if (image.imageManifest === undefined || image.imageManifest === null)
    return `ECR's answer has no imageManifest; the answer is not used`
  if (registryId !== undefined && registryId !== null && !REGISTRY_ID.test(registryId))
    return problem('registryId', registryId, 'not a 12-digit account id')
  if (
    repositoryName !== undefined &&
    repositoryName !== null &&
    repositoryName !== request.repositoryName
  )
    return problem(
      'repositoryName',
      repositoryName,
      `not the repository asked for (${request.repositoryName})`
    )
  if (echoedTag && imageTag !== undefined && imageTag !== null) {
    const tagProblem = checkEchoedTag(request, imageTag)
    if (tagProblem) return problem('imageId.imageTag', imageTag, tagProblem)
  }
  if (
    imageManifestMediaType !== undefined &&
    imageManifestMediaType !== null &&
    !MEDIA_TYPE_PATTERN.test(imageManifestMediaType)
  )
    return problem(
      'imageManifestMediaType',
      imageManifestMediaType,
      'not a media type (type/subtype)'
    )
  return undefined
}

function checkEchoedTag(request: ImageId, imageTag: string): string | undefined {
  if (request.imageTag !== undefined)
    return imageTag === request.imageTag ? undefined : `not the tag asked for (${request.imageTag})`
  return TAG.test(imageTag) ? undefined : 'not a tag ECR can hold'
}

/** ECR's failure codes are one CamelCase word (`ImageNotFound`, `KmsError`, ones not known yet). */
const FAILURE_CODE = /^[A-Za-z][A-Za-z0-9]{0,99}$/

/** A failure whose code is not a code (it keys the summary and the annotations) is not used. */
export function invalidFailure(failure: EcrFailure): string | undefined {
  const code = failure.failureCode
  if (code === undefined || code === null || FAILURE_CODE.test(code)) return undefined
  return `ECR's answer has failureCode ${neutralise(code)}, not a failure code; the answer is not used`
}

/** The per-id failure that replaces an answer failing `invalidImage`. */
export function invalidResponseFailure(request: ImageLookup, reason: string): EcrFailure {
  return { imageId: toImageId(request), failureCode: INVALID_RESPONSE, failureReason: reason }
}
