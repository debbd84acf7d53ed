// V8 doubles the young generation (up to 3 × 16 MiB on 64-bit) each time most of what it holds
// survives a scavenge, which is what reading 10,000 answers looks like: everything read is kept.
// The memory it grows into stays with the process, so a large run's peak RSS was mostly young
// generation (bench case 6: about 224 MiB, against about 160 MiB with growth off, and no
// slower). So a run this large keeps the young generation at the size start-up left it; small
// runs, and the start itself, are untouched (set before start, the same flag cost a 100-id run
// 15 ms). V8 reads `semi-space-growth-factor` each time it would grow the space, so a flag set
// after start takes effect; `runs.using: node24` gives no way to pass one on the command line.

/** Ids from which a run keeps its young generation small: ten full BatchGetImage calls. */
export const LARGE_RUN_IDS = 1000

export async function keepYoungGenerationSmall(
  ids: number,
  setFlags?: (flags: string) => void
): Promise<void> {
  if (ids < LARGE_RUN_IDS) return
  const set = setFlags ?? (await import('node:v8')).setFlagsFromString
  set('--semi-space-growth-factor=1')
}
