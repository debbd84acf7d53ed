// A unified diff (`diff -u` layout) of a file whose lines were edited in place: pinning replaces
// references within their lines and never adds or removes one, so line i before is line i after
// and no alignment search is needed. Pure.

const CONTEXT = 3

/** Lines without their ending (`\r\n` or `\n`); a final newline opens no extra line. */
function linesOf(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''))
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/**
 * `--- a/<path>` / `+++ b/<path>` and one hunk per run of changed lines (with 3 lines of
 * context, runs that close merged). `before` and `after` have the same number of lines.
 */
export function unifiedDiff(path: string, before: string, after: string): string {
  const old = linesOf(before)
  const now = linesOf(after)
  const changed = old.flatMap((line, index) => (line !== now[index] ? [index] : []))
  if (changed.length === 0) return ''
  const hunks: { from: number; to: number }[] = []
  for (const index of changed) {
    const last = hunks.at(-1)
    const from = Math.max(0, index - CONTEXT)
    const to = Math.min(old.length, index + CONTEXT + 1)
    if (last && from <= last.to) last.to = to
    else hunks.push({ from, to })
  }
  const out = [`--- a/${path}`, `+++ b/${path}`]
  for (const { from, to } of hunks) {
    const span = `${from + 1},${to - from}`
    out.push(`@@ -${span} +${span} @@`)
    // Consecutive changed lines as diff prints them: all the removed lines, then the added ones.
    let removed: string[] = []
    let added: string[] = []
    const flush = () => {
      out.push(...removed, ...added)
      removed = []
      added = []
    }
    for (let index = from; index < to; index++) {
      const line = old[index] ?? ''
      const replaced = now[index] ?? ''
      if (line !== replaced) {
        removed.push(`-${line}`)
        added.push(`+${replaced}`)
        continue
      }
      flush()
      out.push(` ${line}`)
    }
    flush()
  }
  return out.join('\n')
}
