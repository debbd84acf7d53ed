// `compare-to` and `max-size-increase`: the baseline every image is compared with (the same
// repository at a tag or a digest) and how much an image may grow against it.

import type { ImageId } from '../types.js'
import { type Checked, fail, failWith, ok, quote, take } from './checked.js'
import { checkDigest, checkTag } from './image-ids.js'

/** How much growth the gate allows: a share of the baseline's size, or a number of bytes. */
export type SizeLimit = { percent: number; text: string } | { bytes: number; text: string }

export interface CompareSettings {
  /** The baseline's id in each image's repository: a tag or a digest. */
  baseline: ImageId
  /** `compare-to` as written: what the reports and the `changes` output name. */
  label: string
  maxSizeIncrease?: SizeLimit
}

const BYTES_PER_UNIT: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3
}
const SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i
const PERCENT_PATTERN = /^(\d+(?:\.\d+)?)\s*%$/
const SIZE_FORMS = 'a percentage (10%) or a size (500kB, 50MB, 50MiB, 1GB)'

/** `10%`, `50MB`, `50MiB`, `500kB`; units in any letter case, a bare number is bytes. */
export function parseSizeLimit(text: string, label = 'max-size-increase'): Checked<SizeLimit> {
  const value = text.trim()
  const said = `${label}: ${quote(text)}`
  const percent = PERCENT_PATTERN.exec(value)
  if (percent) return ok({ percent: Number(percent[1]), text: value })
  const size = SIZE_PATTERN.exec(value)
  if (!size) return fail(`${said} is not ${SIZE_FORMS}.`)
  const unit = BYTES_PER_UNIT[(size[2] ?? '').toLowerCase() || 'b']
  if (unit === undefined) {
    return fail(`${said} has the unknown unit ${quote(size[2] ?? '')}; write ${SIZE_FORMS}.`)
  }
  return ok({ bytes: Math.round(Number(size[1]) * unit), text: value })
}

/** A digest when it starts like one (`sha256:`), else a tag: both checked as image-ids are. */
function parseBaseline(text: string): Checked<ImageId> {
  if (/^sha\d*:/i.test(text)) {
    const digest = checkDigest(text, 'compare-to')
    return digest.ok ? ok({ imageDigest: digest.value }) : digest
  }
  const tag = checkTag(text, 'compare-to')
  return tag.ok ? ok({ imageTag: tag.value }) : tag
}

/** Both inputs together; undefined when neither is set. A gate without a baseline is a problem. */
export function parseCompareInputs(
  compareTo: string,
  maxSizeIncrease: string
): Checked<CompareSettings | undefined> {
  const problems: string[] = []
  const baseline = compareTo === '' ? undefined : take(parseBaseline(compareTo), problems)
  const limit = maxSizeIncrease === '' ? undefined : take(parseSizeLimit(maxSizeIncrease), problems)
  if (compareTo === '' && maxSizeIncrease !== '') {
    problems.push(
      `max-size-increase: ${quote(maxSizeIncrease)} is set, but compare-to is not; name the ` +
        'baseline to measure growth against (compare-to: prod).'
    )
  }
  if (problems.length > 0) return failWith(problems)
  if (!baseline) return ok(undefined)
  return ok({ baseline, label: compareTo, ...(limit ? { maxSizeIncrease: limit } : {}) })
}
