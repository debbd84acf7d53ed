// The image config stage without the network: the parser (OCI and Docker configs, missing and
// mistyped fields, environment values never kept), the digest check, the require-labels parser
// and gate, the blob fetcher's dedupe and retries (with an injected clock), and the report facts
// (revision link, age) with hostile label values neutralised in Markdown and the log.
import { describe, expect, it } from '@jest/globals'
import type { Clock } from '../../src/clock.js'
import { fetchBlobs, type BlobSource, type BlobTarget } from '../../src/ecr/config-blobs.js'
import { parseRequireLabels } from '../../src/inputs/require-labels.js'
import { parseImageConfig, readConfigBlob } from '../../src/insight/image-config.js'
import { inspect } from '../../src/insight/inspect.js'
import { sharedLabels, unmetLabels } from '../../src/insight/label-gate.js'
import { readConfigs } from '../../src/insight/read-configs.js'
import { countedAnnotations, judge } from '../../src/insight/verdict.js'
import { DownloadError } from '../../src/net/blob-download.js'
import {
  addConfigFacts,
  builtAgo,
  labelsOutput,
  revisionCell
} from '../../src/reports/config-facts.js'
import { annotate } from '../../src/reports/job-result.js'
import { renderMarkdown } from '../../src/reports/render.js'
import { reportRows } from '../../src/reports/rows.js'
import type { ActionCore } from '../../src/runtime.js'
import type { ImageResult } from '../../src/types.js'
import { CONFIG_FIXTURES } from '../../server/config-fixtures.js'
import { FIXTURES, SEED_REGISTRY_ID } from '../../server/fixtures.js'
import { GATE_FIXTURES } from '../../server/gate-fixtures.js'
import type { GateFixtureName } from '../../server/gate-fixture-files.js'
import { sha256Digest } from '../../src/insight/integrity.js'

const SECRET = 'fixture-secret-never-shown'

describe('parseImageConfig', () => {
  it('reads an OCI config: platform, created, labels, user, ports, env names only', () => {
    const reading = parseImageConfig(CONFIG_FIXTURES.amd64Config.text)
    expect(reading).toEqual({
      config: {
        os: 'linux',
        architecture: 'amd64',
        platform: 'linux/amd64',
        created: '2026-11-28T12:00:00Z',
        labels: {
          'org.opencontainers.image.revision': '3f1c2b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a',
          'org.opencontainers.image.source': 'https://github.com/octo-org/octo-repo',
          'org.opencontainers.image.version': '4.2.0',
          'org.opencontainers.image.title': 'app'
        },
        user: '10001:10001',
        exposedPorts: ['8080/tcp'],
        envNames: ['PATH', 'API_TOKEN']
      }
    })
    expect(JSON.stringify(reading)).not.toContain(SECRET)
  })

  it('reads a Docker config with a variant and a nanosecond timestamp', () => {
    const reading = parseImageConfig(CONFIG_FIXTURES.arm64Config.text)
    expect(reading).toMatchObject({
      config: {
        os: 'linux',
        architecture: 'arm64',
        variant: 'v8',
        platform: 'linux/arm64/v8',
        created: '2026-11-28T12:00:05.123456789Z',
        user: 'app'
      }
    })
    expect(JSON.stringify(reading)).not.toContain(SECRET)
  })

  it('leaves out what is missing or of the wrong type, never guessing', () => {
    expect(parseImageConfig('{}')).toEqual({ config: { labels: {} } })
    expect(
      parseImageConfig(
        JSON.stringify({
          os: 7,
          architecture: 'amd64',
          created: 'yesterday',
          config: { Labels: { good: 'yes', bad: 3, nested: { a: 1 } }, User: ['root'], Env: 'A=1' }
        })
      )
    ).toEqual({ config: { architecture: 'amd64', labels: { good: 'yes' } } })
    // Platform parts are what a platform can be made of, so `linux/x` cannot pose as an os.
    expect(
      parseImageConfig(JSON.stringify({ os: 'linux/arm64', architecture: 'amd64\n', variant: '' }))
    ).toEqual({ config: { labels: {} } })
  })

  it('says a blob that is not a JSON object is unreadable', () => {
    for (const text of ['not json', '[]', 'null', '"x"'])
      expect(parseImageConfig(text)).toEqual({
        code: 'ConfigUnreadable',
        reason: 'the image config is not a JSON object'
      })
  })

  it('checks the blob against its digest before reading it', () => {
    const blob = Buffer.from(CONFIG_FIXTURES.amd64Config.text)
    expect(readConfigBlob(blob, CONFIG_FIXTURES.amd64Config.digest)).toHaveProperty('config')
    const other = CONFIG_FIXTURES.arm64Config.digest
    expect(readConfigBlob(blob, other)).toEqual({
      code: 'IntegrityError',
      reason: expect.stringContaining(`downloaded for ${other} hashes to ${sha256Digest(blob)}`)
    })
  })
})

