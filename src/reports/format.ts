// Formatting shared by the Markdown reports and the log table: sizes, digests, labels, and the
// clipping and escaping every piece of registry text goes through.

import type { ManifestInfo } from '../insight/manifest-types.js'
import { clip } from '../text.js'
import { escapeCell } from './escape.js'

/** `sha256:abcdef123456`: the algorithm and the first 12 hex digits, as `docker images` shows them. */
export function shortDigest(digest: string): string {
  const match = /^([a-z0-9+._-]+):([a-f0-9]{12})[a-f0-9]*$/i.exec(digest)
  return match ? `${match[1]}:${match[2]}` : digest
}

export function kindLabel(manifest: ManifestInfo | undefined): string {
  switch (manifest?.kind) {
    case undefined:
      return '—'
    case 'image':
      return manifest.artifactType ? 'artifact' : 'image'
    case 'index':
      return 'multi-arch'
    case 'schema1':
      return 'schema 1'
    default:
      return 'unknown'
  }
}

/** At most this many platforms in a table cell; an index can list hundreds. */
const PLATFORMS_SHOWN = 12

export function platformsLabel(manifest: ManifestInfo | undefined): string {
  const names = manifest?.platforms?.map((child) => child.platform) ?? []
  if (names.length === 0) return manifest?.platform ?? '—'
  const rest = names.length - PLATFORMS_SHOWN
  return names.slice(0, PLATFORMS_SHOWN).join(', ') + (rest > 0 ? `, +${rest} more` : '')
}

/**
 * Digests, media types and image URIs in code style, which copies cleanly (no zero-width space
 * after the `@` of `repo@sha256:…`: GitHub links no mentions inside code). Text that could break
 * out of a code span is escaped as plain text instead.
 */
export function code(text: string | undefined, max = 300): string {
  if (!text) return '—'
  const clipped = clip(text, max)
  return /^[\w.:+/=@-]+$/.test(clipped) ? `\`${clipped}\`` : escapeCell(clipped)
}

export const cell = (text: string, max = 300): string => escapeCell(clip(text, max))

export const tableRow = (cells: string[]): string => `| ${cells.join(' | ')} |\n`

export function table(headers: string[], rows: string[][]): string {
  return tableRow(headers) + tableRow(headers.map(() => '---')) + rows.map(tableRow).join('')
}

/** Only http(s) links, with the characters that would end a Markdown link destination encoded. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined
    return parsed.href.replace(
      /[()<> ]/g,
      (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
    )
  } catch {
    return undefined
  }
}
