// The lookup as the pipeline uses it: plan the calls, send them, put the answers back on the ids
// as written; and, with wait-timeout, poll the missing ones until they appear.

import type { Clock } from '../clock.js'
import { annotationTitle, type ImageLookup, type ImageResult } from '../types.js'
import { fetchImages, planCalls, type BatchGetImageClient } from './calls.js'
import { matchResults, matchSoleAnswers, UnechoedTagError } from './results.js'
import { lookUpWithWait, type WaitOutcome } from './wait.js'

export interface LookupContext {
  acceptedMediaTypes: string[]
  clientFor: (region: string) => BatchGetImageClient
  /** Raw requests and responses, only when step debug logging is on. */
  debug?: (message: string) => void
}

/** Every id looked up once, answers in the ids' order. */
export async function lookUpImages(
  lookups: ImageLookup[],
  context: LookupContext
): Promise<ImageResult[]> {
  const options = context.debug ? { debug: context.debug } : {}
  const calls = planCalls(lookups, context.acceptedMediaTypes)
  const results = matchResults(lookups, await fetchImages(calls, context.clientFor, options))
  const unechoed = results.filter((result) => result.error instanceof UnechoedTagError)
  if (unechoed.length === 0) return results
  // Only an emulator gets here (ECR echoes the tag asked): one id per call cannot be mismatched.
  const again = unechoed.map((result) => result.request)
  const single = planCalls(again, context.acceptedMediaTypes).flatMap((call) =>
    call.imageIds.map((imageId) => ({ ...call, imageIds: [imageId] }))
  )
  context.debug?.(
    `${unechoed.length} by-tag id(s) came back without the tag asked for while other images ` +
      `came back unclaimed (a registry that does not echo the tag); asking them again one per ` +
      `call (${single.length} call(s)).`
  )
  const rematched = matchSoleAnswers(again, await fetchImages(single, context.clientFor, options))
  let next = 0
  return results.map((result) =>
    result.error instanceof UnechoedTagError ? rematched[next++]! : result
  )
}

/** What findImages found: the ids' answers, and those of the lookups that rode along. */
export type Found = WaitOutcome & { alongside: ImageResult[] }

export interface FindOptions {
  waitTimeoutMs: number
  waitIntervalMs: number
  clock: Clock
  signal?: AbortSignal
  /** One line per poll: how many are found, what is still awaited, and for how long. */
  progress: (line: string) => void
}

/**
 * Looks every id up, waiting for the missing ones when a wait timeout is set. `alongside` (the
 * baselines of compare-to) rides in the first round's calls, grouped with the ids of the same
 * repository, and is never waited on: its answers come back in `alongside`, in its order.
 */
export async function findImages(
  lookups: ImageLookup[],
  context: LookupContext,
  options: FindOptions,
  alongside: ImageLookup[] = []
): Promise<Found> {
  let extra = alongside
  let alongsideResults: ImageResult[] = []
  const lookUp = async (pending: ImageLookup[]): Promise<ImageResult[]> => {
    const results = await lookUpImages([...pending, ...extra], context)
    alongsideResults = extra.length > 0 ? results.slice(pending.length) : alongsideResults
    extra = []
    return results.slice(0, pending.length)
  }
  const outcome = await lookUpWithWait(lookups, lookUp, {
    timeoutMs: options.waitTimeoutMs,
    intervalMs: options.waitIntervalMs,
    clock: options.clock,
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: ({ found, total, pending, nextDelayMs }) =>
      options.progress(
        `${found}/${total} found, waiting ${(nextDelayMs / 1000).toFixed(1)}s for ` +
          `${pending.map(annotationTitle).join(', ')} …`
      )
  })
  return { ...outcome, alongside: alongsideResults }
}
