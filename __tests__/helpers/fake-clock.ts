// A clock that moves only when the code under test sleeps: every wait (the poll of wait-timeout,
// a download's backoff, the comment's retries) returns at once with the time moved on, so a test
// of a 30 s wait takes milliseconds and its timings are exact. Events scheduled `at` a moment run
// when a sleep reaches it: an image pushed 2 s into a wait is pushed as the clock passes 2 s.
import type { Clock } from '../../src/clock.js'

export class FakeClock implements Clock {
  #now: number
  readonly #start: number
  readonly #events: { at: number; run: () => void }[] = []
  /** Every sleep asked for, in milliseconds, in order (one cut short by its signal included). */
  readonly sleeps: number[] = []

  /** Starts at `start` (epoch milliseconds; by default the real time, for "built 3 days ago"). */
  constructor(start = Date.now()) {
    this.#start = start
    this.#now = start
  }

  now(): number {
    return this.#now
  }

  /** Milliseconds since the clock started. */
  elapsed(): number {
    return this.#now - this.#start
  }

  /** Runs `run` when the clock reaches `ms` after its start (at once if it already has). */
  at(ms: number, run: () => void): void {
    this.#events.push({ at: this.#start + ms, run })
    this.#events.sort((a, b) => a.at - b.at)
    this.#fireDue()
  }

  /**
   * Moves the time on by `ms`, running the events it passes in order, and returns on the next turn
   * of the event loop. As a real sleep, it ends early when its signal aborts: at once if it
   * already has, else at the moment of the event that aborts it.
   */
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms)
    if (!signal?.aborted) this.#advanceTo(this.#now + ms, signal)
    // Another turn of the event loop, as a timer would give: sockets and other work go on.
    await new Promise<void>((resolve) => setImmediate(resolve))
  }

  #advanceTo(end: number, signal?: AbortSignal): void {
    for (let next = this.#events[0]; next && next.at <= end; next = this.#events[0]) {
      this.#events.shift()
      this.#now = Math.max(this.#now, next.at)
      next.run()
      if (signal?.aborted) return
    }
    this.#now = end
  }

  #fireDue(): void {
    this.#advanceTo(this.#now)
  }
}
