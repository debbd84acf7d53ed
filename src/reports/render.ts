// Renders what the action found: the job summary and the sticky PR comment (the same Markdown body,
// two size budgets) and a short table for the log. Pure: a report in, a string out. All registry
// and user text goes through the escapers of ./markdown.js; the size budget holds on any input.

import type { ManifestInfo, PlatformManifest } from '../insight/manifest-types.js'
import { escapeHtml } from './escape.js'
import {
  cell,
  code,
  kindLabel,
  platformsLabel,
  safeUrl,
  shortDigest,
  table,
  tableRow
} from './format.js'
import { humanSize } from '../sizes.js'
import { byteLength, fitting, rendered } from './fit.js'
import { clip } from '../text.js'

export type RowResult = 'found' | 'missing' | 'failed' | 'exists'

/** One image id as the user wrote it, and what came of it. */
export interface ReportRow {
  repository: string
  /** The image id as written (`v1`, `sha256:…`, `imageTag=v1`). */
  id: string
  /** `exists` is a found image that `if-exists` flags (tag must not exist yet). */
  result: RowResult
  digest?: string
  mediaType?: string
  manifest?: ManifestInfo
  failureCode?: string
  failureReason?: string
  /** With the `platform` input: the platform asked for and the digest it resolved to. */
  platform?: string
  platformDigest?: string
  imageUri?: string
  /** Supply-chain badges and referrer details (reports/referrers.ts), already Markdown. */
  supplyChain?: { badges: string; details: string }
  configFacts?: [string, string][] // escaped, from the image config (config-facts.ts)
}

export interface Report {
  title: string
  rows: ReportRow[]
  /** Lines shown under the title (dry run, waited 40 s, …); escaped like any other text. */
  notes: string[]
  /** Link to the workflow run, offered when the comment had to leave images out. */
  runUrl?: string
  /** compare-to's section, rendered into the bytes it is given (after the failures). */
  changes?: (budget: number) => string
}

/** GitHub refuses a step summary above 1 MiB; characters stand in for bytes with room to spare. */
export const SUMMARY_LIMIT = 1_000_000
/** GitHub refuses a comment body above 65,536 characters; the rest is room for a marker line. */
export const COMMENT_LIMIT = 65_000

const RESULT_LABELS: Record<RowResult, string> = {
  found: '✅ found',
  exists: '⚠️ exists',
  missing: '❌ missing',
  failed: '❌ failed'
}

/** An image's compressed size; for an index, the size of the platform picked, when it is known. */
function sizeLabel(row: ReportRow): string {
  const manifest = row.manifest
  if (manifest?.size !== undefined) return humanSize(manifest.size)
  const picked = manifest?.platforms?.find((child) => child.digest === row.platformDigest)
  if (picked?.imageSize === undefined) return '—'
  return `${humanSize(picked.imageSize)} (${cell(picked.platform)})`
}

function imageRow(row: ReportRow, supplyChain: boolean): string {
  return tableRow([
    cell(row.repository),
    cell(row.id),
    RESULT_LABELS[row.result],
    row.digest ? code(shortDigest(row.digest)) : '—',
    kindLabel(row.manifest),
    cell(platformsLabel(row.manifest)),
    sizeLabel(row),
    ...(supplyChain ? [row.supplyChain?.badges ?? '—'] : [])
  ])
}

const IMAGE_HEADERS = ['Repository', 'Image', 'Result', 'Digest', 'Kind', 'Platforms', 'Size']

const hasFailure = (row: ReportRow): boolean => Boolean(row.failureCode || row.failureReason)

function failureRow(row: ReportRow): string {
  return tableRow([
    cell(row.repository),
    cell(row.id),
    row.failureCode ? code(row.failureCode, 100) : '—',
    row.failureReason ? cell(row.failureReason, 1000) : '—'
  ])
}

