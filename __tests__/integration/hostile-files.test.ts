// Issue 20, in process: the files the action reads and rewrites, under hostile input, through
// run(). pin-files writes all files or none, never over an edit it did not read, never into .git;
// `@path` inputs read only regular files inside the workspace and quote nothing of them; every
// read and every log is bounded (each case checks the size of what the step printed). A link
// planted where a temporary file was once named, and a GITHUB_OUTPUT that cannot be written:
// e2e/process.test.ts.
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  truncate,
  writeFile
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { SEED_REGISTRY_ID, SEEDED } from '../../server/fixtures.js'
import type { ActionRun } from '../../harness/run-action.js'
import { runInProcess } from '../helpers/in-process.js'
import { useServers } from '../helpers/servers.js'

const HOST = `${SEED_REGISTRY_ID}.dkr.ecr.us-east-1.amazonaws.com`
const API = `${HOST}/team/api`
const API_DIGEST = SEEDED.api.image.digest
const REFERENCE = `${API}:v1.13.6`
const PINNED = `${REFERENCE}@${API_DIGEST}`
/** What a step may print in any case here: the log is bounded whatever the files hold. */
const LOG_BOUND = 400_000

/** Runs while the server holds a call (with latency set): the moment to edit a file mid-lookup. */
let duringCall: () => Promise<void> = async () => undefined
// The server's latency waits through this hook instead of a clock: no real sleep.
const servers = useServers({ ecrSleep: () => duringCall() })
let workspace: string
let outside: string

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true })
  await rm(outside, { recursive: true, force: true })
})

beforeEach(async () => {
  if (workspace) await rm(workspace, { recursive: true, force: true })
  if (outside) await rm(outside, { recursive: true, force: true })
  workspace = await mkdtemp(join(tmpdir(), 'hostile-files-'))
  outside = await mkdtemp(join(tmpdir(), 'hostile-outside-'))
  duringCall = async () => undefined
})

async function put(files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(workspace, path)), { recursive: true })
    await writeFile(join(workspace, path), text)
  }
}

const read = (path: string) => readFile(join(workspace, path), 'utf8')

/** Every name under the workspace: a temporary file left behind shows here. */
async function names(): Promise<string[]> {
  return (await readdir(workspace, { recursive: true })).sort()
}

async function run(
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {}
): Promise<ActionRun> {
  const result = await runInProcess({
    inputs: { 'max-attempts': '1', 'request-timeout': '5s', ...inputs },
    endpoint: servers.ecr.url,

    env: { GITHUB_WORKSPACE: workspace, ...env }
  })
  expect(result.stdout.length + result.stderr.length).toBeLessThan(LOG_BOUND)
  return result
}

const failure = (result: ActionRun) =>
  result.annotations.find((annotation) => annotation.level === 'error')?.message ?? ''

