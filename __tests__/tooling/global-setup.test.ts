// harness/global-setup.mjs, in a project of its own (a git repository whose build copies src/ into
// dist/): `npm test` rebuilds dist/ when it may be older than its sources, and only then.
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PROJECT_ROOT } from '../../harness/run-action.js'
import { captureStdout } from '../helpers/stdout.js'

const roots: string[] = []
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com'
}

/** A project whose build copies src/main.ts to dist/index.js and counts its runs in builds.txt. */
function makeProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'global-setup-'))
  roots.push(root)
  mkdirSync(join(root, 'harness'))
  mkdirSync(join(root, 'src'))
  mkdirSync(join(root, 'dist'))
  copyFileSync(
    join(PROJECT_ROOT, 'harness', 'global-setup.mjs'),
    join(root, 'harness', 'global-setup.mjs')
  )
  const build =
    "const fs = require('fs'); fs.copyFileSync('src/main.ts', 'dist/index.js'); " +
    "fs.appendFileSync('builds.txt', 'x')"
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ type: 'module', scripts: { build: `node -e "${build}"` } })
  )
  writeFileSync(join(root, '.gitignore'), 'builds.txt\nnode_modules/\n')
  writeFileSync(join(root, 'package-lock.json'), '{}\n')
  writeFileSync(join(root, 'src', 'main.ts'), 'one\n')
  writeFileSync(join(root, 'dist', 'index.js'), 'one\n')
  commit(root, 'first')
  return root
}

let commits = 0

/** Commits everything, each commit a minute after the one before (git counts seconds). */
function commit(root: string, message: string): void {
  const date = `${1_700_000_000 + 60 * ++commits} +0000`
  const env = { ...gitEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
  execFileSync('git', ['init', '-q'], { cwd: root, env })
  execFileSync('git', ['add', '-A'], { cwd: root, env })
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: root, env })
}

/** Runs the project's globalSetup: how many builds it has run so far, and why it ran this one. */
async function setUp(root: string): Promise<{ builds: number; said: string }> {
  const module = (await import(pathToFileURL(join(root, 'harness', 'global-setup.mjs')).href)) as {
    default: () => void
  }
  const said = captureStdout(() => module.default()).trim()
  let builds = 0
  try {
    builds = readFileSync(join(root, 'builds.txt'), 'utf8').length
  } catch {
    // No build yet.
  }
  return { builds, said }
}

const REBUILDING = ': rebuilding dist/ (npm run build) before the tests.'
const NOTHING = { builds: 0, said: '' }

/** Ages a file, as a checkout does when it writes the files in another order. */
function touchPast(path: string): void {
  const past = new Date(Date.now() - 3_600_000)
  utimesSync(path, past, past)
}

describe('harness/global-setup.mjs', () => {
  it('runs the committed dist/ when it was committed with its sources, whatever the file times', async () => {
    const root = makeProject()
    touchPast(join(root, 'dist', 'index.js'))
    expect(await setUp(root)).toEqual(NOTHING)
  })

  it('rebuilds once when sources committed after dist/ leave the bundle as it was', async () => {
    const root = makeProject()
    writeFileSync(join(root, 'package-lock.json'), '{ }\n')
    commit(root, 'lock only')
    expect(await setUp(root)).toEqual({
      builds: 1,
      said: `the last commit of src/ is newer than the last commit of dist/${REBUILDING}`
    })
    expect(await setUp(root)).toEqual({ builds: 1, said: '' })
  })

  it('rebuilds when sources that change the bundle were committed without dist/', async () => {
    const root = makeProject()
    writeFileSync(join(root, 'src', 'main.ts'), 'two\n')
    commit(root, 'src without dist')
    expect((await setUp(root)).builds).toBe(1)
    expect(readFileSync(join(root, 'dist', 'index.js'), 'utf8')).toBe('two\n')
    // The rebuilt dist/, not yet committed, is newer than the sources; committed, it is current.
    expect(await setUp(root)).toEqual({ builds: 1, said: '' })
    commit(root, 'dist rebuilt')
    expect(await setUp(root)).toEqual({ builds: 1, said: '' })
  })

  it('with sources changed and not committed, rebuilds when one is newer than dist/index.js', async () => {
    const root = makeProject()
    writeFileSync(join(root, 'src', 'main.ts'), 'edited\n')
    touchPast(join(root, 'dist', 'index.js'))
    expect(await setUp(root)).toEqual({
      builds: 1,
      said: `src/main.ts is newer than dist/index.js${REBUILDING}`
    })
    expect(readFileSync(join(root, 'dist', 'index.js'), 'utf8')).toBe('edited\n')
    // Now dist/index.js is the newest: nothing to do.
    expect(await setUp(root)).toEqual({ builds: 1, said: '' })
  })
})
