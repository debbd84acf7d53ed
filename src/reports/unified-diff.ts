// A unified diff (`diff -u` layout) of a file whose lines were edited in place: pinning replaces
// references within their lines and never adds or removes one, so line i before is line i after
// and no alignment search is needed. Bounded for the log: at most `maxLines` lines, each cut to
// `maxLineLength` around its change, with a count of what was left out. Pure.

const CONTEXT = 3

export interface DiffLimits {
  /** Lines of diff shown, the two file headers included. */
  maxLines: number
  /** Characters shown of one line (a one-line 4 MiB JSON file is still one line). */
  maxLineLength: number
}

export const DIFF_LIMITS: DiffLimits = { maxLines: 100, maxLineLength: 200 }

/** Characters kept before a change when a long line is cut: enough to see what is edited. */
const LEAD = 60

/** Lines without their ending (`\r\n` or `\n`); a final newline opens no extra line. */
function linesOf(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''))
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** Where to start showing a changed line: 0, or a little before its first difference. */
function windowStart(before: string, after: string, max: number): number {
  if (before.length <= max && after.length <= max) return 0
  let at = 0
  while (at < before.length && before.charCodeAt(at) === after.charCodeAt(at)) at++
  return at + LEAD < max ? 0 : at - LEAD
}

/** A UTF-16 offset moved back off the second half of a surrogate pair. */
function boundary(line: string, offset: number): number {
  const code = line.charCodeAt(offset)
  return offset > 0 && code >= 0xdc00 && code <= 0xdfff ? offset - 1 : offset
}

/** At most `max` characters of `line` from `start`, with what was cut off said. */
function cut(line: string, start: number, max: number): string {
  if (start === 0 && line.length <= max) return line
  const from = boundary(line, Math.min(start, line.length))
  const to = boundary(line, Math.min(from + max, line.length))
  const left = line.length - (to - from)
  const shown = `${from > 0 ? '…' : ''}${line.slice(from, to)}${to < line.length ? '…' : ''}`
  return left > 0 ? `${shown} [${left.toLocaleString('en-US')} more characters]` : shown
}

/**
 * `--- a/<path>` / `+++ b/<path>` and one hunk per run of changed lines (with 3 lines of
 * context, runs that close merged). `before` and `after` have the same number of lines.
 */
export function unifiedDiff(
  path: string,
  before: string,
  after: string,
  limits: DiffLimits = DIFF_LIMITS
): string {
  const old = linesOf(before)
  const now = linesOf(after)
  const hunks: { from: number; to: number }[] = []
  let changed = 0
  for (let index = 0; index < old.length; index++) {
    if (old[index] === now[index]) continue
    changed++
    const last = hunks.at(-1)
    const from = Math.max(0, index - CONTEXT)
    const to = Math.min(old.length, index + CONTEXT + 1)
    if (last && from <= last.to) last.to = to
    else hunks.push({ from, to })
  }
  if (changed === 0) return ''
  const { maxLines, maxLineLength: max } = limits
  const out = [`--- a/${path}`, `+++ b/${path}`]
  let shown = 0
  let full = false
  for (const { from, to } of hunks) {
    if (out.length + 3 > maxLines) break
    const span = `${from + 1},${to - from}`
    out.push(`@@ -${span} +${span} @@`)
    // Consecutive changed lines as diff prints them: all the removed lines, then the added ones.
    let removed: string[] = []
    let added: string[] = []
    const flush = () => {
      for (const line of removed) out.push(line)
      for (const line of added) out.push(line)
      removed = []
      added = []
    }
    for (let index = from; index < to && !full; index++) {
      const line = old[index] ?? ''
      const replaced = now[index] ?? ''
      const pending = out.length + removed.length + added.length
      if (line !== replaced) {
        if (pending + 2 > maxLines) full = true
        else {
          const start = windowStart(line, replaced, max)
          removed.push(`-${cut(line, start, max)}`)
          added.push(`+${cut(replaced, start, max)}`)
          shown++
        }
        continue
      }
      if (pending + 1 > maxLines) full = true
      else {
        flush()
        out.push(` ${cut(line, 0, max)}`)
      }
    }
    flush()
    if (full) break
  }
  const left = changed - shown
  if (left > 0) out.push(`… ${left.toLocaleString('en-US')} more changed line(s) not shown`)
  return out.join('\n')
}