describe('require-labels', () => {
  it('parses key=value and key lines, trimming blanks and skipping empty lines', () => {
    expect(parseRequireLabels('a.b=1\n\n  c  \r\nd= x=y ')).toEqual({
      ok: true,
      value: [{ key: 'a.b', value: '1' }, { key: 'c' }, { key: 'd', value: 'x=y' }]
    })
    expect(parseRequireLabels('')).toEqual({ ok: true, value: [] })
  })

  it('names every bad line', () => {
    const checked = parseRequireLabels('=v\nkey with space=1\na=1\na=2\na=1')
    expect(checked.ok).toBe(false)
    expect(!checked.ok && checked.problems).toEqual([
      expect.stringContaining('require-labels: "=v" does not start with a label key'),
      expect.stringContaining('"key with space=1" does not start with a label key'),
      expect.stringContaining('"a" is required twice with different values ("1" and "2")')
    ])
  })

  it('says which labels are missing or differ, with the value they have', () => {
    const labels = { rev: 'abc', version: '1.0' }
    expect(unmetLabels(labels, [{ key: 'rev', value: 'abc' }, { key: 'version' }])).toEqual([])
    expect(
      unmetLabels(labels, [{ key: 'rev', value: 'def' }, { key: 'source' }, { key: 'toString' }])
    ).toEqual([
      'label rev is "abc" (required "def")',
      'label source is missing (required to be present)',
      'label toString is missing (required to be present)'
    ])
  })

  it('takes the labels every platform shares as the image’s', () => {
    expect(
      sharedLabels([
        { a: '1', b: '2' },
        { a: '1', b: '3' }
      ])
    ).toEqual({ a: '1' })
    expect(sharedLabels([])).toEqual({})
  })
})

/** A clock that records the delays asked for and never waits. */
function recordingClock(): Clock & { slept: number[] } {
  const slept: number[] = []
  return { slept, now: () => 0, sleep: async (ms) => void slept.push(ms) }
}

const target = (digest: string, repositoryName = 'team/app'): BlobTarget => ({
  region: 'us-east-1',
  registryId: SEED_REGISTRY_ID,
  repositoryName,
  digest
})

