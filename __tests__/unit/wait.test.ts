import { describe, expect, it } from '@jest/globals'
import { lookUpWithWait, nextDelay, MAX_WAIT_INTERVAL_MS } from '../../src/ecr/wait.js'
import type { Clock } from '../../src/clock.js'
import type { ImageLookup, ImageResult } from '../../src/types.js'

/** A clock that advances only when slept on: no real time passes in these tests. */
function fakeClock(): Clock & { sleeps: number[] } {
  let now = 0
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
    }
  }
}

const requests: ImageLookup[] = ['a', 'b', 'c'].map((key) => ({
  key,
  region: 'us-east-1',
  repositoryName: 'team/api',
  imageTag: key
}))
const found = (request: ImageLookup): ImageResult => ({
  request,
  image: { imageId: { imageTag: request.imageTag } }
})
const notFound = (request: ImageLookup): ImageResult => ({
  request,
  failure: { failureCode: 'ImageNotFound' }
})

describe('nextDelay', () => {
  it('grows by half each poll, jitters ±20% and stops at the cap', () => {
    expect(nextDelay(0, 1000, () => 0.5)).toBe(1000)
    expect(nextDelay(1, 1000, () => 0.5)).toBe(1500)
    expect(nextDelay(2, 1000, () => 0)).toBe(1800)
    expect(nextDelay(2, 1000, () => 1)).toBe(2700)
    expect(nextDelay(50, 1000, () => 1)).toBe(MAX_WAIT_INTERVAL_MS)
    expect(nextDelay(3, 60_000, () => 1)).toBe(60_000)
  })
})

describe('lookUpWithWait', () => {
  it('does not wait when the timeout is 0', async () => {
    const clock = fakeClock()
    let polls = 0
    const outcome = await lookUpWithWait(
      requests,
      async (asked) => (polls++, asked.map(notFound)),
      {
        timeoutMs: 0,
        intervalMs: 1000,
        clock
      }
    )
    expect(polls).toBe(1)
    expect(outcome.waitedMs).toBe(0)
    expect(clock.sleeps).toEqual([])
  })

  it('asks only for the ids still missing and stops when all are found', async () => {
    const clock = fakeClock()
    const asked: string[][] = []
    const arrivals: Record<string, number> = { a: 0, b: 2000, c: 5000 }
    const progress: string[] = []
    const outcome = await lookUpWithWait(
      requests,
      async (batch) => {
        asked.push(batch.map((r) => r.key))
        return batch.map((r) =>
          clock.now() >= (arrivals[r.key] ?? Infinity) ? found(r) : notFound(r)
        )
      },
      {
        timeoutMs: 60_000,
        intervalMs: 1000,
        clock,
        random: () => 0.5,
        onProgress: (p) =>
          progress.push(`${p.found}/${p.total} ${p.pending.map((r) => r.key).join(',')}`)
      }
    )
    expect(asked).toEqual([['a', 'b', 'c'], ['b', 'c'], ['b', 'c'], ['c'], ['c']])
    expect(clock.sleeps).toEqual([1000, 1500, 2250, 3375])
    expect(progress[0]).toBe('1/3 b,c')
    expect(outcome.results.map((r) => (r.image ? 'found' : 'missing'))).toEqual([
      'found',
      'found',
      'found'
    ])
    expect(outcome.results.map((r) => r.request.key)).toEqual(['a', 'b', 'c'])
    expect(outcome.waitedMs).toBe(8125)
  })

  it('stops at the timeout with what is still missing, never sleeping past it', async () => {
    const clock = fakeClock()
    const outcome = await lookUpWithWait(requests, async (batch) => batch.map(notFound), {
      timeoutMs: 4000,
      intervalMs: 1000,
      clock,
      random: () => 0.5
    })
    expect(clock.sleeps).toEqual([1000, 1500, 1500])
    expect(outcome.waitedMs).toBe(4000)
    expect(outcome.results.every((r) => r.failure?.failureCode === 'ImageNotFound')).toBe(true)
  })

  it('stops at once on a failure that is not ImageNotFound', async () => {
    const clock = fakeClock()
    const outcome = await lookUpWithWait(
      requests,
      async (batch) =>
        batch.map((r) =>
          r.key === 'b' ? { request: r, failure: { failureCode: 'InvalidImageTag' } } : notFound(r)
        ),
      { timeoutMs: 60_000, intervalMs: 1000, clock }
    )
    expect(clock.sleeps).toEqual([])
    expect(outcome.results[1]?.failure?.failureCode).toBe('InvalidImageTag')
  })

  it('stops promptly when cancelled', async () => {
    const clock = fakeClock()
    const cancel = new AbortController()
    let polls = 0
    const outcome = await lookUpWithWait(
      requests,
      async (batch) => {
        if (++polls === 2) cancel.abort()
        return batch.map(notFound)
      },
      { timeoutMs: 600_000, intervalMs: 1000, clock, signal: cancel.signal }
    )
    expect(polls).toBe(2)
    expect(outcome.cancelled).toBe(true)
  })
})
