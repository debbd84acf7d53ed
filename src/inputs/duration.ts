// `wait-timeout` and `wait-interval`: durations as people write them (`90s`, `10m`, `1h30m`,
// `500ms`, or plain seconds), in milliseconds.

import { type Checked, fail, failWith, ok, quote } from './checked.js'

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
const NUMBER = String.raw`\d+(?:\.\d+)?`
const PLAIN_SECONDS = new RegExp(`^${NUMBER}$`)
const COMPOUND = new RegExp(`^(?:${NUMBER}(?:ms|s|m|h))+$`)
const PART = new RegExp(`(${NUMBER})(ms|s|m|h)`, 'g')
const FORMS = 'write 90s, 10m, 1h30m, 500ms, or plain seconds (30)'

/** A GitHub-hosted job runs at most 6 hours: a longer wait could never end on its own. */
export const MAX_WAIT_TIMEOUT_MS = 6 * UNIT_MS.h!
const DEFAULT_WAIT_TIMEOUT = '0'
const DEFAULT_WAIT_INTERVAL = '5s'

/** Milliseconds in `text`; negative numbers, numbers without units and garbage are problems. */
export function parseDuration(text: string, label: string): Checked<number> {
  const said = `${label}: ${quote(text)}`
  const value = text.trim().toLowerCase()
  if (PLAIN_SECONDS.test(value)) return ok(Math.round(Number(value) * 1000))
  if (value.startsWith('-')) return fail(`${said} is negative; a duration is 0 or more (${FORMS}).`)
  const unitless = new RegExp(`^(?:${NUMBER}(?:ms|s|m|h))+(${NUMBER})$`).exec(value)
  if (unitless) return fail(`${said} ends in ${unitless[1]} without a unit; ${FORMS}.`)
  if (!COMPOUND.test(value)) return fail(`${said} is not a duration; ${FORMS}.`)
  let total = 0
  for (const [, amount, unit] of value.matchAll(PART)) total += Number(amount) * UNIT_MS[unit!]!
  return ok(Math.round(total))
}

export interface WaitDurations {
  waitTimeoutMs: number
  waitIntervalMs: number
}

/**
 * Both inputs together (empty means the action.yml default): the timeout capped at 6 hours, and
 * while waiting, an interval above 0 that fits in the timeout.
 */
export function parseWaitDurations(
  timeoutInput: string,
  intervalInput: string
): Checked<WaitDurations> {
  const timeoutText = timeoutInput || DEFAULT_WAIT_TIMEOUT
  const intervalText = intervalInput || DEFAULT_WAIT_INTERVAL
  const timeout = parseDuration(timeoutText, 'wait-timeout')
  const interval = parseDuration(intervalText, 'wait-interval')
  const problems = [timeout, interval].flatMap((checked) => (checked.ok ? [] : checked.problems))
  if (!timeout.ok || !interval.ok) return failWith(problems)
  const waitTimeoutMs = timeout.value
  const waitIntervalMs = interval.value
  if (waitTimeoutMs > MAX_WAIT_TIMEOUT_MS) {
    problems.push(
      `wait-timeout: ${quote(timeoutText)} is longer than 6h, the longest a job runs on a GitHub-hosted runner.`
    )
  }
  if (waitTimeoutMs > 0 && waitIntervalMs <= 0) {
    problems.push(
      `wait-interval: ${quote(intervalText)} must be more than 0 while wait-timeout is set.`
    )
  } else if (waitTimeoutMs > 0 && waitIntervalMs > waitTimeoutMs) {
    problems.push(
      `wait-interval: ${quote(intervalText)} is longer than wait-timeout ${quote(timeoutText)}; ` +
        'the first poll would come after the wait is over.'
    )
  }
  return problems.length > 0 ? failWith(problems) : ok({ waitTimeoutMs, waitIntervalMs })
}

const DEFAULT_REQUEST_TIMEOUT = '30s'
const MIN_REQUEST_TIMEOUT_MS = 100
const MAX_REQUEST_TIMEOUT_MS = 10 * UNIT_MS.m!

/** How long one ECR request may take before it is abandoned and retried (default 30s). */
export function parseRequestTimeout(input: string): Checked<number> {
  const text = input || DEFAULT_REQUEST_TIMEOUT
  const parsed = parseDuration(text, 'request-timeout')
  if (!parsed.ok) return parsed
  if (parsed.value < MIN_REQUEST_TIMEOUT_MS || parsed.value > MAX_REQUEST_TIMEOUT_MS) {
    return fail(`request-timeout: ${quote(text)} is out of range; give 100ms to 10m (default 30s).`)
  }
  return parsed
}