describe('fetchBlobs', () => {
  const amd64 = CONFIG_FIXTURES.amd64Config

  function source(download: (url: URL) => Promise<Buffer>, fail?: Error) {
    const asked: string[] = []
    const blobSource: BlobSource = {
      clientFor: () => ({
        send: async (command) => {
          asked.push(command.input.layerDigest ?? '')
          if (fail) throw fail
          return {
            $metadata: {},
            layerDigest: command.input.layerDigest,
            downloadUrl: `https://bucket.s3.amazonaws.com/${command.input.layerDigest}?sig=x`
          }
        }
      }),
      download
    }
    return { blobSource, asked }
  }

  it('fetches each distinct blob once, whatever the repositories that name it', async () => {
    const { blobSource, asked } = source(async () => Buffer.from(amd64.text))
    const outcomes = await fetchBlobs(
      [target(amd64.digest), target(amd64.digest), target(amd64.digest, 'team/other')],
      blobSource,
      { clock: recordingClock(), maxAttempts: 3 }
    )
    expect(asked).toEqual([amd64.digest])
    expect([...outcomes.values()]).toEqual([
      { blob: Buffer.from(amd64.text) },
      { blob: Buffer.from(amd64.text) }
    ])
  })

  it('never quotes a hostile layerDigest that ECR echoes in the reason', async () => {
    const hostile = `sha256:x$(id)\n::error::pwned ${'A'.repeat(100_000)}`
    const blobSource: BlobSource = {
      clientFor: () => ({
        send: async () => ({ $metadata: {}, layerDigest: hostile, downloadUrl: 'https://s3/b' })
      }),
      download: async () => Buffer.from(amd64.text)
    }
    const [outcome] = [
      ...(
        await fetchBlobs([target(amd64.digest)], blobSource, {
          clock: recordingClock(),
          maxAttempts: 1
        })
      ).values()
    ]
    const reason = outcome && 'reason' in outcome ? outcome.reason : ''
    expect(reason).toContain('ECR answered for another blob')
    expect(reason).not.toContain('$(id)')
    expect(reason.length).toBeLessThan(500)
  })

  it('falls back to the next repository of a digest when one fails', async () => {
    const asked: string[] = []
    const blobSource: BlobSource = {
      clientFor: () => ({
        send: async (command) => {
          asked.push(command.input.repositoryName ?? '')
          if (command.input.repositoryName === 'team/denied')
            throw Object.assign(new Error('no'), { name: 'AccessDeniedException' })
          return { $metadata: {}, downloadUrl: 'https://s3.example/blob' }
        }
      }),
      download: async () => Buffer.from(amd64.text)
    }
    const outcomes = await fetchBlobs(
      [target(amd64.digest, 'team/denied'), target(amd64.digest, 'team/app')],
      blobSource,
      { clock: recordingClock(), maxAttempts: 1 }
    )
    expect(asked).toEqual(['team/denied', 'team/app'])
    // The bytes are checked against the digest, so where they came from does not matter.
    expect([...outcomes.values()].map((outcome) => 'blob' in outcome)).toEqual([true, true])
  })

  it('retries a retryable download with backoff, up to max-attempts', async () => {
    let attempts = 0
    const { blobSource } = source(async () => {
      attempts++
      throw new DownloadError('bucket.s3.amazonaws.com answered HTTP 503', true)
    })
    const clock = recordingClock()
    const outcomes = await fetchBlobs([target(amd64.digest)], blobSource, {
      clock,
      maxAttempts: 3,
      random: () => 0.5
    })
    expect(attempts).toBe(3)
    expect(clock.slept).toEqual([100, 200])
    expect([...outcomes.values()][0]).toEqual({
      reason: expect.stringContaining(
        'after 3 attempts (bucket.s3.amazonaws.com answered HTTP 503)'
      )
    })
  })

  it('recovers when a retry succeeds, and does not retry a 403', async () => {
    let attempts = 0
    const flaky = source(async () => {
      if (attempts++ === 0) throw new DownloadError('reset', true)
      return Buffer.from(amd64.text)
    })
    const recovered = await fetchBlobs([target(amd64.digest)], flaky.blobSource, {
      clock: recordingClock(),
      maxAttempts: 5
    })
    expect([...recovered.values()][0]).toEqual({ blob: Buffer.from(amd64.text) })

    let forbidden = 0
    const denied = source(async () => {
      forbidden++
      throw new DownloadError('bucket.s3.amazonaws.com answered HTTP 403', false)
    })
    await fetchBlobs([target(amd64.digest)], denied.blobSource, {
      clock: recordingClock(),
      maxAttempts: 5
    })
    expect(forbidden).toBe(1)
  })

  it('names ecr:GetDownloadUrlForLayer when access is denied', async () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' })
    const { blobSource } = source(async () => Buffer.from(''), denied)
    const outcomes = await fetchBlobs([target(amd64.digest)], blobSource, {
      clock: recordingClock(),
      maxAttempts: 5
    })
    expect([...outcomes.values()][0]).toEqual({
      reason:
        "Access denied reading the image config of repository 'team/app' in registry " +
        '123456789012, region us-east-1: the role needs ecr:GetDownloadUrlForLayer on ' +
        'arn:aws:ecr:us-east-1:123456789012:repository/team/app (AccessDeniedException: not authorized)'
    })
  })
})