describe('pin-files writes all files or none', () => {
  it('leaves the first file as it was when the second cannot be written, and no temporary', async () => {
    // A directory path so long that the file fits in it but a temporary name beside it does not
    // (PATH_MAX is 4,096 bytes): the second write fails whoever runs the test, root included.
    let deep = join(workspace, 'd')
    while (deep.length < 4_080)
      deep = join(deep, 'd'.repeat(Math.min(200, 4_080 - deep.length - 1)))
    const second = join(deep.slice(workspace.length + 1), 'b.yaml')
    await put({ 'a.yaml': `image: ${REFERENCE}\n`, [second]: `image: ${REFERENCE}\n` })

    const result = await run({ 'pin-files': 'a.yaml\nd/**/b.yaml' })

    expect(result.code).toBe(1)
    expect(failure(result)).toMatch(
      /^Cannot write d\/.*\/b\.yaml: ENAMETOOLONG: .* No file was written\.$/
    )
    expect(await read('a.yaml')).toBe(`image: ${REFERENCE}\n`)
    expect(await read(second)).toBe(`image: ${REFERENCE}\n`)
    expect((await names()).filter((name) => name.endsWith('.tmp'))).toEqual([])
    expect(result.outputs['pinned-files']).toBeUndefined()
  })

  it('does not write over an edit made during the lookup, and says which file', async () => {
    await put({ 'a.yaml': `image: ${REFERENCE}\n`, 'b.yaml': `image: ${REFERENCE}\n` })
    const edited = `image: ${REFERENCE} # edited while the step ran\n`
    duringCall = () => writeFile(join(workspace, 'b.yaml'), edited)
    servers.ecr.faults.setLatency(1)

    const result = await run({ 'pin-files': '*.yaml' })

    expect(servers.ecr.calls).toHaveLength(1)
    expect(result.code).toBe(1)
    expect(failure(result)).toBe(
      'b.yaml changed after it was read; run again to pin it as it is now. No file was written.'
    )
    expect(await read('a.yaml')).toBe(`image: ${REFERENCE}\n`)
    expect(await read('b.yaml')).toBe(edited)
    expect(await names()).toEqual(['a.yaml', 'b.yaml'])
  })

  it('refuses a glob into .git, at any depth, before any call', async () => {
    const config = `[remote "origin"]\n  url = https://${API}:v1\n`
    await put({
      '.git/config': config,
      'sub/.git/config': config,
      'ok.yaml': `image: ${REFERENCE}\n`
    })

    const result = await run({ 'pin-files': 'ok.yaml .git/* sub/.git/config' })

    expect(result.code).toBe(1)
    expect(servers.ecr.calls).toEqual([])
    expect(failure(result)).toContain(
      'pin-files: ".git/*" matches ".git/config", in a .git directory; git\'s own files are never pinned.'
    )
    expect(failure(result)).toContain(
      'pin-files: "sub/.git/config" matches "sub/.git/config", in a .git directory'
    )
    expect(await read('.git/config')).toBe(config)
    expect(await read('ok.yaml')).toBe(`image: ${REFERENCE}\n`)
  })
})

describe('pin-files: bounded reads and logs', () => {
  it('refuses a file over 8 MiB, naming it, without logging it', async () => {
    // 50 MB, most of it a hole: refused by its size, before a byte of it is read.
    await put({ 'huge.json': `{"image":"${REFERENCE}","pad":"` })
    await truncate(join(workspace, 'huge.json'), 50 * 1024 * 1024)

    const result = await run({ 'pin-files': 'huge.json' })

    expect(result.code).toBe(1)
    expect(servers.ecr.calls).toEqual([])
    expect(failure(result)).toContain('pin-files: huge.json is 52,428,800 bytes,')
    expect(failure(result)).toContain('over the 8 MiB limit.')
  })

  it('pins a long one-line file with a diff cut around the change', async () => {
    const pad = 'x'.repeat(1024 * 1024)
    await put({ 'one.json': `{"a":"${pad}","image":"${REFERENCE}","b":"${pad}"}` })

    const result = await run({ 'pin-files': 'one.json' })

    expect(result.code).toBe(0)
    expect(await read('one.json')).toBe(`{"a":"${pad}","image":"${PINNED}","b":"${pad}"}`)
    expect(result.stdout).toMatch(
      /^-…[^\n]*team\/api:v1\.13\.6","b":"x+… \[[\d,]+ more characters\]$/m
    )
    expect(result.stdout.length).toBeLessThan(20_000)
  })

  it('pins 80,000 changed lines, logging a bounded diff and no stack overflow', async () => {
    const lines = Array.from({ length: 80_000 }, () => `- ${REFERENCE}`)
    // Not YAML: a YAML file over 1 MiB is not read as YAML, and nothing in it is pinned.
    await put({ 'many.txt': `${lines.join('\n')}\n` })

    const result = await run({ 'pin-files': 'many.txt' })

    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(await read('many.txt')).toBe(`${lines.map(() => `- ${PINNED}`).join('\n')}\n`)
    expect(result.stdout).toMatch(/^… 79,9\d\d more changed line\(s\) not shown$/m)
    expect(result.stdout).toContain('… and 79,000 more (the job summary counts them).')
  })
})

