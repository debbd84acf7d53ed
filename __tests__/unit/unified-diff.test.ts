// The pin diff in the log, bounded: at most so many lines per file, long lines cut around their
// change, a count of what was left out; and no call whose arguments grow with the file (80,000
// changed lines once overflowed the stack).
import { describe, expect, it } from '@jest/globals'
import { DIFF_LIMITS, unifiedDiff } from '../../src/reports/unified-diff.js'

const DIGEST = `sha256:${'a'.repeat(64)}`

describe('unifiedDiff, bounded', () => {
  it('80,000 changed lines: no stack overflow, the first lines shown, the rest counted', () => {
    const before = Array.from({ length: 80_000 }, (_, i) => `image: r/x:v${i}`).join('\n') + '\n'
    const after = before.replace(/:v(\d+)\n/g, `:v$1@${DIGEST}\n`)
    const diff = unifiedDiff('big.yaml', before, after)
    const lines = diff.split('\n')
    expect(lines.length).toBeLessThanOrEqual(DIFF_LIMITS.maxLines + 1)
    expect(lines.slice(0, 5)).toEqual([
      '--- a/big.yaml',
      '+++ b/big.yaml',
      '@@ -1,80000 +1,80000 @@',
      '-image: r/x:v0',
      '-image: r/x:v1'
    ])
    const shown = lines.filter((line) => line.startsWith('-image')).length
    expect(shown).toBe(lines.filter((line) => line.startsWith('+image')).length)
    expect(lines.at(-1)).toBe(
      `… ${(80_000 - shown).toLocaleString('en-US')} more changed line(s) not shown`
    )
  })

  it('a one-line 50 MB file: the line cut around its change, with what was cut said', () => {
    const head = `{"a":"${'x'.repeat(25_000_000)}","image":"r/x:v1`
    const tail = `","b":"${'y'.repeat(25_000_000)}"}`
    const diff = unifiedDiff('one.json', `${head}${tail}\n`, `${head}@${DIGEST}${tail}\n`)
    expect(diff.length).toBeLessThan(1_000)
    const [, , , removed, added] = diff.split('\n')
    expect(removed).toMatch(/^-…x+","image":"r\/x:v1","b":"y+… \[[\d,]+ more characters\]$/)
    expect(added).toContain(`"image":"r/x:v1@${DIGEST.slice(0, 20)}`)
    expect(added).toMatch(/^\+…x{43}","image":"r\/x:v1@/)
  })

  it('cuts context lines from their start, and never a character in two', () => {
    const emoji = '😀'.repeat(150)
    const diff = unifiedDiff('x', `${emoji}\nold\n`, `${emoji}\nnew\n`, {
      maxLines: 10,
      maxLineLength: 5
    })
    const context = diff.split('\n')[3]!
    expect(context).toBe(' 😀😀… [296 more characters]')
    expect(Buffer.from(context, 'utf8').toString('utf8')).toBe(context)
  })

  it('counts hunks left out when the lines run out', () => {
    const before = Array.from({ length: 100 }, (_, i) => `l${i}`).join('\n')
    const after = before
      .replace('l10\n', 'L10\n')
      .replace('l50\n', 'L50\n')
      .replace('l90\n', 'L90\n')
    const diff = unifiedDiff('x', before, after, { maxLines: 12, maxLineLength: 100 })
    expect(diff.split('\n')).toHaveLength(12)
    expect(diff).toContain('+L10')
    expect(diff).not.toContain('+L90')
    expect(diff.split('\n').at(-1)).toMatch(/^… [12] more changed line\(s\) not shown$/)
  })
})
