// The in-process helper (__tests__/helpers/in-process.ts) against the real thing: for the same
// inputs, run() in this process leaves what dist/index.js leaves as a process, byte for byte (the
// log with its workflow commands, the outputs, the summary, the exit code), so a case moved
// in process asserts what it asserted end to end. And the fake clock the in-process runs wait on.
import { describe, expect, it } from '@jest/globals'
import { tmpdir } from 'node:os'
import { runAction, type ActionRun, type RunActionOptions } from '../../harness/run-action.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { runInProcess } from '../helpers/in-process.js'
import { useServers } from '../helpers/servers.js'

const servers = useServers()

const STEP_DIRECTORY = new RegExp(
  `${tmpdir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?:run-action|in-process)-[A-Za-z0-9]{6}/`,
  'g'
)

/**
 * What the runner keeps of a step (stderr is the process's alone), with what differs between any
 * two runs made the same: the step's temporary directory, the request id the server makes up.
 */
function kept({ code, stdout, outputs, summary, annotations }: ActionRun) {
  const text = JSON.stringify({ code, stdout, outputs, summary, annotations })
  return JSON.parse(
    text
      .replaceAll(STEP_DIRECTORY, '<step directory>/')
      .replace(/request id [0-9a-f-]{36}/g, 'request id <id>')
  ) as unknown
}

describe('runInProcess', () => {
  // [what the case shows, inputs, extra environment]
  const CASES: [string, RunActionOptions['inputs'], RunActionOptions['env']][] = [
    [
      'found, with the log table and every output',
      { repository: 'team/api', 'image-ids': 'v1.13.6' },
      {}
    ],
    [
      'a missing id fails the step, with debug lines',
      { repository: 'team/api', 'image-ids': 'v1.13.6 v9', 'max-attempts': '1' },
      { RUNNER_DEBUG: '1' }
    ],
    [
      'a warning, and a failure reason escaped in a command',
      { repository: 'team/api', 'image-ids': 'v9\nlatest', 'if-missing': 'warn' },
      {}
    ],
    [
      'input problems, nothing sent',
      { repository: 'Team/Api', 'image-ids': 'tag=v1' },
      { AWS_REGION: undefined }
    ]
  ]

  it.each(CASES)('leaves what the process leaves: %s', async (_, inputs, env) => {
    const options = { inputs, env, endpoint: servers.ecr.url }
    const [inProcess, process] = await Promise.all([runInProcess(options), runAction(options)])
    expect(process.stderr).toBe('')
    expect(kept(inProcess)).toEqual(kept(process))
  })
})

describe('FakeClock', () => {
  it('moves only when slept on, runs the events a sleep passes in order, and records each sleep', async () => {
    const clock = new FakeClock(1_000)
    const seen: string[] = []
    clock.at(2_500, () => seen.push(`b at ${clock.elapsed()}`))
    clock.at(500, () => seen.push(`a at ${clock.elapsed()}`))
    expect(clock.now()).toBe(1_000)
    await clock.sleep(1_000)
    expect(seen).toEqual(['a at 500'])
    await clock.sleep(2_000)
    expect(seen).toEqual(['a at 500', 'b at 2500'])
    expect({ now: clock.now(), elapsed: clock.elapsed(), sleeps: clock.sleeps }).toEqual({
      now: 4_000,
      elapsed: 3_000,
      sleeps: [1_000, 2_000]
    })
    // An event already due runs at once.
    clock.at(0, () => seen.push('c'))
    expect(seen).toEqual(['a at 500', 'b at 2500', 'c'])
  })

  it('ends a sleep early, as a real one, when its signal aborts: at once, or at the aborting event', async () => {
    const clock = new FakeClock(0)
    const cancel = new AbortController()
    clock.at(300, () => cancel.abort())
    clock.at(600, () => undefined)
    await clock.sleep(1_000, cancel.signal)
    expect(clock.now()).toBe(300)
    await clock.sleep(1_000, cancel.signal)
    expect(clock.now()).toBe(300)
    expect(clock.sleeps).toEqual([1_000, 1_000])
  })
})
