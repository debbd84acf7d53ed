import { describe, expect, it } from '@jest/globals'
import {
  MAX_WAIT_TIMEOUT_MS,
  parseDuration,
  parseRequestTimeout,
  parseWaitDurations
} from '../../src/inputs/duration.js'

const FORMS = 'write 90s, 10m, 1h30m, 500ms, or plain seconds (30)'

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['30', 30_000],
    ['1.5', 1500],
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1h30m15s', 5_415_000],
    ['500ms', 500],
    ['2m500ms', 120_500],
    ['1.5h', 5_400_000],
    ['10M', 600_000]
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text, 'wait-timeout')).toEqual({ ok: true, value: ms })
  })

  it.each([
    ['-5s', `wait-timeout: "-5s" is negative; a duration is 0 or more (${FORMS}).`],
    ['-30', `wait-timeout: "-30" is negative; a duration is 0 or more (${FORMS}).`],
    ['1h30', `wait-timeout: "1h30" ends in 30 without a unit; ${FORMS}.`],
    ['s', `wait-timeout: "s" is not a duration; ${FORMS}.`],
    ['10 minutes', `wait-timeout: "10 minutes" is not a duration; ${FORMS}.`],
    ['5d', `wait-timeout: "5d" is not a duration; ${FORMS}.`],
    ['soon', `wait-timeout: "soon" is not a duration; ${FORMS}.`],
    ['1.s', `wait-timeout: "1.s" is not a duration; ${FORMS}.`]
  ])('%s is a problem', (text, problem) => {
    expect(parseDuration(text, 'wait-timeout')).toEqual({ ok: false, problems: [problem] })
  })
})

describe('parseWaitDurations', () => {
  it('defaults to no wait and a 5s interval when both are unset', () => {
    expect(parseWaitDurations('', '')).toEqual({
      ok: true,
      value: { waitTimeoutMs: 0, waitIntervalMs: 5000 }
    })
  })

  it.each([
    ['10m', '', { waitTimeoutMs: 600_000, waitIntervalMs: 5000 }],
    ['6h', '1m', { waitTimeoutMs: MAX_WAIT_TIMEOUT_MS, waitIntervalMs: 60_000 }],
    ['5s', '5s', { waitTimeoutMs: 5000, waitIntervalMs: 5000 }],
    // Not waiting: the interval is never used, so 0 is harmless.
    ['0', '0', { waitTimeoutMs: 0, waitIntervalMs: 0 }]
  ])('timeout %s, interval %s', (timeout, interval, value) => {
    expect(parseWaitDurations(timeout, interval)).toEqual({ ok: true, value })
  })

  it.each([
    [
      '7h',
      '',
      ['wait-timeout: "7h" is longer than 6h, the longest a job runs on a GitHub-hosted runner.']
    ],
    ['10m', '0', ['wait-interval: "0" must be more than 0 while wait-timeout is set.']],
    [
      '2s',
      '',
      [
        'wait-interval: "5s" is longer than wait-timeout "2s"; the first poll would come after the wait is over.'
      ]
    ],
    [
      'later',
      '-1s',
      [
        `wait-timeout: "later" is not a duration; ${FORMS}.`,
        `wait-interval: "-1s" is negative; a duration is 0 or more (${FORMS}).`
      ]
    ]
  ])('timeout %s, interval %s', (timeout, interval, problems) => {
    expect(parseWaitDurations(timeout, interval)).toEqual({ ok: false, problems })
  })
})

describe('parseRequestTimeout', () => {
  it.each([
    ['', 30_000],
    ['2m', 120_000],
    ['500ms', 500],
    ['10m', 600_000]
  ])('%j → %d ms', (text, ms) => {
    expect(parseRequestTimeout(text)).toEqual({ ok: true, value: ms })
  })

  it.each([
    ['50ms', 'request-timeout: "50ms" is out of range; give 100ms to 10m (default 30s).'],
    ['11m', 'request-timeout: "11m" is out of range; give 100ms to 10m (default 30s).'],
    [
      'soon',
      'request-timeout: "soon" is not a duration; write 90s, 10m, 1h30m, 500ms, or plain seconds (30).'
    ]
  ])('%j is refused', (text, problem) => {
    expect(parseRequestTimeout(text)).toEqual({ ok: false, problems: [problem] })
  })
})