describe('@path inputs: only regular files inside the workspace, quoted by excerpt', () => {
  const SECRET = 'hunter2-e2e-marker'

  it.each([
    ['images', '@/etc/passwd', 'images: /etc/passwd is outside the workspace.'],
    ['images', '@../x', 'images: ../x is outside the workspace.'],
    ['image-ids', '@/dev/zero', 'image-ids: /dev/zero is outside the workspace.'],
    [
      'request',
      '@environ',
      'request: environ leads outside the workspace through a symbolic link.'
    ],
    ['images', '@zero', 'images: zero leads outside the workspace through a symbolic link.'],
    ['images', '@fifo', 'images: fifo is a FIFO (named pipe), not a regular file.'],
    ['images', '@big.txt', 'images: big.txt is 5,242,880 bytes, over the 4 MiB limit.'],
    ['images', '@.git/config', 'images: .git/config is in a .git directory; it is not read.']
  ])(
    '%s: %s is an input problem that quotes nothing of the file',
    async (input, value, problem) => {
      await symlink('/proc/self/environ', join(workspace, 'environ'))
      await symlink('/dev/zero', join(workspace, 'zero'))
      execFileSync('mkfifo', [join(workspace, 'fifo')])
      await put({ 'big.txt': 'x'.repeat(5 * 1024 * 1024), '.git/config': `token=${SECRET}\n` })
      const extra: Record<string, string> = input === 'image-ids' ? { repository: 'team/api' } : {}

      const result = await run({ [input]: value, ...extra }, { SECRET_MARKER: SECRET })

      expect(result.code).toBe(1)
      expect(servers.ecr.calls).toEqual([])
      expect(failure(result)).toBe(`1 input problem; nothing was sent to ECR:\n- ${problem}`)
      expect(result.stdout).not.toContain(SECRET)
      expect(result.stdout).not.toContain('root:')
    }
  )

  it('quotes a short, neutralised excerpt of a bad line, never the line', async () => {
    const secret = `AWS_SECRET_ACCESS_KEY=${'k'.repeat(40)}`
    await put({
      'ids.txt': `${REFERENCE}\n${secret}\u202e\n`,
      'long.txt': `${REFERENCE}\n${'y'.repeat(2_000)}\n`
    })

    const bad = await run({ images: '@ids.txt' })
    const long = await run({ images: '@long.txt' })

    expect(servers.ecr.calls).toEqual([])
    expect(bad.code).toBe(1)
    expect(bad.stdout).not.toContain('k'.repeat(40))
    expect(bad.stdout).not.toContain('\u202e')
    expect(failure(bad)).toContain(
      'images (ids.txt line 2): "AWS_SECRET_ACCESS_KEY=kkkkkkkkkkkkkkkkk…"'
    )
    expect(long.code).toBe(1)
    expect(long.stdout).not.toContain('y'.repeat(100))
    expect(failure(long)).toBe(
      '1 input problem; nothing was sent to ECR:\n- images (long.txt line 2): 2,000 characters long; an entry is at most 1024.'
    )
  })

  it('needs GITHUB_WORKSPACE for a file', async () => {
    const result = await run({ images: '@ids.txt' }, { GITHUB_WORKSPACE: undefined })

    expect(result.code).toBe(1)
    expect(failure(result)).toBe(
      '1 input problem; nothing was sent to ECR:\n- images: "@ids.txt" names a file, but GITHUB_WORKSPACE is not set; @path files are read only inside the workspace.'
    )
  })

  it('reads the event payload only as a regular file', async () => {
    const result = await run(
      { repository: 'team/api', 'image-ids': 'v1.13.6', comment: 'true', 'github-token': 't' },
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/dev/zero' }
    )

    expect(result.code).toBe(0)
    expect(result.annotations.map((annotation) => annotation.message)).toContain(
      'Could not read the event payload /dev/zero: /dev/zero is a character device, not a regular file.'
    )
  })
})
