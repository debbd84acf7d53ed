// harness/global-setup.mjs, in a project of its own (a git repository whose build copies src/ into
// dist/): `npm test` rebuilds dist/ when it may be older than its sources, and only then.
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
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
import { PROJECT_ROOT } from '../../harness/run-action.js'

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

/** Runs the project's globalSetup; returns how many builds it has run so far. */
function setUp(root: string): number {
  const result = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const { default: setUp } = await import('./harness/global-setup.mjs'); setUp()"
    ],
    { cwd: root, encoding: 'utf8', input: '' }
  )
  if (result.status !== 0) throw new Error(result.stderr)
  try {
    return readFileSync(join(root, 'builds.txt'), 'utf8').length
  } catch {
    return 0
  }
}

/** Ages a file, as a checkout does when it writes the files in another order. */
function touchPast(path: string): void {
  const past = new Date(Date.now() - 3_600_000)
  utimesSync(path, past, past)
}

describe('harness/global-setup.mjs', () => {
  it('runs the committed dist/ when it was committed with its sources, whatever the file times', () => {
    const root = makeProject()
    touchPast(join(root, 'dist', 'index.js'))
    expect(setUp(root)).toBe(0)
  })

  it('rebuilds once when sources committed after dist/ leave the bundle as it was', () => {
    const root = makeProject()
    writeFileSync(join(root, 'package-lock.json'), '{ }\n')
    commit(root, 'lock only')
    expect(setUp(root)).toBe(1)
    expect(setUp(root)).toBe(1)
  })

  it('rebuilds when sources that change the bundle were committed without dist/', () => {
    const root = makeProject()
    writeFileSync(join(root, 'src', 'main.ts'), 'two\n')
    commit(root, 'src without dist')
    expect(setUp(root)).toBe(1)
    expect(readFileSync(join(root, 'dist', 'index.js'), 'utf8')).toBe('two\n')
    // The rebuilt dist/, not yet committed, is newer than the sources; committed, it is current.
    expect(setUp(root)).toBe(1)
    commit(root, 'dist rebuilt')
    expect(setUp(root)).toBe(1)
  })

  it('with sources changed and not committed, rebuilds when one is newer than dist/index.js', () => {
    const root = makeProject()
    writeFileSync(join(root, 'src', 'main.ts'), 'edited\n')
    touchPast(join(root, 'dist', 'index.js'))
    expect(setUp(root)).toBe(1)
    expect(readFileSync(join(root, 'dist', 'index.js'), 'utf8')).toBe('edited\n')
    // Now dist/index.js is the newest: nothing to do.
    expect(setUp(root)).toBe(1)
  })
})
