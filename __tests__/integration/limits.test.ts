// Issue 10, in process: run() within GitHub's limits at real sizes. 3,000 missing ids
// give 10 warnings, the last counting the rest; an output over 1 MiB is not set and the results
// file holds it; 10,000 ids over 100 repositories come from a file, in 100 calls.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FIXTURES, SEEDED } from '../../server/fixtures.js'
import type { ActionRun, Annotation } from '../../harness/run-action.js'
import { runInProcess } from '../helpers/in-process.js'
import { useServers } from '../helpers/servers.js'

const servers = useServers({ tempDir: 'limits-' })
let scratch: string

const SCALE_REPOSITORIES = 100
const TAGS_PER_REPOSITORY = 100
const scaleRepository = (r: number) => `scale/r${String(r).padStart(2, '0')}`
const scaleTag = (t: number) => `t${String(t).padStart(3, '0')}`

/** An OCI index naming `count` platform manifests: a big, valid manifest (ECR allows 4 MB). */
function bigIndex(count: number): string {
  const manifests = Array.from({ length: count }, (_, i) => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 1000 + i,
    digest: `sha256:${i.toString(16).padStart(64, '0')}`,
    platform: { os: 'linux', architecture: `arch${i}` }
  }))
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests
  })
}

const BIG = bigIndex(12_000)
let bigDigest: string

beforeAll(async () => {
  scratch = servers.dir
  servers.ecr.createRepository('big/index')
  bigDigest = servers.ecr.putImage({ repositoryName: 'big/index', manifest: BIG, tag: 'v1' })
  for (let r = 0; r < SCALE_REPOSITORIES; r++) {
    servers.ecr.createRepository(scaleRepository(r))
    for (let t = 0; t < TAGS_PER_REPOSITORY; t++)
      servers.ecr.putImage({
        repositoryName: scaleRepository(r),
        manifest: FIXTURES.ociImage.manifest,
        tag: scaleTag(t)
      })
  }
})

/** A run whose workspace and RUNNER_TEMP are `scratch`, so list files and the results file stay. */
function run(inputs: Record<string, string>): Promise<ActionRun> {
  return runInProcess({
    endpoint: servers.ecr.url,
    inputs: { 'max-attempts': '1', ...inputs },
    env: { GITHUB_WORKSPACE: scratch, RUNNER_TEMP: scratch, GITHUB_ACTION: inputs.step ?? 'x' }
  })
}

const batchCalls = () => servers.ecr.calls.filter((call) => call.operation === 'BatchGetImage')
const level = (result: ActionRun, name: Annotation['level']) =>
  result.annotations.filter((a) => a.level === name)

describe('annotations within GitHub limits', () => {
  it('3,000 missing ids: 9 warnings one by one, the 10th counts the rest', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `missing-${i}`)
    await writeFile(join(scratch, 'missing.txt'), `# not pushed\n${ids.join('\n')}\n`)
    const result = await run({
      repository: SEEDED.api.repositoryName,
      'image-ids': '@missing.txt',
      'if-missing': 'warn'
    })
    expect(result.code).toBe(0)
    const warnings = level(result, 'warning')
    expect(warnings).toHaveLength(10)
    expect(warnings.slice(0, 9).map((w) => w.title)).toEqual(
      ids.slice(0, 9).map((id) => `team/api ${id}`)
    )
    expect(warnings[9]).toMatchObject({
      title: '2,991 more image ids',
      message: 'and 2,991 more not found; see the job summary'
    })
    expect(batchCalls()).toHaveLength(30)
    expect(result.outputs['missing-count']).toBe('3000')
    // The log table is capped too, with a count of what it leaves out.
    expect(result.stdout).toContain('… and 2,900 more rows (2,900 missing)')
    expect(
      result.stdout.split('\n').filter((line) => /^team\/api\s+missing-/.test(line))
    ).toHaveLength(100)
  })

  it('10 warnings or fewer are all shown, with no count', async () => {
    const result = await run({
      repository: SEEDED.api.repositoryName,
      'image-ids': Array.from({ length: 10 }, (_, i) => `gone-${i}`).join(' '),
      'if-missing': 'warn'
    })
    expect(level(result, 'warning').map((w) => w.title)).toEqual(
      Array.from({ length: 10 }, (_, i) => `team/api gone-${i}`)
    )
  })
})

