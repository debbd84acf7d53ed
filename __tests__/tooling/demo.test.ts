// `npm run demo` (script/demo.ts) against the committed bundle: every scene plays and behaves as
// it says, and a scene that stops behaving so is caught (the demo then exits 1) rather than
// printed as if all were well.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PROJECT_ROOT, type ActionRun } from '../../harness/run-action.js'
import { checkScene, scenes } from '../../script/demo-scenes.js'

const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx')

describe('npm run demo', () => {
  // One run of the demo (its scenes one after another, each a process); each scene is then
  // checked on its own part of what it printed.
  let stdout: string
  beforeAll(async () => {
    // execFile rejects on a non-zero exit, with the output the failure needs.
    ;({ stdout } = await promisify(execFile)(TSX, [join('script', 'demo.ts')], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      timeout: 25_000
    }))
  }, 30_000)

  /** What the demo printed for one scene: from its title to the next scene's. */
  const sceneOutput = (title: string): string => {
    const start = stdout.indexOf(`▶ ${title}\n`)
    if (start < 0) throw new Error(`The demo did not play "${title}":\n${stdout}`)
    const next = stdout.indexOf('▶ ', start + 1)
    return stdout.slice(start, next < 0 ? undefined : next)
  }

  it('exits 0, saying every scene behaved as intended', () => {
    expect(stdout).toContain(`All ${scenes.length} scenes behaved as intended.`)
    expect(stdout.match(/^ {2}✔ as intended/gm)).toHaveLength(scenes.length)
  })

  it.each(scenes.map((scene) => [scene.title, scene.expected.code] as const))(
    'plays "%s" as intended',
    (title, code) => {
      const output = sceneOutput(title)
      expect(output).not.toContain('✘')
      expect(output).toContain(`  ✔ as intended (${code === 0 ? 'succeeds' : 'fails the step'})\n`)
    }
  )

  it('has a scene for a step that succeeds and one for a step that fails', () => {
    expect(new Set(scenes.map((scene) => scene.expected.code))).toEqual(new Set([0, 1]))
  })
})

describe('checkScene', () => {
  const missingScene = scenes.find((scene) => scene.title.startsWith('A missing image'))!
  const succeeded: ActionRun = {
    code: 0,
    stdout: '',
    stderr: '',
    outputs: { missing: '[]', 'all-found': 'true' },
    summary: '',
    annotations: []
  }

  it('names each way a run differs from what the scene is meant to show', async () => {
    const problems = await checkScene(missingScene, { run: succeeded, workspace: PROJECT_ROOT })
    expect(problems).toEqual([
      'exit code 0, expected 1',
      'output missing is [], expected ["v9.9.9"]',
      'output all-found is true, expected false',
      'errors [], expected ["team/api v9.9.9: ImageNotFound"]'
    ])
  })

  it('finds nothing wrong with a run that shows it', async () => {
    const failed: ActionRun = {
      ...succeeded,
      code: 1,
      outputs: { missing: '["v9.9.9"]', 'all-found': 'false' },
      annotations: [
        {
          level: 'error',
          title: 'team/api v9.9.9',
          properties: { title: 'team/api v9.9.9' },
          message: 'ImageNotFound: Requested image not found'
        },
        { level: 'error', properties: {}, message: '1 of 2 image id(s): 1 not found' }
      ]
    }
    expect(await checkScene(missingScene, { run: failed, workspace: PROJECT_ROOT })).toEqual([])
  })
})
