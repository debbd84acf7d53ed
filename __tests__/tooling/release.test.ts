// script/release run for real in throwaway git repositories; the build is replaced through
// RELEASE_BUILD_COMMAND so no bundle has to be built.
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const RELEASE_SCRIPT = join(process.cwd(), 'script', 'release')
const COMMITTED_BUNDLE = 'bundle\n'
/** A build that reproduces the committed dist/ byte for byte, and one that does not. */
const CURRENT_BUILD = `printf 'bundle\\n' > dist/index.js`
const STALE_BUILD = `printf 'rebuilt from newer sources\\n' > dist/index.js`

const roots: string[] = []
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

// Git without the machine's own configuration (signing, hooks, default branch) and a fixed author.
const gitEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_OPTIONS: '',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Release Test',
  GIT_AUTHOR_EMAIL: 'release-test@example.invalid',
  GIT_COMMITTER_NAME: 'Release Test',
  GIT_COMMITTER_EMAIL: 'release-test@example.invalid'
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim()
}

/** A repository with the files a release touches, one commit, and the given tags on it. */
function makeRepo(tags: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'release-test-'))
  roots.push(root)
  mkdirSync(join(root, 'script'))
  mkdirSync(join(root, 'dist'))
  copyFileSync(RELEASE_SCRIPT, join(root, 'script', 'release'))
  writeFileSync(join(root, 'dist', 'index.js'), COMMITTED_BUNDLE)
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'ecr-batch-get-image', version: '1.0.0', private: true }, null, 2) + '\n'
  )
  git(root, 'init', '--quiet', '--initial-branch=main')
  git(root, 'add', '.')
  git(root, 'commit', '--quiet', '-m', 'Initial')
  for (const tag of tags) git(root, 'tag', '-a', tag, '-m', tag)
  return root
}

function release(
  root: string,
  args: string[],
  options: { build?: string; input?: string } = {}
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('bash', ['script/release', ...args], {
    cwd: root,
    env: { ...gitEnv, RELEASE_BUILD_COMMAND: options.build ?? CURRENT_BUILD },
    input: options.input ?? '',
    encoding: 'utf8'
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

const commitOf = (root: string, ref: string): string => git(root, 'rev-parse', `${ref}^{commit}`)
const tagsOf = (root: string): string[] => git(root, 'tag', '--list').split('\n').filter(Boolean)
const versionOf = (root: string): string =>
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version

describe('script/release', () => {
  it('refuses a stale dist/ and says to rebuild, tagging nothing', () => {
    const root = makeRepo(['v1.0.0', 'v1'])
    const result = release(root, ['v1.2.3'], { build: STALE_BUILD })
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/dist\/ is stale: rebuild it with `npm run build`/)
    expect(tagsOf(root).sort()).toEqual(['v1', 'v1.0.0'])
    expect(versionOf(root)).toBe('1.0.0')
  })

  it('with a current dist/, sets the version, tags v1.2.3 and moves v1 to it', () => {
    const root = makeRepo(['v1.0.0', 'v1'])
    const before = commitOf(root, 'HEAD')
    const result = release(root, ['v1.2.3'])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)

    const head = commitOf(root, 'HEAD')
    expect(head).not.toBe(before)
    expect(git(root, 'log', '-1', '--format=%s')).toBe('Release v1.2.3')
    expect(versionOf(root)).toBe('1.2.3')
    expect(commitOf(root, 'v1.2.3')).toBe(head)
    expect(commitOf(root, 'v1')).toBe(head)
    expect(commitOf(root, 'v1.0.0')).toBe(before)
    expect(result.stdout).toContain('git push origin main refs/tags/v1.2.3')
    expect(result.stdout).toContain('git push --force origin refs/tags/v1')
  })

  it('refuses a version lower than the latest tag, given at the prompt', () => {
    const root = makeRepo(['v1.0.0'])
    const result = release(root, [], { input: 'v0.9.0\n' })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('v0.9.0 is not greater than the latest release v1.0.0')
    expect(tagsOf(root)).toEqual(['v1.0.0'])
  })

  it('compares versions as numbers and refuses an equal one', () => {
    const root = makeRepo(['v1.0.0', 'v1.10.0'])
    const lower = release(root, ['v1.9.0'])
    expect(lower.status).toBe(1)
    expect(lower.stderr).toContain('not greater than the latest release v1.10.0')
    const equal = release(root, ['v1.10.0'])
    expect(equal.status).toBe(1)
    expect(release(root, ['v1.10.1']).status).toBe(0)
  })

  it('refuses a dirty work tree and a malformed version', () => {
    const root = makeRepo(['v1.0.0'])
    expect(release(root, ['1.2.3']).stderr).toContain('is not a version of the form vX.Y.Z')
    writeFileSync(join(root, 'package.json'), '{"name":"edited"}\n')
    const dirty = release(root, ['v1.2.3'])
    expect(dirty.status).toBe(1)
    expect(dirty.stderr).toContain('the work tree is not clean')
  })

  it('with --push, pushes the release commit, the new tag and the moved major tag', () => {
    const root = makeRepo(['v1.0.0', 'v1'])
    const remote = mkdtempSync(join(tmpdir(), 'release-remote-'))
    roots.push(remote)
    git(remote, 'init', '--quiet', '--bare')
    git(root, 'remote', 'add', 'origin', remote)
    git(root, 'push', '--quiet', 'origin', 'main', 'refs/tags/v1.0.0', 'refs/tags/v1')

    const result = release(root, ['v1.2.3', '--push'])
    expect(result.status).toBe(0)
    const head = commitOf(root, 'HEAD')
    expect(commitOf(remote, 'main')).toBe(head)
    expect(commitOf(remote, 'v1.2.3')).toBe(head)
    expect(commitOf(remote, 'v1')).toBe(head)
  })
})
