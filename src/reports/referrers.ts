// The supply-chain part of the reports: the `referrers` output, and per image a badge cell
// (signed, SBOM, attestations) and a table of its referrers for the details. main.ts imports this
// module only when `referrers` or `require-referrers` is set.

import type { ReferrerFacts, ReferrerRecord } from '../insight/referrer-types.js'
import type { Verdict } from '../insight/verdict.js'
import { humanSize } from '../sizes.js'
import { cell, code, shortDigest, table } from './format.js'
import { JsonOutput } from './json-output.js'
import type { Outputs } from './outputs.js'
import type { ReportRow } from './render.js'

/** `referrers`: image id as written → its referrers, for every image found. */
export function referrersOutputs(verdicts: Verdict[]): Outputs {
  const byId: Record<string, ReferrerRecord[]> = {}
  for (const verdict of verdicts) {
    if (verdict.referrers) byId[verdict.result.request.key] = verdict.referrers.records
  }
  return { referrers: JsonOutput.record(byId) }
}

const countOf = (facts: ReferrerFacts, kind: string): number => facts.counted[kind] ?? 0

/** `✅ signed · ➖ no SBOM · ✅ 2 attestations`: ACTIVE artifacts of the image's own digest. */
export function badges(facts: ReferrerFacts): string {
  const signatures = countOf(facts, 'signature')
  const sboms = countOf(facts, 'sbom')
  const attestations = countOf(facts, 'attestation')
  const parts = [
    signatures > 0 ? '✅ signed' : '➖ unsigned',
    sboms > 0 ? '✅ SBOM' : '➖ no SBOM',
    attestations > 0
      ? `✅ ${attestations} attestation${attestations === 1 ? '' : 's'}`
      : '➖ no attestations'
  ]
  if (facts.problems.length > 0) parts.push('⚠️ incomplete')
  return parts.join(' · ')
}

/** At most this many referrers per image in the details; the output lists them all. */
const RECORDS_SHOWN = 50

function details(facts: ReferrerFacts): string {
  if (facts.records.length === 0 && facts.problems.length === 0) return '_No referrers._\n'
  const rows = facts.records
    .slice(0, RECORDS_SHOWN)
    .map((record) => [
      record.kind,
      code(record.artifactType ?? undefined, 200),
      code(shortDigest(record.digest)),
      record.status === 'ACTIVE'
        ? 'active'
        : `${cell(record.status.toLowerCase(), 20)} (not counted)`,
      record.source === 'tag' ? 'cosign tag' : 'referrer',
      code(shortDigest(record.subject)),
      humanSize(record.size)
    ])
  const more = facts.records.length - RECORDS_SHOWN
  const lines = [
    ...(more > 0 ? [`_and ${more} more in the \`referrers\` output_`] : []),
    ...facts.problems.slice(0, 10).map((problem) => `⚠️ ${cell(problem, 500)}`)
  ]
  const headers = ['Referrer', 'Artifact type', 'Digest', 'Status', 'Source', 'Of', 'Size']
  return (rows.length > 0 ? table(headers, rows) : '') + lines.map((line) => `\n${line}\n`).join('')
}

/** The rows, each found image with its supply-chain cell and details. */
export function withSupplyChain(rows: ReportRow[], verdicts: Verdict[]): ReportRow[] {
  return rows.map((row, index) => {
    const facts = verdicts[index]?.referrers
    return facts ? { ...row, supplyChain: { badges: badges(facts), details: details(facts) } } : row
  })
}