describe('outputs within GitHub limits', () => {
  it('an output over 1 MiB is not set, a warning names it, the results file holds it', async () => {
    const result = await run({ repository: 'big/index', 'image-ids': 'v1' })
    expect(result.code).toBe(0)
    expect(result.outputs.images).toBeUndefined()
    expect(result.outputs.manifests).toBeUndefined()
    // The small outputs are always set.
    expect(result.outputs).toMatchObject({ digest: bigDigest, 'found-count': '1' })
    const path = join(scratch, 'ecr-batch-get-image-x.json')
    expect(result.outputs['results-file']).toBe(path)
    const warnings = level(result, 'warning').map((w) => w.message)
    expect(warnings).toEqual([
      expect.stringMatching(
        /^The output 'images' is not set: its value is [\d,]+ characters .*results-file output/
      ),
      expect.stringMatching(/^The output 'manifests' is not set/)
    ])
    const results = JSON.parse(await readFile(path, 'utf8')) as {
      images: { imageManifest: string }[]
      digest: string
      manifests: { platforms: unknown[] }[]
    }
    expect(results.images[0]?.imageManifest).toBe(BIG)
    expect(results.digest).toBe(bigDigest)
    expect(results.manifests[0]?.platforms).toHaveLength(12_000)
  })

  it('small outputs are set and also written to the results file', async () => {
    const result = await run({ repository: SEEDED.api.repositoryName, 'image-ids': 'v1.13.6' })
    expect(result.code).toBe(0)
    const results = JSON.parse(
      await readFile(result.outputs['results-file'] ?? '', 'utf8')
    ) as Record<string, unknown>
    expect(results.digest).toBe(result.outputs.digest)
    expect(results.images).toEqual(JSON.parse(result.outputs.images ?? ''))
    expect(results['found-count']).toBe('1')
  })
})

describe('lists from files', () => {
  it('10,000 ids over 100 repositories from a file: 100 calls, every id found', async () => {
    const lines = ['# the release, one reference per line', '']
    for (let r = 0; r < SCALE_REPOSITORIES; r++)
      for (let t = 0; t < TAGS_PER_REPOSITORY; t++)
        lines.push(`${scaleRepository(r)}:${scaleTag(t)}`)
    await writeFile(join(scratch, 'release.txt'), lines.join('\n'))
    const result = await run({ images: '@release.txt', summary: 'true' })
    expect(result.code).toBe(0)
    expect(result.outputs['found-count']).toBe('10000')
    expect(batchCalls()).toHaveLength(100)
    expect(result.outputs.images).toBeUndefined()
    const results = JSON.parse(await readFile(result.outputs['results-file'] ?? '', 'utf8')) as {
      digests: Record<string, string>
    }
    expect(Object.keys(results.digests)).toHaveLength(10_000)
    expect(results.digests['scale/r99:t099']).toBe(FIXTURES.ociImage.digest)
  })

  it('a line with two ids, and a file that cannot be read, are input problems naming the input', async () => {
    await writeFile(join(scratch, 'two.txt'), 'v1\nv2 v3\n')
    const bad = await run({ repository: SEEDED.api.repositoryName, 'image-ids': '@two.txt' })
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('image-ids (two.txt line 2): "v2 v3" has whitespace inside')
    const missing = await run({ images: '@nowhere.txt' })
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain('images: nowhere.txt does not exist.')
    expect(batchCalls()).toHaveLength(0)
  })
})
