import { describe, expect, it } from '@jest/globals'
import { collectorOf, LARGE_RUN_IDS, tuneHeap, type HeapControls } from '../../src/heap.js'

function recording(): { controls: HeapControls; flags: string[]; collections: () => number } {
  const flags: string[] = []
  let collections = 0
  return {
    flags,
    collections: () => collections,
    controls: {
      setFlagsFromString: (flag) => void flags.push(flag),
      collector: () => () => void collections++
    }
  }
}

describe('tuneHeap', () => {
  it('leaves a run below LARGE_RUN_IDS ids alone: no flag, no collection', async () => {
    const { controls, flags, collections } = recording()
    const heap = await tuneHeap(LARGE_RUN_IDS - 1, controls)
    heap.afterLookup()
    expect(flags).toEqual([])
    expect(collections()).toBe(0)
  })

  it('from LARGE_RUN_IDS ids: young generation growth off, one collection after the lookup', async () => {
    const { controls, flags, collections } = recording()
    const heap = await tuneHeap(LARGE_RUN_IDS, controls)
    expect(flags).toEqual(['--semi-space-growth-factor=1', '--expose-gc'])
    expect(collections()).toBe(0)
    heap.afterLookup()
    expect(collections()).toBe(1)
  })

  it('a node whose V8 put no gc() there still runs: the collection is skipped', () => {
    let calls = 0
    expect(() => collectorOf(undefined)()).not.toThrow()
    collectorOf(() => calls++)()
    expect(calls).toBe(1)
  })
})
