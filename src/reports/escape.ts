// Escaping of untrusted text (tags, repository names, failure reasons, manifest annotations) for
// the three places it is shown: Markdown table cells (job summary, PR comment), raw HTML such as a
// `<details>` summary line, and the runner log. Registry data must never render as a link, an
// image, markup, a heading, a mention that pings someone, or a workflow command.

import { visibleEscape } from '../text.js'

/** Invisible or layout-changing characters: C0/C1 controls, DEL, zero-width and bidi controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}

/**
 * Zero-width space, written as an entity so it stays visible in the source. GitHub links
 * `@user`, `@org/team` and `#123` in rendered text whatever the Markdown escaping (it matches text
 * nodes after rendering), but not once a zero-width space follows the `@` or `#`: the same
 * neutralisation Renovate applies to the release notes it posts in pull requests.
 */
const ZERO_WIDTH_SPACE = '&#8203;'

/**
 * Markdown punctuation that can start markup inside a table cell: emphasis, code, links and
 * images, strikethrough, the cell separator `|` (which GFM splits on even inside code spans), and
 * `$` (GitHub renders `$…$` as math). Backslash-escaped; any ASCII punctuation may be.
 */
const MARKDOWN_SPECIALS = new Set(['\\', '`', '*', '_', '[', ']', '(', ')', '~', '|', '!', '$'])

/** Characters that open a block (heading, list item) when they start a line. */
const BLOCK_STARTERS = new Set(['#', '-', '+'])

export type Context = 'markdown' | 'html'

/** Characters the escaper looks at; everything else passes through unchanged. */
const TOKEN = new RegExp(INVISIBLE.source + '|[&<>"\'@\\\\`*_[\\]()~|!$#\\-+=.:]', 'gu')

/**
 * True when `token` at `offset` would open a block at the start of a line: `# x`, `- x`, `---`,
 * and `1. x` (an ordered list needs at most nine digits, then a space or the end).
 */
function opensBlock(token: string, offset: number, text: string): boolean {
  if (offset === 0) return BLOCK_STARTERS.has(token)
  return (
    token === '.' &&
    offset <= 9 &&
    /^\d+$/.test(text.slice(0, offset)) &&
    /^(\s|$)/.test(text.slice(offset + 1, offset + 2))
  )
}

function escapeToken(token: string, offset: number, text: string, context: Context): string {
  if (token === '\n' || token === '\r' || token === '\t') return ' '
  if (INVISIBLE.test(token)) {
    return context === 'markdown' ? `\\${visibleEscape(token)}` : visibleEscape(token)
  }
  const entity = HTML_ENTITIES[token]
  if (entity) return entity
  const escaped =
    context === 'markdown' && (MARKDOWN_SPECIALS.has(token) || opensBlock(token, offset, text))
      ? `\\${token}`
      : token
  // `@user`, `#123`, `https://…` and `www.…` become mentions and links: a zero-width space stops them.
  const next = text.slice(offset + 1, offset + 3)
  if (token === '@' || (token === '#' && /^\d/.test(next)) || (token === ':' && next === '//')) {
    return `${escaped}${ZERO_WIDTH_SPACE}`
  }
  if (token === '.' && /www$/i.test(text.slice(Math.max(0, offset - 3), offset))) {
    return `${ZERO_WIDTH_SPACE}${escaped}`
  }
  return escaped
}

/**
 * Text none of whose characters the escaper would change, in either context: letters, digits,
 * `/`, space and comma, and `-`, `.` and `:` where they start nothing (a list item `- x` or
 * `1. x`, a link `https://`, `www.`). Repository names, tags and digests mostly are.
 */
const NEEDS_ESCAPING = /[^A-Za-z0-9/ ,.:-]|^-|^\d+\.|:\/\/|www\./i

/** Texts escaped per context kept: a 10,000-row summary repeats its repositories and tags. */
const MEMO_SIZE = 4096

/** Every token of `text` escaped for `context`: what the escapers return, without shortcuts. */
export function escapeTokens(text: string, context: Context): string {
  return text.replace(TOKEN, (token: string, offset: number, whole: string) =>
    escapeToken(token, offset, whole, context)
  )
}

function escapeIn(context: Context): (text: string) => string {
  const memo = new Map<string, string>()
  return (text) => {
    if (!NEEDS_ESCAPING.test(text)) return text
    let escaped = memo.get(text)
    if (escaped !== undefined) return escaped
    escaped = escapeTokens(text, context)
    if (memo.size >= MEMO_SIZE) memo.clear()
    memo.set(text, escaped)
    return escaped
  }
}

/**
 * Escapes untrusted text for Markdown: a table cell, a list item, a paragraph. The result renders
 * as the literal text on one line (newlines and tabs become spaces, other invisible characters
 * visible `\u0007` escapes), with no markup, links, mentions or HTML.
 */
export const escapeCell: (text: string) => string = escapeIn('markdown')

/**
 * Escapes untrusted text for raw HTML blocks, where Markdown is not parsed and backslashes would
 * show (the `<summary>` line of a `<details>` block): HTML-escaped, mentions neutralised.
 */
export const escapeHtml: (text: string) => string = escapeIn('html')

/**
 * Makes a string safe to print to the runner log. The runner takes a line as a workflow command
 * when it starts with `::` after leading whitespace (`::error::`, `::stop-commands::`), and, in
 * the legacy syntax, when `##[` appears anywhere in it. The result is one line: newlines and other
 * control characters become visible escapes (ANSI colour codes included), `::` at the start gets a
 * backslash, `##[` becomes `##\[`. `%` needs nothing: only command data is percent-decoded.
 */
export function sanitizeForLog(text: string): string {
  return text
    .replace(new RegExp(INVISIBLE.source, 'gu'), (char) => {
      if (char === '\n') return '\\n'
      if (char === '\r') return '\\r'
      if (char === '\t') return '\\t'
      return visibleEscape(char)
    })
    .replace(/^(\s*)::/u, '$1\\::')
    .replaceAll('##[', '##\\[')
}
