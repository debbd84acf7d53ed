// The bad-input suite (issue 5), in process: every malformed value of every input, read by run()
// as the runner's environment gives it. Each case asserts the one `::error::` the user sees, word
// for word, that the job fails, that nothing reached the ECR server and that no output was set.
// Then hostile strings in a manifest's annotations must come out neutralised in the job summary,
// the pull-request comment and the log. A few of these cases run end to end too
// (e2e/process.test.ts): the exit code, an empty GITHUB_OUTPUT file, a registry error message in
// the log of a real process.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { FIXTURES } from '../../server/fixtures.js'
import type { ActionRun } from '../../harness/run-action.js'
import { shown } from '../helpers/action-run.js'
import { runInProcess } from '../helpers/in-process.js'
import { BAD_INPUTS, inputProblemsMessage } from '../helpers/bad-inputs.js'
import {
  expectNeutralisedMarkdown,
  expectNoInjectedCommands,
  HOSTILE,
  RAW_CONTROLS,
  reportingEverywhere
} from '../helpers/hostile-text.js'
import { useServers } from '../helpers/servers.js'

const servers = useServers()

describe('bad inputs: one exact ::error::, nothing sent to ECR, no output', () => {
  it('has 92 cases, each named once', () => {
    expect(BAD_INPUTS).toHaveLength(92)
    expect(new Set(BAD_INPUTS.map(([name]) => name)).size).toBe(BAD_INPUTS.length)
  })

  it.each(BAD_INPUTS)('%s', async (_name, inputs, env, problems) => {
    const run = await runInProcess({ inputs, env, endpoint: servers.ecr.url })
    expect(shown(run)).toEqual([
      { level: 'error', properties: {}, message: inputProblemsMessage(problems) }
    ])
    expect(run.code).toBe(1)
    expect(servers.ecr.calls).toEqual([])
    expect(run.outputs).toEqual({})
    expect(run.summary).toBe('')
    expect(run.stdout).not.toMatch(/^\s+at /m)
    // A proxy password never reaches the log.
    expect(run.stdout).not.toContain('s3cret')
  })
})

// ---------------------------------------------------------------------------------------------
// Hostile strings from the registry

// ---------------------------------------------------------------------------------------------
// Hostile strings from the registry (a registry error message: e2e/process.test.ts)

describe('manifest annotations in the registry come out neutralised', () => {
  let run: ActionRun
  let comment: string

  beforeAll(async () => {
    const manifest = JSON.parse(FIXTURES.ociImage.manifest) as Record<string, unknown>
    manifest.annotations = {
      'org.opencontainers.image.description': HOSTILE,
      '<b>@octo-org/admins</b> [x](https://evil.example)': 'value'
    }
    servers.ecr.createRepository('team/hostile')
    servers.ecr.putImage({
      repositoryName: 'team/hostile',
      manifest: JSON.stringify(manifest),
      mediaType: FIXTURES.ociImage.mediaType,
      tag: 'evil'
    })
    run = await runInProcess({
      endpoint: servers.ecr.url,
      ...reportingEverywhere(servers.github.url, {
        repository: 'team/hostile',
        'image-ids': 'evil'
      })
    })
    comment = servers.github.comments.map((c) => c.body).join('\n---\n')
  })

  it('finds the image, exit 0, no annotation', () => {
    expect(run.code).toBe(0)
    expect(shown(run)).toEqual([])
    expect(run.outputs['all-found']).toBe('true')
  })

  it('starts no workflow command in the log', () => {
    // The request and response debug lines only.
    expectNoInjectedCommands(run, 2)
  })

  it('reaches the log with no raw invisible characters', () => {
    // JSON.stringify escapes C0 controls in the debug line of the response, but not zero-width
    // characters or bidi overrides, which can make a log line read differently than it is.
    expect(run.stdout).not.toMatch(RAW_CONTROLS)
  })

  it('is neutralised in the job summary and the pull-request comment', () => {
    expect(comment).toMatch(/^<!-- ecr-batch-get-image: workflow=CI; job=images -->\n/)
    for (const markdown of [run.summary, comment]) {
      expectNeutralisedMarkdown(markdown, ['## ECR images', '### Details'])
      expect(markdown).toContain('<summary>team/hostile evil</summary>')
      const rows = markdown.split('\n').filter((line) => line.includes('evil.example'))
      expect(rows).toHaveLength(2)
      // Each annotation row keeps its two cells.
      for (const row of rows) expect(row.match(/(?<!\\)\|/g)).toHaveLength(3)
    }
  })
})
