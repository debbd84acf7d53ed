// Waiting for images a parallel workflow is still pushing or replicating: poll only the ids still
// missing, back off with jitter, stop at the timeout, on any real failure, or when cancelled.

import { backoffDelay, type Clock } from '../clock.js'
import { isNotFound } from './results.js'
import type { ImageLookup, ImageResult } from '../types.js'

/** Delays grow by half each poll up to this cap, so a long wait does not hammer ECR. */
export const MAX_WAIT_INTERVAL_MS = 30_000
const BACKOFF_FACTOR = 1.5
const JITTER = 0.2

/** The delay before poll `attempt` (0-based): interval × 1.5^attempt, ±20% jitter, capped. */
export function nextDelay(attempt: number, intervalMs: number, random: () => number): number {
  const capMs = Math.max(intervalMs, MAX_WAIT_INTERVAL_MS)
  return backoffDelay(
    attempt,
    { initialMs: intervalMs, factor: BACKOFF_FACTOR, capMs, jitter: JITTER },
    random
  )
}

export interface WaitProgress {
  found: number
  total: number
  pending: ImageLookup[]
  nextDelayMs: number
}

export interface WaitOptions {
  timeoutMs: number
  intervalMs: number
  clock: Clock
  random?: () => number
  signal?: AbortSignal
  onProgress?: (progress: WaitProgress) => void
}

export interface WaitOutcome {
  results: ImageResult[]
  waitedMs: number
  cancelled: boolean
}

/**
 * Looks every request up, then, while some are only ImageNotFound and time is left, sleeps and
 * looks up just those again. Results keep the requests' order.
 */
export async function lookUpWithWait(
  requests: ImageLookup[],
  lookUp: (requests: ImageLookup[]) => Promise<ImageResult[]>,
  options: WaitOptions
): Promise<WaitOutcome> {
  const { clock, timeoutMs, intervalMs } = options
  const random = options.random ?? Math.random
  const results = await lookUp(requests)
  const start = clock.now()
  let cancelled = false
  for (let attempt = 0; timeoutMs > 0; attempt++) {
    const pending = results.flatMap((result, index) => (isNotFound(result) ? [index] : []))
    const hardFailure = results.some((result) => !result.image && !isNotFound(result))
    if (pending.length === 0 || hardFailure) break
    const remaining = timeoutMs - (clock.now() - start)
    if (remaining <= 0) break
    const delay = Math.min(nextDelay(attempt, intervalMs, random), remaining)
    options.onProgress?.({
      found: results.length - pending.length,
      total: results.length,
      pending: pending.map((index) => (results[index] as ImageResult).request),
      nextDelayMs: delay
    })
    await clock.sleep(delay, options.signal)
    if (options.signal?.aborted) {
      cancelled = true
      break
    }
    const fresh = await lookUp(pending.map((index) => (results[index] as ImageResult).request))
    pending.forEach((index, position) => {
      const result = fresh[position]
      if (result) results[index] = result
    })
  }
  return { results, waitedMs: timeoutMs > 0 ? clock.now() - start : 0, cancelled }
}
