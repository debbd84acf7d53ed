// Puts ECR's answers back onto the requests as the user wrote them, in input order.

import { requestKey } from './calls.js'
import type { CallOutcome, EcrImageId, ImageId, ImageLookup, ImageResult } from '../types.js'

/** ImageNotFound: the one failure code that means "absent" rather than "the request is wrong". */
export const IMAGE_NOT_FOUND = 'ImageNotFound'

export function isNotFound(result: ImageResult): boolean {
  return result.failure?.failureCode === IMAGE_NOT_FOUND
}

export function matchResults(requests: ImageLookup[], outcomes: CallOutcome[]): ImageResult[] {
  const outcomeById = new Map<string, CallOutcome>()
  for (const outcome of outcomes) {
    for (const id of outcome.call.imageIds) {
      outcomeById.set(requestKey({ ...outcome.call, ...id }), outcome)
    }
  }
  return requests.map((request) => {
    const outcome = outcomeById.get(requestKey(request))
    if (!outcome)
      return { request, error: new Error('no BatchGetImage call covered this image id') }
    if ('error' in outcome) return { request, error: outcome.error }
    // Exact echoes first: a digest id and a tag id of the same image share a digest, and a
    // converted by-tag answer must not be taken for the by-digest id ECR reported as not found.
    const failure = outcome.failures.find((candidate) => sameId(request, candidate.imageId))
    if (failure) return { request, failure }
    const image =
      outcome.images.find((candidate) => sameId(request, candidate.imageId)) ??
      outcome.images.find((candidate) => answers(request, candidate.imageId))
    if (image) return { request, image }
    return {
      request,
      error: new Error(
        'ECR answered the call but returned neither an image nor a failure for this id'
      )
    }
  })
}

/** An image answers a request when it carries what was asked: the tag, the digest, or both. */
function answers(request: ImageId, returned: EcrImageId | undefined): boolean {
  if (!returned) return false
  if (request.imageTag !== undefined && returned.imageTag !== request.imageTag) return false
  if (request.imageDigest !== undefined && returned.imageDigest !== request.imageDigest)
    return false
  return request.imageTag !== undefined || request.imageDigest !== undefined
}

/** A failure echoes the id exactly as it was requested. */
function sameId(request: ImageId, returned: EcrImageId | undefined): boolean {
  return (
    (returned?.imageTag ?? undefined) === request.imageTag &&
    (returned?.imageDigest ?? undefined) === request.imageDigest
  )
}
