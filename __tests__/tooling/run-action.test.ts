// The harness is proven on a stand-in for dist/index.js: a small script that uses the real
// @actions/core, run through the same spawning code, so the harness is known to read outputs,
// annotations and the summary as the runner does before the action exists.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { inputVariable, PROJECT_ROOT, runActionScript } from '../../harness/run-action.js'
import { parseAnnotations, parseOutputFile } from '../../harness/workflow-commands.js'

const CORE_URL = pathToFileURL(join(PROJECT_ROOT, 'node_modules/@actions/core/lib/core.js')).href

/** Echoes what it was given through @actions/core, the way the action reports. */
const STAND_IN = `
import * as core from '${CORE_URL}'
import { readFileSync } from 'node:fs'
const event = process.env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8')) : null
core.setOutput('image-ids', core.getInput('image-ids'))
core.setOutput('spaced', core.getInput('max attempts'))
core.setOutput('multi-line', 'line one\\nline two')
core.setOutput('environment', JSON.stringify({
  region: process.env.AWS_REGION ?? null,
  endpoint: process.env.AWS_ENDPOINT_URL_ECR ?? null,
  profile: process.env.AWS_PROFILE ?? null,
  token: process.env.GITHUB_TOKEN ?? null,
  eventName: process.env.GITHUB_EVENT_NAME ?? null,
  event
}))
core.error('100% missing: a, b\\nsecond line', { title: 'team/api: v1, v2' })
core.warning('careful')
core.notice('fyi', { title: 'Note', file: 'action.yml', startLine: 3 })
core.debug('details')
core.info('::not-an-annotation::plain info line')
await core.summary.addHeading('Images').addRaw('| a | b |').write()
core.setFailed('step failed')
`

const HANGS = `setInterval(() => {}, 1000)`

let dir: string
let standIn: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'run-action-test-'))
  standIn = join(dir, 'stand-in.mjs')
  await writeFile(standIn, STAND_IN)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('runActionScript', () => {
  it('passes inputs as INPUT_* and reads outputs, annotations, summary and exit code', async () => {
    const run = await runActionScript(standIn, {
      inputs: { 'image-ids': 'v1\nsha256:abc', 'max attempts': '7' },
      endpoint: 'http://127.0.0.1:4566',
      event: { name: 'pull_request', payload: { number: 42 } }
    })

    expect(run.code).toBe(1)
    expect(run.outputs['image-ids']).toBe('v1\nsha256:abc')
    expect(run.outputs.spaced).toBe('7')
    expect(run.outputs['multi-line']).toBe('line one\nline two')
    expect(JSON.parse(run.outputs.environment ?? '{}')).toEqual({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
      profile: null,
      token: null,
      eventName: 'pull_request',
      event: { number: 42 }
    })
    expect(run.annotations).toEqual([
      {
        level: 'error',
        title: 'team/api: v1, v2',
        message: '100% missing: a, b\nsecond line',
        properties: { title: 'team/api: v1, v2' }
      },
      { level: 'warning', message: 'careful', properties: {} },
      {
        level: 'notice',
        title: 'Note',
        message: 'fyi',
        properties: { title: 'Note', file: 'action.yml', line: '3' }
      },
      { level: 'debug', message: 'details', properties: {} },
      { level: 'error', message: 'step failed', properties: {} }
    ])
    expect(run.summary).toContain('<h1>Images</h1>')
    expect(run.summary).toContain('| a | b |')
  })

  it("does not pass on the caller's AWS_* and GITHUB_* variables", async () => {
    const saved = { AWS_PROFILE: process.env.AWS_PROFILE, GITHUB_TOKEN: process.env.GITHUB_TOKEN }
    process.env.AWS_PROFILE = 'developer-profile'
    process.env.GITHUB_TOKEN = 'ghp_developer'
    try {
      const run = await runActionScript(standIn, { inputs: {} })
      const seen = JSON.parse(run.outputs.environment ?? '{}')
      expect(seen).toMatchObject({
        profile: null,
        token: null,
        endpoint: null,
        eventName: null,
        event: null
      })
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })

  it('lets env override or remove what the harness sets', async () => {
    const run = await runActionScript(standIn, {
      inputs: {},
      env: { AWS_REGION: undefined, AWS_PROFILE: 'chosen' }
    })
    expect(JSON.parse(run.outputs.environment ?? '{}')).toMatchObject({
      region: null,
      profile: 'chosen'
    })
  })

  it('kills a run that does not finish in time and says so', async () => {
    const hangs = join(dir, 'hangs.mjs')
    await writeFile(hangs, HANGS)
    await expect(runActionScript(hangs, { inputs: {}, timeoutMs: 500 })).rejects.toThrow(
      /did not finish within 500 ms/
    )
  })
})

describe('inputVariable', () => {
  it('upper-cases, turns spaces into underscores and keeps hyphens', () => {
    expect(inputVariable('image-ids')).toBe('INPUT_IMAGE-IDS')
    expect(inputVariable('max attempts')).toBe('INPUT_MAX_ATTEMPTS')
  })
})

describe('parseOutputFile', () => {
  it('reads heredoc blocks and name=value lines; a later value wins', () => {
    const text =
      'digest<<ghadelimiter_1\nsha256:1\nghadelimiter_1\nlegacy=a=b\ndigest<<EOF\nsha256:2\n\nEOF\n'
    expect(parseOutputFile(text)).toEqual({ digest: 'sha256:2\n', legacy: 'a=b' })
  })

  it('rejects a block without its closing delimiter', () => {
    expect(() => parseOutputFile('digest<<END\nvalue\n')).toThrow(/no closing delimiter 'END'/)
  })
})

describe('parseAnnotations', () => {
  it('undoes the escaping once, so an escaped percent sign stays literal', () => {
    expect(parseAnnotations('::warning title=a%3Ab%2Cc%250A::50%250A%0Anext')).toEqual([
      {
        level: 'warning',
        title: 'a:b,c%0A',
        message: '50%0A\nnext',
        properties: { title: 'a:b,c%0A' }
      }
    ])
  })

  it('ignores plain lines and other workflow commands', () => {
    expect(parseAnnotations('hello\n::group::x\n::add-mask::secret\n::endgroup::')).toEqual([])
  })
})