function platformRows(platforms: PlatformManifest[]): string[][] {
  return platforms.map((child) => [
    cell(child.platform + (child.osVersion ? ` (${child.osVersion})` : '')),
    code(child.digest),
    child.imageSize === undefined ? '—' : humanSize(child.imageSize),
    child.layerCount === undefined ? '—' : String(child.layerCount)
  ])
}

/** The field/value pairs of one image, leaving out what the manifest does not say. */
function facts(row: ReportRow, manifest: ManifestInfo): string[][] {
  const entries: [string, string | undefined][] = [
    ['Digest', row.digest && code(row.digest)],
    ['Image URI', row.imageUri && code(row.imageUri, 600)],
    [
      'Media type',
      (row.mediaType ?? manifest.mediaType) && code(row.mediaType ?? manifest.mediaType)
    ],
    ['Kind', kindLabel(manifest)],
    ['Artifact type', manifest.artifactType && code(manifest.artifactType)],
    ['Config', manifest.configDigest && code(manifest.configDigest)],
    ['Layers', manifest.layerCount?.toString()],
    ['Compressed size', manifest.size === undefined ? undefined : humanSize(manifest.size)],
    ['Platform', manifest.platform && cell(manifest.platform)],
    [
      row.platform ? `Digest for ${cell(row.platform, 100)}` : 'Platform digest',
      row.platformDigest && code(row.platformDigest)
    ],
    ['Problem', manifest.problem && cell(manifest.problem, 1000)]
  ]
  return entries.filter((entry): entry is [string, string] => Boolean(entry[1]))
}

/** At most this many annotations per image: they are free-form and can be numerous. */
const ANNOTATIONS_SHOWN = 20

function detailBlock(row: ReportRow, manifest: ManifestInfo): string {
  const parts = [
    `<details>\n<summary>${escapeHtml(clip(`${row.repository} ${row.id}`, 400))}</summary>\n\n`,
    table(['Field', 'Value'], [...facts(row, manifest), ...(row.configFacts ?? [])])
  ]
  if (manifest.platforms && manifest.platforms.length > 0) {
    parts.push(
      '\n' + table(['Platform', 'Digest', 'Image size', 'Layers'], platformRows(manifest.platforms))
    )
  }
  if (manifest.attestations && manifest.attestations.length > 0) {
    const attestations = manifest.attestations.map((attestation) => [
      code(attestation.digest),
      cell(attestation.referenceType, 100),
      attestation.referencePlatform
        ? cell(attestation.referencePlatform)
        : code(attestation.referenceDigest)
    ])
    parts.push('\n' + table(['Attestation', 'Type', 'Of'], attestations))
  }
  const annotations = Object.entries(manifest.annotations ?? {}).slice(0, ANNOTATIONS_SHOWN)
  if (annotations.length > 0) {
    const pairs = annotations.map(([key, value]) => [cell(key, 200), cell(value, 500)])
    parts.push('\n' + table(['Annotation', 'Value'], pairs))
  }
  if (row.supplyChain) parts.push('\n' + row.supplyChain.details)
  return parts.join('') + '\n</details>\n\n'
}

/** What was left out, by section. */
type Omissions = Record<'rows' | 'failures' | 'details', number>

function omissionNotes(omitted: Omissions, runUrl: string | undefined): string {
  const url = safeUrl(runUrl)
  const where = url
    ? `see [the job summary of this run](${url})`
    : 'the step outputs (`manifests`, `digests`, `missing`) list every image'
  const lines: string[] = []
  if (omitted.rows > 0) lines.push(`**${omitted.rows} more images:** ${where}.`)
  if (omitted.failures > 0) lines.push(`**${omitted.failures} more failures:** ${where}.`)
  if (omitted.details > 0) {
    lines.push(
      `**Details of ${omitted.details} images left out** to stay under GitHub's size limit: ${where}.`
    )
  }
  return lines.map((line) => `> ${line}\n`).join('') + (lines.length > 0 ? '\n' : '')
}

export interface RenderOptions {
  /** Most bytes (UTF-8, so characters too) the result may take; it stays strictly below. */
  limit?: number
}

