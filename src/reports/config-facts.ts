// What the image config adds to the reports: the platform of a single image, the revision it was
// built from (linked to the commit when the source label is a GitHub repository), its version and
// its age; and the `labels` output. Loaded only with the config stage. Every value is registry
// text: validated before it becomes a link, escaped before it is shown.

import type { ConfigOutput } from '../insight/image-config.js'
import type { Verdict } from '../insight/verdict.js'
import { formatPlatform } from '../platform.js'
import { cell, code } from './format.js'
import { JsonOutput } from './json-output.js'
import { shownLabels } from './outputs.js'
import type { ReportRow } from './render.js'

export const REVISION_LABEL = 'org.opencontainers.image.revision'
export const SOURCE_LABEL = 'org.opencontainers.image.source'
export const VERSION_LABEL = 'org.opencontainers.image.version'

/** `https://github.com/owner/repo` (optionally `.git` or a trailing slash), nothing else. */
const GITHUB_REPOSITORY =
  /^https:\/\/github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/
/** A git commit id: SHA-1 or SHA-256, hex. */
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/

/** The revision, short, as a link to its commit when both labels are what they claim to be. */
export function revisionCell(labels: Readonly<Record<string, string>>): string | undefined {
  const revision = labels[REVISION_LABEL]
  if (!revision) return undefined
  const short = COMMIT.test(revision) ? revision.slice(0, 7) : revision
  const source = GITHUB_REPOSITORY.exec(labels[SOURCE_LABEL] ?? '')
  if (!source || !COMMIT.test(revision) || source[2] === '.' || source[2] === '..')
    return code(short, 100)
  return `[\`${short}\`](https://github.com/${source[1]}/${source[2]}/commit/${revision})`
}

const UNITS: [string, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000]
]

/** "built 3 days ago"; a date in the future is said as it is, never as an age. */
export function builtAgo(created: string, nowMs: number): string | undefined {
  const at = Date.parse(created)
  if (Number.isNaN(at)) return undefined
  const elapsed = nowMs - at
  if (elapsed < 0) return `built ${created} (in the future by this runner's clock)`
  for (const [unit, ms] of UNITS) {
    const n = Math.floor(elapsed / ms)
    if (n >= 1) return `built ${n} ${unit}${n === 1 ? '' : 's'} ago`
  }
  return 'built less than a minute ago'
}

function configFacts(config: ConfigOutput, nowMs: number): [string, string][] {
  const revision = revisionCell(config.labels)
  const version = config.labels[VERSION_LABEL]
  const age = config.created ? builtAgo(config.created, nowMs) : undefined
  const facts: [string, string | undefined][] = [
    ['Revision', revision],
    ['Version', version && cell(version, 100)],
    ['Age', age && config.created && `${cell(age)} (${code(config.created, 40)})`],
    ['User', config.user && cell(config.user, 100)]
  ]
  return facts.filter((fact): fact is [string, string] => Boolean(fact[1]))
}

/** Adds each config's facts to its row; a single image's platform, from its config, too. */
export function addConfigFacts(rows: ReportRow[], verdicts: Verdict[], nowMs: number): void {
  rows.forEach((row, index) => {
    const verdict = verdicts[index]
    // A multi-arch image has no config of its own: its revision and version are the labels
    // its platforms share.
    const config = verdict?.config ?? (verdict?.labels ? { labels: verdict.labels } : undefined)
    if (!config) return
    const { os, architecture, variant } = config
    if (row.manifest && !row.manifest.platforms && os && architecture)
      row.manifest = {
        ...row.manifest,
        platform: formatPlatform({ os, architecture, ...(variant ? { variant } : {}) })
      }
    row.configFacts = configFacts(config, nowMs)
  })
}

/** The `labels` output: each id as written → its labels, for the ids whose config was read. */
export function labelsOutput(verdicts: Verdict[]): JsonOutput {
  const labels: Record<string, Readonly<Record<string, string>>> = {}
  for (const verdict of verdicts)
    if (verdict.labels) labels[verdict.result.request.key] = shownLabels(verdict.labels).labels
  return JsonOutput.record(labels)
}
