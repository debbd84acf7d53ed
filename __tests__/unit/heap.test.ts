import { describe, expect, it } from '@jest/globals'
import { keepYoungGenerationSmall, LARGE_RUN_IDS } from '../../src/heap.js'

describe('keepYoungGenerationSmall', () => {
  it('sets no flag for a run below LARGE_RUN_IDS ids', async () => {
    const set: string[] = []
    await keepYoungGenerationSmall(LARGE_RUN_IDS - 1, (flags) => set.push(flags))
    expect(set).toEqual([])
  })

  it('turns young generation growth off from LARGE_RUN_IDS ids', async () => {
    const set: string[] = []
    await keepYoungGenerationSmall(LARGE_RUN_IDS, (flags) => set.push(flags))
    expect(set).toEqual(['--semi-space-growth-factor=1'])
  })
})
