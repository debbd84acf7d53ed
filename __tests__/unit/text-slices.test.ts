import { clip, shortQuotes, textSlices } from '../../src/text.js'

describe('textSlices', () => {
  it('cuts text into slices of at most the size, which join back to the text', () => {
    const slices = [...textSlices('abcdefghij', 4)]
    expect(slices).toEqual(['abcd', 'efgh', 'ij'])
  })

  it('never splits a surrogate pair, so each slice encodes to the same bytes as the whole', () => {
    const text = 'abc😀def😀'
    const slices = [...textSlices(text, 4)]
    expect(slices.join('')).toBe(text)
    expect(slices).toEqual(['abc', '😀de', 'f😀'])
    const bytes = Buffer.concat(slices.map((slice) => Buffer.from(slice, 'utf8')))
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true)
  })

  it('gives nothing for empty text', () => {
    expect([...textSlices('', 4)]).toEqual([])
  })
})

describe('clip', () => {
  it('keeps text up to the length, else cuts it with an ellipsis, counting code points', () => {
    expect(clip('abc', 3)).toBe('abc')
    expect(clip('abcd', 3)).toBe('ab…')
    expect(clip('😀😀😀', 3)).toBe('😀😀😀')
    expect(clip('😀😀😀😀', 3)).toBe('😀😀…')
  })

  it('looks at no more of a 50 MB line than it keeps', () => {
    const line = 'x'.repeat(50_000_000)
    expect(clip(line, 10)).toBe(`${'x'.repeat(9)}…`)
  })
})

describe('shortQuotes', () => {
  it('cuts every quoted value and makes invisible characters visible', () => {
    const secret = `"KEY=${'s'.repeat(100)}"`
    expect(shortQuotes(`a: ${secret} is bad; so is "x\u202ey".`, 10)).toBe(
      'a: "KEY=sssss…" is bad; so is "x\\u202ey".'
    )
  })

  it('neutralises what no quote holds, and leaves quote-free messages alone', () => {
    expect(shortQuotes('plain message')).toBe('plain message')
    expect(shortQuotes('bad \u200b here')).toBe('bad \\u200b here')
  })
})
