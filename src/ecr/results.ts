// Puts ECR's answers back onto the requests as the user wrote them, in input order, each answer
// checked (validate-response.ts) before it is taken.

import { dedupeKey, requestKey, targetKey } from './calls.js'
import type {
  CallOutcome,
  EcrFailure,
  EcrImage,
  EcrImageId,
  ImageLookup,
  ImageResult
} from '../types.js'
import { invalidFailure, invalidImage, invalidResponseFailure } from './validate-response.js'

/** ImageNotFound: the one failure code that means "absent" rather than "the request is wrong". */
export const IMAGE_NOT_FOUND = 'ImageNotFound'

export function isNotFound(result: ImageResult): boolean {
  return result.failure?.failureCode === IMAGE_NOT_FOUND
}

/**
 * A by-tag id the call answered with neither an echo nor a failure, while images nobody claimed
 * came back: an emulator that echoes another tag (moto echoes the newest). Asked again alone,
 * the one image that comes back is its answer.
 */
export class UnechoedTagError extends Error {
  override name = 'UnechoedTagError'
}

const UNANSWERED = 'ECR answered the call but returned neither an image nor a failure for this id'

export function matchResults(requests: ImageLookup[], outcomes: CallOutcome[]): ImageResult[] {
  // Keyed as requestKey() keys an id, with each call's repository part computed once: this runs
  // for every id of a 10,000-id run.
  const outcomeById = new Map<string, CallOutcome>()
  for (const outcome of outcomes) {
    const target = targetKey(outcome.call)
    for (const id of outcome.call.imageIds) outcomeById.set(target + dedupeKey(id), outcome)
  }
  const claimed = new Set<EcrImage>()
  const indexes = new Map<CallOutcome, AnswerIndex>()
  const results = requests.map((request): ImageResult => {
    const asked = dedupeKey(request)
    const outcome = outcomeById.get(targetKey(request) + asked)
    if (!outcome)
      return { request, error: new Error('no BatchGetImage call covered this image id') }
    if ('error' in outcome) return { request, error: outcome.error }
    // Exact echoes first: a digest id and a tag id of the same image share a digest, and a
    // converted by-tag answer must not be taken for the by-digest id ECR reported as not found.
    const index = indexOf(outcome, indexes)
    const failure = index.failures.get(asked)
    if (failure) return checkedFailure(request, failure)
    const image = index.exact.get(asked) ?? index.answering.get(asked)
    if (!image) return { request, error: new Error(UNANSWERED) }
    claimed.add(image)
    return checked(request, image)
  })
  return results.map((result) => {
    if (result.error?.message !== UNANSWERED || result.request.imageTag === undefined) return result
    const outcome = outcomeById.get(requestKey(result.request))
    const unclaimed = outcome && 'images' in outcome && outcome.images.some((i) => !claimed.has(i))
    return unclaimed ? { ...result, error: new UnechoedTagError(UNANSWERED) } : result
  })
}

/**
 * Answers of calls that each asked one id: the one image that came back is that id's answer
 * whatever tag it echoes; its digest must still be the one asked, when one was.
 */
export function matchSoleAnswers(requests: ImageLookup[], outcomes: CallOutcome[]): ImageResult[] {
  const byId = new Map(
    outcomes.map((outcome) => [
      requestKey({ ...outcome.call, ...outcome.call.imageIds[0] }),
      outcome
    ])
  )
  return requests.map((request): ImageResult => {
    const outcome = byId.get(requestKey(request))
    if (!outcome)
      return { request, error: new Error('no BatchGetImage call covered this image id') }
    if ('error' in outcome) return { request, error: outcome.error }
    const [failure] = outcome.failures
    if (failure && outcome.images.length === 0) return checkedFailure(request, failure)
    const [image, ...more] = outcome.images
    const digest = image?.imageId?.imageDigest
    if (
      !image ||
      more.length > 0 ||
      failure ||
      (request.imageDigest && digest !== request.imageDigest)
    )
      return { request, error: new Error(UNANSWERED) }
    const problem = invalidImage(request, image, false)
    if (problem) return { request, failure: invalidResponseFailure(request, problem) }
    // The answer to the tag asked: recorded with that tag, as ECR echoes it.
    return {
      request,
      image: { ...image, imageId: { ...image.imageId, imageTag: request.imageTag } }
    }
  })
}

function checkedFailure(request: ImageLookup, failure: EcrFailure): ImageResult {
  const problem = invalidFailure(failure)
  return { request, failure: problem ? invalidResponseFailure(request, problem) : failure }
}

function checked(request: ImageLookup, image: EcrImage): ImageResult {
  const problem = invalidImage(request, image)
  return problem
    ? { request, failure: invalidResponseFailure(request, problem) }
    : { request, image }
}

/**
 * One call's answers by the id they answer, the first of each kept (as a linear search finds
 * it): 10,000 ids must not each search their call's 100 answers.
 */
interface AnswerIndex {
  /** Failures by the id they echo exactly. */
  failures: Map<string, EcrFailure>
  /** Images by the id they echo exactly. */
  exact: Map<string, EcrImage>
  /** Images by each id they answer: their tag, their digest, or both. */
  answering: Map<string, EcrImage>
}

function indexOf(
  outcome: { images: EcrImage[]; failures: EcrFailure[] },
  cache: Map<CallOutcome, AnswerIndex>
): AnswerIndex {
  const known = cache.get(outcome as CallOutcome)
  if (known) return known
  const index: AnswerIndex = { failures: new Map(), exact: new Map(), answering: new Map() }
  const keep = <T>(map: Map<string, T>, key: string, value: T) => {
    if (!map.has(key)) map.set(key, value)
  }
  for (const failure of outcome.failures) {
    keep(index.failures, dedupeKey(echoed(failure.imageId)), failure)
  }
  for (const image of outcome.images) {
    const id = echoed(image.imageId)
    const { imageTag, imageDigest } = id
    const both = dedupeKey(id)
    keep(index.exact, both, image)
    if (imageTag !== undefined) keep(index.answering, dedupeKey({ imageTag }), image)
    if (imageDigest !== undefined) keep(index.answering, dedupeKey({ imageDigest }), image)
    if (imageTag !== undefined && imageDigest !== undefined) keep(index.answering, both, image)
  }
  cache.set(outcome as CallOutcome, index)
  return index
}

/** An echoed id with ECR's `null`s as absent, so it keys like the id asked. */
function echoed(id: EcrImageId | undefined): { imageTag?: string; imageDigest?: string } {
  const result: { imageTag?: string; imageDigest?: string } = {}
  if (id?.imageTag !== undefined && id.imageTag !== null) result.imageTag = id.imageTag
  if (id?.imageDigest !== undefined && id.imageDigest !== null) result.imageDigest = id.imageDigest
  return result
}