/** A titled part of the body whose rows (table rows, detail blocks) can be left out from the end. */
interface Section<Row extends ReportRow = ReportRow> {
  head: string
  rows: Row[]
  render: (row: Row) => string
  tail: string
}

/** The leading rows of `section` that fit in `budget` bytes, framed; nothing when none fits. */
function fitSection<Row extends ReportRow>(
  section: Section<Row>,
  budget: number
): { text: string; kept: number } {
  const frame = byteLength(section.head) + byteLength(section.tail)
  const { count, kept } = fitting(rendered(section.rows, section.render), budget - frame)
  if (count === 0) return { text: '', kept: 0 }
  return { text: section.head + kept.join('') + section.tail, kept: count }
}

const NOTHING = { text: '', kept: 0 }

/**
 * The Markdown body of the job summary and of the PR comment: a table of every image id, the
 * failures with code and reason, then a collapsible `<details>` per image found. Kept under
 * `limit` by leaving out details first, then failures, then image rows, with a note saying so.
 */
export function renderMarkdown(report: Report, options: RenderOptions = {}): string {
  const limit = options.limit ?? SUMMARY_LIMIT
  const notes = report.notes.map((note) => `- ${cell(note.trim(), 1000)}\n`).join('')
  const head = `## ${cell(report.title, 200)}\n\n${notes}${notes ? '\n' : ''}`
  const supplyChain = report.rows.some((row) => row.supplyChain)
  const imageTable = table([...IMAGE_HEADERS, ...(supplyChain ? ['Supply chain'] : [])], [])
  const rows = report.rows
  const failures: Section = {
    head: `### Failures\n\n${table(['Repository', 'Image', 'Code', 'Reason'], [])}`,
    rows: rows.filter(hasFailure),
    render: failureRow,
    tail: '\n'
  }
  const details: Section<ReportRow & { manifest: ManifestInfo }> = {
    head: '### Details\n\n',
    rows: rows.filter((row): row is ReportRow & { manifest: ManifestInfo } => !!row.manifest),
    render: (row) => detailBlock(row, row.manifest),
    tail: ''
  }

  // Room for the longest notes there could be, so choosing what fits never has to start over.
  const worstNotes = omissionNotes(
    { rows: rows.length, failures: failures.rows.length, details: details.rows.length },
    report.runUrl
  )
  let budget = limit - 1 - byteLength(head + imageTable + '\n' + worstNotes)
  const keptRows = fitting(
    rendered(rows, (row) => imageRow(row, supplyChain)),
    budget
  )
  budget -= keptRows.used
  // A section gets room only once every piece of the sections before it fits.
  const shownFailures = keptRows.count === rows.length ? fitSection(failures, budget) : NOTHING
  budget -= byteLength(shownFailures.text)
  const allFailures = keptRows.count === rows.length && shownFailures.kept === failures.rows.length
  const changes = allFailures ? (report.changes?.(budget) ?? '') : ''
  budget -= byteLength(changes)
  const shownDetails = allFailures ? fitSection(details, budget) : NOTHING

  const omitted = {
    rows: rows.length - keptRows.count,
    failures: failures.rows.length - shownFailures.kept,
    details: details.rows.length - shownDetails.kept
  }
  const body = [
    head,
    imageTable,
    ...keptRows.kept,
    '\n',
    omissionNotes(omitted, report.runUrl),
    shownFailures.text,
    changes,
    shownDetails.text
  ]
    .join('')
    .replace(/\n+$/, '\n')
  return byteLength(body) < limit ? body : cutToLimit(body, limit)
}

/** Last resort when even the title, the notes and the header exceed the limit: whole lines only. */
function cutToLimit(text: string, limit: number): string {
  const marker = '\n_(cut to stay under the size limit)_\n'
  const lines = text.split(/(?<=\n)/)
  const { kept } = fitting(lines, limit - 1 - byteLength(marker))
  return kept.length > 0 ? kept.join('') + marker : ''
}
