// compare-to in the reports: the `changes` and `changed` outputs, and the "Changes against `prod`"
// section of the job summary and the PR comment. Loaded only when compare-to is set.

import type { BuildChange, ImageChange } from '../insight/compare.js'
import type { Verdict } from '../insight/verdict.js'
import { annotationTitle } from '../types.js'
import { JsonOutput } from './json-output.js'
import type { Outputs } from './outputs.js'
import { humanSize, sizeChange } from '../sizes.js'
import { cell, code, tableRow } from './format.js'
import { byteLength, fitting } from './fit.js'

/** One image id's change, with what names it in a report. */
export interface ChangeEntry {
  /** The id as written: the `changes` output's key. */
  id: string
  /** The repository and the id, as annotations name them. */
  name: string
  change: ImageChange
}

/** The entries of the ids that have a change, in input order. */
export function changeEntries(
  verdicts: Verdict[],
  changes: (ImageChange | undefined)[]
): ChangeEntry[] {
  return verdicts.flatMap((verdict, index) => {
    const change = changes[index]
    const { request } = verdict.result
    return change ? [{ id: request.key, name: annotationTitle(request), change }] : []
  })
}

const differs = (change: ImageChange): boolean => change.new === true || change.changed === true

/** Whether the report must say something was not compared: the baseline, or a size. */
const notCompared = (change: ImageChange): boolean =>
  change.problem !== undefined ||
  change.sizeProblem !== undefined ||
  Object.values(change.platforms ?? {}).some((child) => child.sizeProblem !== undefined)

/** `changes`: id as written → its change; `changed`: whether any image differs or is new. */
export function changeOutputs(entries: ChangeEntry[]): Outputs {
  return {
    changes: JsonOutput.record(Object.fromEntries(entries.map(({ id, change }) => [id, change]))),
    changed: String(entries.some(({ change }) => differs(change)))
  }
}

/** How much an image grew: its own delta, else its platforms' largest, else its size if new. */
function growth(change: ImageChange): number {
  const deltas = Object.values(change.platforms ?? {}).map(
    (child) => child.sizeDelta ?? (child.new ? child.size : undefined)
  )
  const own = change.sizeDelta ?? (change.new ? change.size : undefined)
  const known = [own, ...deltas].filter((delta): delta is number => delta !== undefined)
  return known.reduce((most, delta) => Math.max(most, delta), Number.NEGATIVE_INFINITY)
}

function sizeCells(change: Partial<BuildChange> & { new?: true }): [string, string] {
  if (change.size !== undefined && change.baselineSize !== undefined) {
    return [
      `${humanSize(change.baselineSize)} → ${humanSize(change.size)}`,
      sizeChange(change.size, change.baselineSize)
    ]
  }
  const size = change.size === undefined ? '—' : humanSize(change.size)
  if (change.sizeProblem !== undefined)
    return [size, `⚠️ not compared: ${cell(change.sizeProblem, 300)}`]
  return [size, change.new ? 'new' : '—']
}

function layersCell(change: Partial<BuildChange>): string {
  const { layersAdded: added, layersRemoved: removed, layersShared: shared } = change
  if (added === undefined) return '—'
  if (removed === undefined || shared === undefined) return `${added} added`
  return `${added} added, ${removed} removed, ${shared} shared`
}

function resultLabel(change: Partial<BuildChange> & { new?: true; problem?: string }): string {
  if (change.problem !== undefined) return `⚠️ not compared: ${cell(change.problem, 300)}`
  if (change.new) return '🆕 new'
  return change.changed ? '🔺 changed' : 'unchanged'
}

function platformsCell(change: ImageChange): string {
  const parts = [
    change.platformsAdded?.length ? `added ${change.platformsAdded.join(', ')}` : '',
    change.platformsRemoved?.length ? `removed ${change.platformsRemoved.join(', ')}` : ''
  ].filter(Boolean)
  return parts.length > 0 ? cell(parts.join('; '), 600) : '—'
}

/** At most this many platform rows per image: an index can list hundreds. */
const PLATFORMS_SHOWN = 20

/** One image's rows: the image, then each platform of a multi-arch image. */
function imageRows({ name, change }: ChangeEntry): string {
  const rows = [
    tableRow([
      cell(name),
      resultLabel(change),
      ...sizeCells(change),
      layersCell(change),
      platformsCell(change)
    ])
  ]
  const platforms = Object.entries(change.platforms ?? {})
  for (const [platform, child] of platforms.slice(0, PLATFORMS_SHOWN)) {
    rows.push(
      tableRow([
        `↳ ${cell(platform)}`,
        resultLabel(child),
        ...sizeCells(child),
        layersCell(child),
        ''
      ])
    )
  }
  if (platforms.length > PLATFORMS_SHOWN) {
    rows.push(
      tableRow([`↳ ${platforms.length - PLATFORMS_SHOWN} more platforms`, '', '', '', '', ''])
    )
  }
  return rows.join('')
}

const HEADERS = ['Image', 'Change', 'Size', 'Delta', 'Layers', 'Platforms']
/** How many unchanged images the folded line names before "and N more". */
const UNCHANGED_NAMED = 20

function unchangedLine(unchanged: ChangeEntry[]): string {
  if (unchanged.length === 0) return ''
  const names = unchanged.slice(0, UNCHANGED_NAMED).map(({ name }) => name)
  const more =
    unchanged.length > UNCHANGED_NAMED ? ` and ${unchanged.length - UNCHANGED_NAMED} more` : ''
  return `**Unchanged (${unchanged.length}):** ${cell(names.join(', '), 4000)}${more}.\n\n`
}

/**
 * The "Changes against `prod`" section, fitted into `budget` bytes: the images that differ,
 * biggest growth first, one line for the unchanged ones, and a note when rows had to be left out.
 * Nothing when not even its heading fits.
 */
export function renderChanges(entries: ChangeEntry[], label: string): (budget: number) => string {
  return (budget) => {
    if (entries.length === 0) return ''
    const differing = entries
      .filter(({ change }) => differs(change) || notCompared(change))
      .sort((a, b) => growth(b.change) - growth(a.change))
    const unchanged = entries.filter(({ change }) => !differs(change) && !notCompared(change))
    const head =
      `### Changes against ${code(label, 300)}\n\n` +
      (differing.length > 0 ? tableRow(HEADERS) + tableRow(HEADERS.map(() => '---')) : '')
    const fold = unchangedLine(unchanged)
    const note = (left: number) =>
      left > 0
        ? `> **${left} more changed images:** the \`changes\` output lists every image.\n\n`
        : ''
    const pieces = differing.map(imageRows)
    const frame = byteLength(head) + 1 + byteLength(fold) + byteLength(note(pieces.length))
    if (frame > budget) return ''
    const { count } = fitting(pieces, budget - frame)
    const table = pieces.length > 0 ? pieces.slice(0, count).join('') + '\n' : ''
    return head + table + note(pieces.length - count) + fold
  }
}

/** compare-to's outputs and report section. */
export function changeReport(
  verdicts: Verdict[],
  changes: (ImageChange | undefined)[],
  label: string
): { outputs: Outputs; section: (budget: number) => string } {
  const entries = changeEntries(verdicts, changes)
  return { outputs: changeOutputs(entries), section: renderChanges(entries, label) }
}
