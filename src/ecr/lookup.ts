// The lookup as the pipeline uses it: plan the calls, send them, put the answers back on the ids
// as written; and, with wait-timeout, poll the missing ones until they appear.

import type { Clock } from '../clock.js'
import { annotationTitle, type ImageLookup, type ImageResult } from '../types.js'
import { fetchImages, planCalls, type BatchGetImageClient } from './calls.js'
import { matchResults } from './results.js'
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
  const calls = planCalls(lookups, context.acceptedMediaTypes)
  const outcomes = await fetchImages(calls, context.clientFor, {
    ...(context.debug ? { debug: context.debug } : {})
  })
  return matchResults(lookups, outcomes)
}

export interface FindOptions {
  waitTimeoutMs: number
  waitIntervalMs: number
  clock: Clock
  signal?: AbortSignal
  /** One line per poll: how many are found, what is still awaited, and for how long. */
  progress: (line: string) => void
}

/** Looks every id up, waiting for the missing ones when a wait timeout is set. */
export async function findImages(
  lookups: ImageLookup[],
  context: LookupContext,
  options: FindOptions
): Promise<WaitOutcome> {
  return lookUpWithWait(lookups, (pending) => lookUpImages(pending, context), {
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
}
