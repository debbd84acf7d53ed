// Notation's trusted identities: `x509.subject: C=US, ST=WA, O=Acme, CN=release`, parsed as the
// Notary Project's trust-policy specification ("Trusted Identities Constraints") and notation-go
// (internal/pkix) do: RFC 4514 RDNs separated by `,` (or `;`), `\` escapes (`\,` `\;` `\\` `\+`
// `\"` `\<` `\>` `\=` `\#`, a leading or trailing `\ `, and `\hh` hex pairs); one attribute per RDN
// (no `+`); no hex-encoded `=#` values; each attribute type at most once (`S` is `ST`); and C, ST
// and O present. A certificate matches when every attribute of the identity has the same value in
// the certificate's subject (a subset match). Attribute types are compared in upper case.

import { type Checked, fail, ok, quote } from './checked.js'

/** Attribute type (upper case) → value. */
export type DistinguishedName = ReadonlyMap<string, string>

const MANDATORY = ['C', 'ST', 'O'] as const
const ESCAPABLE = new Set([',', ';', '\\', '+', '"', '<', '>', '=', '#', ' '])
const TYPE_PATTERN = /^(?:[A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\.[0-9]+)+)$/

interface Attribute {
  type: string
  value: string
}

/** Splits on unescaped separators, keeping escapes for the value pass. */
function splitUnescaped(text: string, separators: string): string[] | string {
  const parts: string[] = []
  let current = ''
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!
    if (char === '\\') {
      if (index + 1 >= text.length) return 'ends with a lone backslash'
      current += char + text[index + 1]!
      index++
    } else if (separators.includes(char)) {
      parts.push(current)
      current = ''
    } else current += char
  }
  parts.push(current)
  return parts
}

/** The value with its escapes resolved and its unescaped outer spaces trimmed. */
function unescapeValue(raw: string): string | { problem: string } {
  const bytes: number[] = []
  let lastSignificant = 0
  let started = false
  for (let index = 0; index < raw.length; index++) {
    const char = raw[index]!
    if (char === '\\') {
      const next = raw[index + 1] ?? ''
      const pair = raw.slice(index + 1, index + 3)
      if (/^[0-9A-Fa-f]{2}$/.test(pair)) {
        bytes.push(parseInt(pair, 16))
        index += 2
      } else if (ESCAPABLE.has(next)) {
        bytes.push(...Buffer.from(next, 'utf8'))
        index++
      } else return { problem: `has an unknown escape \\${next}` }
      started = true
      lastSignificant = bytes.length
      continue
    }
    if (!started && char === ' ') continue
    started = true
    bytes.push(...Buffer.from(char, 'utf8'))
    if (char !== ' ') lastSignificant = bytes.length
  }
  return Buffer.from(bytes.slice(0, lastSignificant)).toString('utf8')
}

function parseAttributes(text: string): Attribute[] | string {
  if (text.includes('=#')) return 'holds "=#": hex-encoded values are not supported, as in Notation'
  const rdns = splitUnescaped(text, ',;')
  if (typeof rdns === 'string') return rdns
  const attributes: Attribute[] = []
  for (const rdn of rdns) {
    const multi = splitUnescaped(rdn, '+')
    if (typeof multi === 'string') return multi
    if (multi.length > 1)
      return `has a multi-valued RDN (${quote(rdn.trim())}), which Notation does not support`
    const equals = rdn.indexOf('=')
    if (equals < 0) return `has ${quote(rdn.trim())}, which is not TYPE=value`
    const type = rdn.slice(0, equals).trim()
    if (!TYPE_PATTERN.test(type)) return `has ${quote(type)}, which is not an attribute type`
    const value = unescapeValue(rdn.slice(equals + 1))
    if (typeof value !== 'string') return `${quote(rdn.trim())} ${value.problem}`
    attributes.push({ type: type.toUpperCase() === 'S' ? 'ST' : type.toUpperCase(), value })
  }
  return attributes
}

/** A DN as Notation takes one in `x509.subject:`; or why it is not one. */
export function parseDistinguishedName(text: string): Checked<DistinguishedName> {
  const attributes = parseAttributes(text.trim())
  if (typeof attributes === 'string') return fail(attributes)
  const dn = new Map<string, string>()
  for (const { type, value } of attributes) {
    if (dn.has(type)) return fail(`names ${type} twice; each attribute may appear once`)
    dn.set(type, value)
  }
  const missing = MANDATORY.filter((type) => !dn.get(type))
  if (missing.length > 0)
    return fail(`has no ${missing.join(', ')}; Notation requires C, ST (or S) and O at least`)
  return ok(dn)
}

/** Every attribute of `identity` has the same value in `subject`. */
export function isSubsetDn(identity: DistinguishedName, subject: DistinguishedName): boolean {
  for (const [type, value] of identity) if (subject.get(type) !== value) return false
  return true
}

/** `C=US, ST=WA, O=Acme`: how messages show a parsed DN. */
export function formatDn(dn: DistinguishedName): string {
  return [...dn].map(([type, value]) => `${type}=${value}`).join(', ')
}
