import { describe, expect, it } from '@jest/globals'
import { escapeCell, escapeHtml, escapeTokens, sanitizeForLog } from '../../src/reports/escape.js'

const ZWSP = '&#8203;'

describe('escapeCell', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert\\(1\\)&lt;/script&gt;'],
    ['| col |', '\\| col \\|'],
    ['[link](http://x)', `\\[link\\]\\(http:${ZWSP}//x\\)`],
    ['![img](x.png)', '\\!\\[img\\]\\(x.png\\)'],
    ['@octocat', `@${ZWSP}octocat`],
    ['@org/team', `@${ZWSP}org/team`],
    ['ping @octocat now', `ping @${ZWSP}octocat now`],
    ['line one\nline two\r\n\tend', 'line one line two   end'],
    ['bell\u0007', 'bell\\\\u0007'],
    ['esc\u001b[31mred', 'esc\\\\u001b\\[31mred'],
    ['rtl\u202eoverride', 'rtl\\\\u202eoverride'],
    ['::error::pwned', '::error::pwned'],
    ['*bold* _it_ ~~del~~ `code`', '\\*bold\\* \\_it\\_ \\~\\~del\\~\\~ \\`code\\`'],
    ['back\\slash', 'back\\\\slash'],
    ['$x^2$', '\\$x^2\\$'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['12. item', '12\\. item'],
    ['v1.2.3-rc.1', 'v1.2.3-rc.1'],
    ['fixes #123', `fixes #${ZWSP}123`],
    ['www.example.com', `www${ZWSP}.example.com`],
    [`it's "quoted" & <b>`, 'it&#39;s &quot;quoted&quot; &amp; &lt;b&gt;'],
    ['team/api:v1', 'team/api:v1'],
    ['', '']
  ])('%j → %j', (input, expected) => {
    expect(escapeCell(input)).toBe(expected)
  })

  it('leaves no character that can start markup, a mention or a new row', () => {
    const hostile = '<img src=x onerror=alert(1)> | [a](javascript:x) @octocat\n| x |\u0000'
    const escaped = escapeCell(hostile)
    expect(escaped).not.toMatch(/[<>\n\r]/)
    expect(escaped).not.toContain('\u0000')
    expect(escaped).not.toMatch(/(^|[^\\])[|[\]()]/)
    expect(escaped).not.toMatch(/@(?!&#8203;)/)
  })
})

describe('escapeHtml (raw HTML blocks such as <summary>)', () => {
  it.each([
    ['<script>x</script>', '&lt;script&gt;x&lt;/script&gt;'],
    ['team/api_v1 *x*', 'team/api_v1 *x*'],
    ['@octocat', `@${ZWSP}octocat`],
    ['a\nb\u0007', 'a b\\u0007']
  ])('%j → %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected)
  })
})

/**
 * The runner's own test for a workflow command (actions/runner ActionCommand): `::name …::` after
 * leading whitespace (TryParseV2) or `##[name …]` anywhere in the line (the legacy TryParse).
 */
function runnerSeesCommand(line: string): boolean {
  const trimmed = line.trimStart()
  if (trimmed.startsWith('::') && trimmed.indexOf('::', 2) > 0) return true
  const legacy = line.indexOf('##[')
  return legacy >= 0 && line.indexOf(']', legacy) > 0
}

describe('sanitizeForLog', () => {
  it.each([
    ['::error::pwned', '\\::error::pwned'],
    ['  ::set-output name=x::y', '  \\::set-output name=x::y'],
    ['::stop-commands::token', '\\::stop-commands::token'],
    ['ok\n::error::pwned', 'ok\\n::error::pwned'],
    ['see ##[error]pwned', 'see ##\\[error]pwned'],
    ['a\r\nb\tc\u0007', 'a\\r\\nb\\tc\\u0007'],
    ['\u001b[31mred', '\\u001b[31mred'],
    ['100% done', '100% done'],
    ['tag::v1', 'tag::v1']
  ])('%j → %j', (input, expected) => {
    expect(sanitizeForLog(input)).toBe(expected)
  })

  it.each([
    '::error::pwned',
    '\t::add-mask::x',
    'x\n::set-env name=A::b',
    'x\r::warning::y',
    '\u00a0::notice::z',
    'a ##[add-mask]secret',
    '::stop-commands::abc\n::error::later'
  ])('makes %j one line the runner does not take as a command', (input) => {
    // The runner reads output line by line, and .NET's ReadLine ends a line at \r, \n or \r\n.
    expect(input.split(/\r\n|\r|\n/).some(runnerSeesCommand)).toBe(true)
    const output = sanitizeForLog(input)
    expect(output).not.toMatch(/[\r\n]/)
    expect(runnerSeesCommand(output)).toBe(false)
  })
})

describe('the escapers shortcuts (plain text returned as it is, texts remembered)', () => {
  // Seeded, so a failure can be replayed: random texts from the characters the shortcut lets
  // through and the ones that start something (`-`, `1.`, `://`, `www.`), plus every other token.
  let seed = 7
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
  const alphabet = [
    'a',
    'W',
    '7',
    '1',
    '/',
    ' ',
    ',',
    '.',
    ':',
    '-',
    'www',
    '//',
    '#',
    '@',
    '_',
    '\n'
  ]
  const texts = Array.from({ length: 5000 }, () =>
    Array.from({ length: 1 + random(12) }, () => alphabet[random(alphabet.length)]).join('')
  )

  it('change nothing: each escaper returns what escaping every token returns', () => {
    for (const text of [...texts, ...texts]) {
      expect(escapeCell(text)).toBe(escapeTokens(text, 'markdown'))
      expect(escapeHtml(text)).toBe(escapeTokens(text, 'html'))
    }
  })

  it.each(['- item', '1. item', 'see https://x', 'www.example.com', 'bench/scale-0:v1.0.0'])(
    '%j',
    (text) => {
      expect(escapeCell(text)).toBe(escapeTokens(text, 'markdown'))
    }
  )
})
