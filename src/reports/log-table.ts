// The short aligned table for the runner log.

import { sanitizeForLog } from './escape.js'
import { clip, kindLabel, platformsLabel, shortDigest } from './format.js'
import type { ReportRow } from './render.js'

/** Widest a log cell may be; the log table is for a glance, the summary has the rest. */
const LOG_CELL_WIDTH = 60

/** A short aligned table for the runner log; every cell sanitised so it cannot start a workflow command. */
export function renderLogTable(rows: readonly ReportRow[]): string {
  const lines = [
    ['REPOSITORY', 'IMAGE', 'RESULT', 'DIGEST', 'KIND/PLATFORMS'],
    ...rows.map((row) => [
      row.repository,
      row.id,
      row.result,
      row.digest ? shortDigest(row.digest) : '-',
      [
        kindLabel(row.manifest),
        row.manifest?.platforms ? platformsLabel(row.manifest) : row.manifest?.platform
      ]
        .filter((part) => part && part !== '—')
        .join(' ') || '-'
    ])
  ].map((cells) => cells.map((text) => sanitizeForLog(clip(text, LOG_CELL_WIDTH))))
  const widths = lines[0]!.map((_, column) =>
    Math.max(...lines.map((cells) => [...cells[column]!].length))
  )
  return lines
    .map((cells) =>
      cells
        .map((text, column) => text + ' '.repeat(widths[column]! - [...text].length))
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}