describe('revision and age', () => {
  const rev = 'a'.repeat(40)
  it('links a commit revision to its GitHub repository', () => {
    expect(
      revisionCell({
        'org.opencontainers.image.revision': rev,
        'org.opencontainers.image.source': 'https://github.com/octo-org/octo-repo.git'
      })
    ).toBe(`[\`aaaaaaa\`](https://github.com/octo-org/octo-repo/commit/${rev})`)
  })

  it('links nothing when the source is not a GitHub repository URL or the revision not a commit', () => {
    for (const source of [
      'javascript:alert(1)',
      'https://github.com.evil.example/o/r',
      'https://github.com/o/r/../../x',
      'http://github.com/o/r',
      'https://gitlab.com/o/r'
    ])
      expect(
        revisionCell({
          'org.opencontainers.image.revision': rev,
          'org.opencontainers.image.source': source
        })
      ).toBe('`aaaaaaa`')
    expect(
      revisionCell({
        'org.opencontainers.image.revision': 'v1](https://evil.example)',
        'org.opencontainers.image.source': 'https://github.com/o/r'
      })
    ).toBe('v1\\]\\(https:&#8203;//evil.example\\)')
  })

  it('says how old an image is by the clock it is given', () => {
    const now = Date.parse('2026-12-01T12:00:00Z')
    expect(builtAgo('2026-11-28T11:00:00Z', now)).toBe('built 3 days ago')
    expect(builtAgo('2026-12-01T11:00:00Z', now)).toBe('built 1 hour ago')
    expect(builtAgo('2026-12-01T11:59:59Z', now)).toBe('built less than a minute ago')
    expect(builtAgo('2024-01-01T00:00:00Z', now)).toBe('built 2 years ago')
    expect(builtAgo('2027-01-01T00:00:00Z', now)).toBe(
      "built 2027-01-01T00:00:00Z (in the future by this runner's clock)"
    )
  })
})

describe('hostile labels through the pipeline', () => {
  const HOSTILE =
    '<script>x</script> [a](https://evil.example) @octocat #1 | cell |\n::error::pwned ##[group]'

  it('are neutralised in the summary, the annotations and the log; env values never show', async () => {
    const config = JSON.stringify({
      os: 'linux',
      architecture: 'amd64',
      created: '2026-11-30T12:00:00Z',
      config: {
        User: HOSTILE,
        Env: [`TOKEN=${SECRET}`],
        Labels: {
          'org.opencontainers.image.revision': HOSTILE,
          'org.opencontainers.image.version': HOSTILE
        }
      }
    })
    const digest = sha256Digest(config)
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: 1, digest },
      layers: []
    })
    const result: ImageResult = {
      request: { key: 'v1', region: 'us-east-1', repositoryName: 'team/app', imageTag: 'v1' },
      image: {
        registryId: SEED_REGISTRY_ID,
        repositoryName: 'team/app',
        imageId: { imageTag: 'v1', imageDigest: sha256Digest(manifest) },
        imageManifest: manifest,
        imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json'
      }
    }
    const blobSource: BlobSource = {
      clientFor: () => ({
        send: async () => ({ $metadata: {}, downloadUrl: 'https://s3.example/blob' })
      }),
      download: async () => Buffer.from(config)
    }
    const inputs = {
      resolvePlatforms: false,
      requireLabels: [{ key: 'org.opencontainers.image.revision', value: 'x' }]
    }
    const inspected = await readConfigs(inspect([result], undefined), [], inputs, {
      source: blobSource,
      clock: recordingClock(),
      maxAttempts: 1
    })
    const policies = { ifMissing: 'fail', ifExists: 'ignore' } as const
    const verdicts = inspected.map(({ result: r, ...inspection }) => judge(r, policies, inspection))
    expect(verdicts[0]).toMatchObject({ status: 'failed', code: 'LabelMismatch' })

    const logged: string[] = []
    const core = {
      error: (message: string) => logged.push(message),
      warning: (message: string) => logged.push(message),
      notice: (message: string) => logged.push(message)
    } as unknown as ActionCore
    annotate(core, countedAnnotations(verdicts))
    expect(logged).toHaveLength(1)
    expect(logged[0]).not.toMatch(/[\n\r]/)
    expect(logged[0]).not.toContain('##[group]')

    const rows = reportRows(verdicts, undefined)
    addConfigFacts(rows, verdicts, Date.parse('2026-12-01T12:00:00Z'))
    const markdown = renderMarkdown({ title: 'ECR images', rows, notes: [] })
    expect(markdown).toContain('built 1 day ago')
    expect(markdown).not.toContain('<script>')
    expect(markdown).not.toContain('](https://evil')
    expect(markdown).not.toMatch(/[^\\]@octocat/)
    expect(markdown).not.toMatch(/\| cell \|/)
    expect(markdown).not.toContain(SECRET)
    expect(labelsOutput(verdicts).text).not.toContain(SECRET)
    expect(JSON.parse(labelsOutput(verdicts).text)).toEqual({
      v1: {
        'org.opencontainers.image.revision': HOSTILE,
        'org.opencontainers.image.version': HOSTILE
      }
    })
  })
})

