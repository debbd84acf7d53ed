import { textSlices } from '../../src/text.js'

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
