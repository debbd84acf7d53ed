// Time, passed in so tests never wait for real, and the one backoff every retry loop uses.

export interface Clock {
  now(): number
  /** Resolves after `ms`, or early (without throwing) when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve()
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      signal?.addEventListener('abort', done, { once: true })
    })
}

export interface Backoff {
  /** The first delay. */
  initialMs: number
  /** Each delay is the previous one times this. */
  factor: number
  /** No delay is longer. */
  capMs: number
  /** ± this fraction at random, so parallel jobs do not poll in step; 0 for none. */
  jitter: number
}

/** The delay before retry `attempt` (0-based): initial × factor^attempt, jittered, capped. */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number): number {
  const base = Math.min(backoff.capMs, backoff.initialMs * backoff.factor ** attempt)
  const jittered = base * (1 - backoff.jitter + 2 * backoff.jitter * random())
  return Math.round(Math.min(backoff.capMs, jittered))
}
