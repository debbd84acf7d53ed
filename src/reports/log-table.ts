// The short aligned table for the runner log.

import { formatCount } from '../insight/annotation-budget.js'
import { sanitizeForLog } from './escape.js'
import { clip } from '../text.js'
import { kindLabel, platformsLabel, shortDigest } from './format.js'
import type { ReportRow } from './render.js'

/** Widest a log cell may be; the log table is for a glance, the summary has the rest. */
const LOG_CELL_WIDTH = 60

/** Rows the log shows; 10,000 rows would bury the rest of the log (the summary has them all). */
export const LOG_ROWS = 100

/**
 * A short aligned table for the runner log; every cell sanitised so it cannot start a workflow
 * command. Past LOG_ROWS rows, one line counts the rows left out by result.
 */
export function renderLogTable(rows: readonly ReportRow[]): string {
  const table = alignedTable(rows.slice(0, LOG_ROWS))
  if (rows.length <= LOG_ROWS) return table
  const rest = rows.slice(LOG_ROWS)
  const tally = new Map<string, number>()
  for (const row of rest) tally.set(row.result, (tally.get(row.result) ?? 0) + 1)
  const parts = [...tally].map(([result, n]) => `${formatCount(n)} ${result}`).join(', ')
  return (
    `${table}\n… and ${formatCount(rest.length)} more rows (${parts}); ` +
    'the job summary and the results-file output have every id.'
  )
}

function alignedTable(rows: readonly ReportRow[]): string {
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
    lines.reduce((widest, cells) => Math.max(widest, [...cells[column]!].length), 0)
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
