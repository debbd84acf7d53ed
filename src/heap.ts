// Two changes to V8's memory habits for a large run, measured by bench case 6 (10,000 ids).
// V8 doubles the young generation (up to 3 × 16 MiB on 64-bit) each time most of what it holds
// survives a scavenge, which is what reading 10,000 answers looks like, and the memory it grows
// into stays with the process: peak RSS ~224 MiB, ~155 MiB with growth off, and no slower. With
// the young generation small, though, what 16 calls in flight hold at each scavenge (answers
// being read, the SDK's per-call objects) is promoted and dies in the old generation, which then
// grows until V8 compacts it: one full collection once the answers are in takes the peak from
// ~155 to ~139 MiB, in no wall time measured. Small runs, and start-up, are untouched (set
// before start, the growth flag alone cost a 100-id run 15 ms). V8 reads the growth factor each
// time it would grow the space, so a flag set after start takes effect; `runs.using: node24`
// gives no way to pass one on the command line.

/** Ids from which a run tunes its heap: ten full BatchGetImage calls. */
export const LARGE_RUN_IDS = 1000

export interface HeapTuning {
  /** Collects what the lookup left behind; nothing for a small run. */
  afterLookup(): void
}

/** What is needed of node:v8 and node:vm (tests pass their own). */
export interface HeapControls {
  setFlagsFromString(flags: string): void
  /** V8's gc() in a new context, where `--expose-gc` (set just before) puts it. */
  collector(): () => void
}

const untouched: HeapTuning = { afterLookup: () => undefined }

async function nodeControls(): Promise<HeapControls> {
  const [{ setFlagsFromString }, { runInNewContext }] = await Promise.all([
    import('node:v8'),
    import('node:vm')
  ])
  return {
    setFlagsFromString,
    collector: () => collectorOf(runInNewContext('typeof gc === "function" ? gc : undefined'))
  }
}

/** V8's gc() when the flag put it there; a node without the flag loses the collection, not the run. */
export function collectorOf(gc: unknown): () => void {
  return typeof gc === 'function' ? (gc as () => void) : () => undefined
}

export async function tuneHeap(ids: number, controls?: HeapControls): Promise<HeapTuning> {
  if (ids < LARGE_RUN_IDS) return untouched
  const v8 = controls ?? (await nodeControls())
  v8.setFlagsFromString('--semi-space-growth-factor=1')
  v8.setFlagsFromString('--expose-gc')
  const collect = v8.collector()
  return { afterLookup: () => collect() }
}