describe('configs the gates read whole, and the platform an index claims', () => {
  const blobs = new Map(
    (['amd64Config', 'arm64Config', 'manyLabelsConfig'] as const).map((name) => [
      GATE_FIXTURES[name].digest,
      Buffer.from(GATE_FIXTURES[name].text)
    ])
  )
  const source: BlobSource = {
    clientFor: () => ({
      send: async (command) => {
        const digest = command.input.layerDigest ?? ''
        if (!blobs.has(digest))
          throw Object.assign(new Error(`no layer ${digest}`), { name: 'LayersNotFoundException' })
        return { $metadata: {}, layerDigest: digest, downloadUrl: `https://s3.example/${digest}` }
      }
    }),
    download: async (url) => blobs.get(url.pathname.slice(1))!
  }
  const answer = (name: GateFixtureName, tag?: string): ImageResult => {
    const { text, digest } = GATE_FIXTURES[name]
    return {
      request: {
        key: tag ?? digest,
        region: 'us-east-1',
        repositoryName: 'team/gates',
        registryId: SEED_REGISTRY_ID,
        ...(tag ? { imageTag: tag } : { imageDigest: digest })
      },
      image: { imageId: { imageDigest: digest }, imageManifest: text }
    }
  }
  const children = (['amd64', 'arm64', 'amd64Listed', 'noConfigBlob'] as const).map((name) =>
    answer(name)
  )
  async function judged(
    name: GateFixtureName,
    inputs: Parameters<typeof readConfigs>[2]
  ): Promise<ReturnType<typeof judge>> {
    const [entry] = await readConfigs(
      inspect([answer(name, 'v1')], inputs.platform),
      children,
      inputs,
      { source, clock: recordingClock(), maxAttempts: 1 }
    )
    const { result, ...inspection } = entry!
    return judge(result, { ifMissing: 'fail', ifExists: 'ignore' }, inspection)
  }
  const REVISION = 'org.opencontainers.image.revision'

  it('reads every label: one after the 200th passes, and a wrong value fails', async () => {
    const labels = parseImageConfig(GATE_FIXTURES.manyLabelsConfig.text)
    expect('config' in labels && Object.keys(labels.config.labels)).toHaveLength(300)
    const passed = await judged('manyLabels', {
      resolvePlatforms: false,
      requireLabels: [{ key: REVISION }]
    })
    expect(passed).toMatchObject({ status: 'found', failsJob: false })
    expect(Object.keys(passed.labels!)).toHaveLength(300)
    // The outputs show the first 200 and count the rest.
    expect(Object.keys(JSON.parse(labelsOutput([passed]).text).v1)).toHaveLength(200)
    const failed = await judged('manyLabels', {
      resolvePlatforms: false,
      requireLabels: [{ key: REVISION, value: 'other' }]
    })
    expect(failed).toMatchObject({ status: 'failed', code: 'LabelMismatch' })
  })

  it('fails an index entry whose config says another platform, naming both', async () => {
    const verdict = await judged('mismatch', { resolvePlatforms: true, readConfig: true })
    expect(verdict).toMatchObject({ status: 'failed', code: 'PlatformMismatch' })
    expect(verdict.reason).toBe(
      `the index lists ${GATE_FIXTURES.amd64Listed.digest} as linux/arm64/v8, but its config ` +
        'says linux/amd64'
    )
    // The same platform written otherwise (arm64 ≡ arm64/v8) is no contradiction.
    const multi = await judged('multi', { resolvePlatforms: true, readConfig: true })
    expect(multi).toMatchObject({ status: 'found', failsJob: false })
  })

  it('pins nothing of an index whose picked child contradicts it, even when labels pass', async () => {
    const verdict = await judged('mismatch', {
      resolvePlatforms: false,
      platform: { os: 'linux', architecture: 'arm64' },
      requireLabels: [{ key: REVISION }]
    })
    expect(verdict.codes).toEqual(['PlatformMismatch'])
    expect(verdict.platformDigest).toBeUndefined()
  })

  it('names the platform asked and the cause when a config cannot be read', async () => {
    const verdict = await judged('noConfigBlob', {
      resolvePlatforms: false,
      platform: { os: 'linux', architecture: 'arm64' },
      requireLabels: [{ key: REVISION }]
    })
    expect(verdict).toMatchObject({ status: 'failed', code: 'ConfigUnreadable' })
    expect(verdict.reason).toMatch(
      /^team\/gates v1: its platform \(linux\/arm64 asked\) cannot be verified and require-labels cannot be checked: ECR has no blob sha256:\w+ in repository 'team\/gates'/
    )
    expect(verdict.platformDigest).toBeUndefined()
  })

  it('fails require-labels on every platform it cannot read, naming each', async () => {
    const verdict = await judged('multiNoConfig', {
      resolvePlatforms: false,
      requireLabels: [{ key: REVISION }]
    })
    expect(verdict.code).toBe('ConfigUnreadable')
    expect(verdict.reason).toMatch(
      /^team\/gates v1: require-labels cannot be checked: linux\/arm64\/v8: ECR has no blob /
    )
  })

  it('fails an index without platform images, a schema 1 image or an unknown manifest when a gate asks', async () => {
    const gate = { resolvePlatforms: false, requireLabels: [{ key: REVISION }] }
    expect((await judged('attestationsOnly', gate)).reason).toBe(
      'team/gates v1: require-labels cannot be checked: the index lists no platform image'
    )
    const schema1: ImageResult = {
      ...answer('prod', 'v1'),
      image: {
        imageId: { imageDigest: FIXTURES.dockerSchema1Signed.digest },
        imageManifest: FIXTURES.dockerSchema1Signed.manifest
      }
    }
    const policies = { ifMissing: 'fail', ifExists: 'ignore' } as const
    const asked: Parameters<typeof readConfigs>[2][] = [
      gate,
      { resolvePlatforms: false, platform: { os: 'linux', architecture: 'amd64' } }
    ]
    for (const inputs of asked) {
      const [entry] = await readConfigs(inspect([schema1], inputs.platform), [], inputs, {
        source,
        clock: recordingClock(),
        maxAttempts: 1
      })
      const { result, ...inspection } = entry!
      expect(judge(result, policies, inspection)).toMatchObject({
        code: 'ConfigUnreadable',
        reason: expect.stringMatching(/: a Docker schema 1 manifest has no image config$/)
      })
    }
    // Nothing asked of it but to show its config: nothing to show, nothing failed.
    const [shown] = await readConfigs(
      inspect([schema1], undefined),
      [],
      { resolvePlatforms: false, readConfig: true },
      {
        source,
        clock: recordingClock(),
        maxAttempts: 1
      }
    )
    expect(shown!.configProblem).toBeUndefined()
  })
})
