// The `require-labels` gate: lines of `key=value` (the label must have exactly this value) or
// `key` (it must be present). Checked with every other input, before any call.

import { type Checked, failWith, ok, quote } from './checked.js'

export interface LabelRequirement {
  key: string
  /** Absent: the label only has to be present. */
  value?: string
}

/** Label keys as OCI and Docker write them: no blanks, no `=`; a reverse-DNS name in practice. */
const LABEL_KEY = /^[^\s=]{1,256}$/

export function parseRequireLabels(raw: string): Checked<LabelRequirement[]> {
  const problems: string[] = []
  const requirements = new Map<string, LabelRequirement>()
  for (const line of raw.split(/\r?\n/)) {
    const trimmed = line.trim()
    if (trimmed === '') continue
    const equals = trimmed.indexOf('=')
    const key = (equals < 0 ? trimmed : trimmed.slice(0, equals)).trim()
    const value = equals < 0 ? undefined : trimmed.slice(equals + 1).trim()
    if (!LABEL_KEY.test(key)) {
      problems.push(
        `require-labels: ${quote(trimmed)} does not start with a label key; write one per line, ` +
          '`key=value` (exact value) or `key` (must be present), e.g. ' +
          '`org.opencontainers.image.revision=${{ github.sha }}`.'
      )
      continue
    }
    const previous = requirements.get(key)
    if (previous && previous.value !== value) {
      problems.push(
        `require-labels: ${quote(key)} is required twice with different values ` +
          `(${quote(previous.value ?? '(present)')} and ${quote(value ?? '(present)')}); keep one line.`
      )
      continue
    }
    requirements.set(key, value === undefined ? { key } : { key, value })
  }
  return problems.length > 0 ? failWith(problems) : ok([...requirements.values()])
}
