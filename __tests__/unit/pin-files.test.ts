// pin-files from the inputs to the new text: globs expanded through an injected file system, the
// references decided from real verdicts, and the rewritten text byte for byte the old one except
// for the references. Also the diff for the log and the summary section.
import { describe, expect, it } from '@jest/globals'
import { readPinFiles, type PinFile, type PinSource } from '../../src/inputs/pin-files.js'
import type { Verdict } from '../../src/insight/verdict.js'
import { fileSystem, readFiles, verdictFor } from '../helpers/pin-files.js'
import { applyPins } from '../../src/reports/pin-apply.js'
import { annotate } from '../../src/reports/job-result.js'
import { planPins } from '../../src/reports/pin-files.js'
import { splice } from '../../src/text.js'
import { renderPinSummary } from '../../src/reports/pin-summary.js'
import { unifiedDiff } from '../../src/reports/unified-diff.js'
import { escapeCell } from '../../src/reports/escape.js'
import { FIXTURES, SEED_REGISTRY_ID } from '../../server/fixtures.js'
import type { ActionCore, AnnotationProperties } from '../../src/runtime.js'
import type { ImageLookup } from '../../src/types.js'
import { outputText } from '../../src/reports/json-output.js'

const HOST = `${SEED_REGISTRY_ID}.dkr.ecr.us-east-1.amazonaws.com`
const API = `${HOST}/team/api`
const IMAGE = FIXTURES.dockerImage
const LIST = FIXTURES.dockerList

const read = readFiles

function plan(files: PinFile[], lookups: ImageLookup[], verdicts?: Verdict[], platform = false) {
  return planPins(files, verdicts ?? lookups.map((lookup) => verdictFor(lookup)), platform)
}

describe('readPinFiles', () => {
  it('scans each matched file once and asks each tag once, by tag alone', async () => {
    const source = await read(
      {
        'a.yaml': `x: ${API}:v1\ny: ${API}:v1@${LIST.digest}\n`,
        'b.yaml': `z: ${API}@${IMAGE.digest}\n`
      },
      '*.yaml a.yaml'
    )
    expect(source.mode).toBe('write')
    expect(source.files.map((file) => [file.path, file.references.length])).toEqual([
      ['a.yaml', 2],
      ['b.yaml', 1]
    ])
    expect(source.lookups).toEqual([
      {
        key: `${API}:v1`,
        registryId: SEED_REGISTRY_ID,
        region: 'us-east-1',
        repositoryName: 'team/api',
        imageTag: 'v1'
      },
      {
        key: `${API}@${IMAGE.digest}`,
        registryId: SEED_REGISTRY_ID,
        region: 'us-east-1',
        repositoryName: 'team/api',
        imageDigest: IMAGE.digest
      }
    ])
  })

  it('reports every glob and file problem together', async () => {
    const source = await readPinFiles(
      '../up.yaml /abs.yaml k8s/../../x.yaml none.yaml bin.dat bad.yaml',
      'CHECK',
      fileSystem({
        'bin.dat': Buffer.from([0xff, 0xfe, 0x41]),
        'bad.yaml': 'image: 123456789012.dkr.ecr.us-east-1.amazonaws.com.cn/team/api:v1'
      })
    )
    expect(source).toEqual({
      ok: false,
      problems: [
        'pin-files: "../up.yaml" is outside the workspace; give globs relative to GITHUB_WORKSPACE, like k8s/**/*.yaml.',
        'pin-files: "/abs.yaml" is outside the workspace; give globs relative to GITHUB_WORKSPACE, like k8s/**/*.yaml.',
        'pin-files: "k8s/../../x.yaml" is outside the workspace; give globs relative to GITHUB_WORKSPACE, like k8s/**/*.yaml.',
        'pin-files: "none.yaml" matches no file in the workspace; check the path, or remove the glob.',
        'pin-files: bin.dat is not UTF-8 text.',
        'pin-files: bad.yaml:1: the registry host "123456789012.dkr.ecr.us-east-1.amazonaws.com.cn" ends in amazonaws.com.cn, but us-east-1 registries are under amazonaws.com.'
      ]
    })
    // pin-mode is read in any letter case, as every choice input is.
    expect((await read({ 'a.yaml': '' }, 'a.yaml', 'CHECK')).mode).toBe('check')
  })

  it('refuses a workspace that is not set', async () => {
    const source = await readPinFiles('a.yaml', '', undefined)
    expect(source.ok).toBe(false)
  })
})

describe('planPins', () => {
  it('changes only the reference bytes: comments, quotes, tabs, a BOM and CRLF stay', async () => {
    const text =
      '\uFEFF# deploy\r\n' +
      `image: "${API}:v1" # keep this comment\r\n` +
      `\tsidecar: '${API}:v2'\t\r\n` +
      `other: ghcr.io/o/r:v1\r\n` +
      `pinned: ${API}:v1@${IMAGE.digest}\r\n` +
      'no newline at the end'
    // Not YAML (tabs indent it): read by the text rules alone, as any other text.
    const source = await read({ 'a.txt': text })
    const { changes, entries, pins } = plan(source.files, source.lookups)
    const pinnedV1 = `${API}:v1@${IMAGE.digest}`
    expect(changes.map((change) => change.text)).toEqual([
      text
        .replace(`"${API}:v1"`, `"${pinnedV1}"`)
        .replace(`'${API}:v2'`, `'${API}:v2@${IMAGE.digest}'`)
    ])
    expect(entries.map((entry) => [entry.line, entry.status])).toEqual([
      [2, 'unpinned'],
      [3, 'unpinned'],
      [5, 'pinned']
    ])
    expect(pins).toEqual({
      [`${API}:v1`]: pinnedV1,
      [`${API}:v2`]: `${API}:v2@${IMAGE.digest}`,
      [pinnedV1]: pinnedV1
    })
  })

  it('leaves a file already pinned unchanged, and re-pins a moved tag naming the old digest', async () => {
    const source = await read({
      'ok.yaml': `a: ${API}:v1@${IMAGE.digest}\nb: ${API}@${LIST.digest}\n`,
      'moved.yaml': `a: ${API}:v1@${LIST.digest}\n`
    })
    const result = plan(source.files, source.lookups)
    expect(result.changes.map((change) => [change.file.path, change.text])).toEqual([
      ['moved.yaml', `a: ${API}:v1@${IMAGE.digest}\n`]
    ])
    expect(result.entries.map((entry) => [entry.file, entry.status, entry.oldDigest])).toEqual([
      ['ok.yaml', 'pinned', undefined],
      ['ok.yaml', 'by-digest', undefined],
      ['moved.yaml', 'moved', LIST.digest]
    ])
  })

  it('leaves a reference whose image is missing, and never writes a value that is not a digest', async () => {
    const source = await read({ 'a.yaml': `a: ${API}:gone\nb: ${API}:v1\n` })
    const bad = verdictFor(source.lookups[1]!)
    bad.digest = 'sha256:NOT-A-DIGEST\n::error::x'
    const result = plan(source.files, source.lookups, [verdictFor(source.lookups[0]!), bad])
    expect(result.changes).toEqual([])
    expect(result.entries.map((entry) => entry.status)).toEqual(['unresolved', 'unresolved'])
    expect(result.pins).toEqual({})
  })

  it('pins the platform digest when platform is set', async () => {
    const source = await read({ Dockerfile: `FROM ${API}:v2\n` })
    const verdict = verdictFor(source.lookups[0]!, LIST)
    verdict.platformDigest = FIXTURES.dockerListArm64.digest
    const result = plan(source.files, source.lookups, [verdict], true)
    expect(result.changes[0]?.text).toBe(`FROM ${API}:v2@${FIXTURES.dockerListArm64.digest}\n`)
    expect(plan(source.files, source.lookups, [verdict], false).changes[0]?.text).toBe(
      `FROM ${API}:v2@${LIST.digest}\n`
    )
  })
})

describe('splice', () => {
  it('replaces the ranges in any order and keeps every other character', async () => {
    expect(
      splice('0123456789', [
        { start: 7, end: 9, text: 'B' },
        { start: 1, end: 3, text: 'AAAA' }
      ])
    ).toBe('0AAAA3456B9')
    expect(splice('same', [])).toBe('same')
  })
})

describe('unifiedDiff', () => {
  it('prints diff -u hunks, merging close changes and dropping \\r', async () => {
    const before = 'a\r\nb\r\nc\r\nd\r\ne\r\nf\r\ng\r\nh\r\ni\r\nj\r\nk\r\nl\r\nm\r\nn\r\n'
    const after = before.replace('b', 'B').replace('d', 'D').replace('n', 'N')
    expect(unifiedDiff('x.yaml', before, after)).toBe(
      [
        '--- a/x.yaml',
        '+++ b/x.yaml',
        '@@ -1,7 +1,7 @@',
        ' a',
        '-b',
        '+B',
        ' c',
        '-d',
        '+D',
        ' e',
        ' f',
        ' g',
        '@@ -11,4 +11,4 @@',
        ' k',
        ' l',
        ' m',
        '-n',
        '+N'
      ].join('\n')
    )
    expect(unifiedDiff('x', 'same\n', 'same\n')).toBe('')
  })
})

describe('renderPinSummary', () => {
  it('lists file:line, before and after, within its budget', async () => {
    const source = await read({
      'a.yaml': Array.from({ length: 50 }, (_, i) => `- ${API}:v${i}`).join('\n')
    })
    const { entries } = plan(source.files, source.lookups)
    const full = renderPinSummary(entries, { check: false, written: true })
    expect(full).toContain('50 ECR reference(s) in 1 file(s): 50 pinned.')
    expect(full).toContain(`| a.yaml:2 | \`${API}:v1\` | \`${API}:v1@${IMAGE.digest}\` | pinned |`)
    const clipped = renderPinSummary(entries, { check: true, written: false, limit: 2_000 })
    expect(Buffer.byteLength(clipped)).toBeLessThanOrEqual(2_000)
    expect(clipped).toContain('pin-mode is check: no file was changed.')
    expect(clipped).toMatch(/\n\d+ more not shown; the log lists them all\.\n/)
    expect(clipped).toContain('❌ not pinned')
  })
})

describe('applyPins', () => {
  function recordingCore() {
    const lines: string[] = []
    const annotations: { level: string; message: string; properties?: AnnotationProperties }[] = []
    const core: ActionCore = {
      getInput: () => '',
      setOutput: () => undefined,
      info: (message) => void lines.push(message),
      debug: () => undefined,
      isDebug: () => false,
      notice: (message, properties) =>
        void annotations.push({ level: 'notice', message, properties }),
      warning: (message, properties) =>
        void annotations.push({ level: 'warning', message, properties }),
      error: (message, properties) =>
        void annotations.push({ level: 'error', message, properties }),
      setFailed: () => undefined,
      appendSummary: async () => undefined
    }
    return { core, lines, annotations }
  }
  const twelve = Array.from({ length: 12 }, (_, i) => `- ${API}:v${i}`).join('\n') + '\n'
  /** applyPins on what ECR answers for each lookup (the fixture image, or ImageNotFound). */
  const apply = (core: ActionCore, pins: PinSource, jobFails = false) =>
    applyPins({
      core,
      pins,
      verdicts: pins.lookups.map((lookup) => verdictFor(lookup)),
      platform: false,
      jobFails
    })

  it('hands each changed file to be written once, with its diff in the log', async () => {
    const { core, lines } = recordingCore()
    const source = await read({ 'a.yaml': `a: ${API}:v1\n`, 'b.yaml': 'nothing\n' })
    const outcome = apply(core, source)
    expect(outcome.writes).toEqual([
      { path: 'a.yaml', read: source.files[0]!.read, text: `a: ${API}:v1@${IMAGE.digest}\n` }
    ])
    expect(outputText(outcome.outputs['pinned-files']!)).toBe('["a.yaml"]')
    expect(outcome.failure).toBeUndefined()
    expect(lines).toContain(
      `Pinned a.yaml:\n--- a/a.yaml\n+++ b/a.yaml\n@@ -1,1 +1,1 @@\n-a: ${API}:v1\n+a: ${API}:v1@${IMAGE.digest}`
    )
  })

  it('writes nothing when the job fails', async () => {
    const { core, lines } = recordingCore()
    const source = await read({ 'a.yaml': `a: ${API}:v1\n` })
    const outcome = apply(core, source, true)
    expect(outputText(outcome.outputs['pinned-files']!)).toBe('[]')
    expect(outcome.writes).toEqual([])
    expect(lines).toContain('The job fails (see the annotations): no file was written.')
  })

  it('in check mode, annotates file and line within GitHub’s 10 errors, and fails', async () => {
    const { core, annotations } = recordingCore()
    const source = await read({ 'a.yaml': twelve }, 'a.yaml', 'check')
    const outcome = apply(core, source)
    // One on the file and line of each reference; job-result.ts shows them within the budget.
    expect(annotations).toEqual([])
    expect(outcome.annotations).toHaveLength(12)
    expect(outcome.annotations[0]).toEqual({
      annotation: {
        level: 'error',
        title: 'Unpinned image reference',
        message: `${API}:v0 is not pinned; pin it as ${API}:v0@${IMAGE.digest}.`,
        file: { path: 'a.yaml', line: 1, column: 3 }
      },
      about: 'unpinned references',
      unit: 'references'
    })
    const shown: { level: string; message: string; properties?: AnnotationProperties }[] = []
    annotate(
      {
        ...core,
        error: (message, properties) => void shown.push({ level: 'error', message, properties })
      },
      outcome.annotations,
      { error: 1 }
    )
    // 8 on their lines, one saying how many more; setFailed's own error makes 10.
    expect(shown).toHaveLength(9)
    expect(shown[0]?.properties).toEqual({
      title: 'Unpinned image reference',
      file: 'a.yaml',
      startLine: 1,
      startColumn: 3
    })
    expect(shown[8]).toMatchObject({
      message: 'and 4 more unpinned references; see the job summary',
      properties: { title: '4 more references' }
    })
    expect(outcome.failure).toContain('pin-mode is check and 12 ECR reference(s)')
  })

  it('shows 20 diffs, each bounded, and counts the other files', async () => {
    const { core, lines } = recordingCore()
    const files = Object.fromEntries(
      Array.from({ length: 25 }, (_, i) => [
        `f${String(i).padStart(2, '0')}.yaml`,
        `a: ${API}:v1\n`
      ])
    )
    const source = await read(files, '*.yaml')
    const outcome = apply(core, source)
    expect(outcome.writes).toHaveLength(25)
    expect(lines.filter((line) => line.startsWith('Pinned '))).toHaveLength(20)
    expect(lines).toContain('… and 5 more file(s) pinned; their diffs are not shown.')
  })

  describe('what is left alone', () => {
    const COMPOSE = [
      'services:',
      '  api:',
      '    build: .',
      `    image: ${API}:v1`,
      '  web:',
      `    image: ${API}:release-\${GIT_SHA}`,
      '  worker:',
      `    image: ${API}:v1`,
      ''
    ].join('\n')

    function apply(source: Awaited<ReturnType<typeof read>>) {
      const recorded = recordingCore()
      const outcome = applyPins({
        core: recorded.core,
        pins: source,
        verdicts: source.lookups.map((lookup) => verdictFor(lookup)),
        platform: false,
        jobFails: false
      })
      return { ...recorded, written: outcome.writes.map(({ text }) => text), outcome }
    }

    it('plans skipped and build outputs beside the pins, in file order, and never in pins', async () => {
      const source = await read({ 'compose.yaml': COMPOSE })
      const result = plan(source.files, source.lookups)
      expect(result.entries.map((entry) => [entry.line, entry.status, entry.before])).toEqual([
        [4, 'build-output', `${API}:v1`],
        [6, 'skipped', `${API}:release-\${GIT_SHA}`],
        [8, 'unpinned', `${API}:v1`]
      ])
      expect(result.entries[1]?.reason).toBe(
        'the tag runs into template syntax (${), so the reference it renders is not known'
      )
      expect(result.pins).toEqual({ [`${API}:v1`]: `${API}:v1@${IMAGE.digest}` })
      expect(result.changes.map((change) => change.text)).toEqual([
        COMPOSE.replace(`    image: ${API}:v1\n  \n`, '').replace(
          `  worker:\n    image: ${API}:v1`,
          `  worker:\n    image: ${API}:v1@${IMAGE.digest}`
        )
      ])
    })

    it('in write mode, warns on the file and line of each one skipped, and passes', async () => {
      const { outcome, lines, written } = apply(await read({ 'compose.yaml': COMPOSE }))
      expect(written).toHaveLength(1)
      expect(outcome.failure).toBeUndefined()
      expect(outcome.annotations.map(({ annotation }) => annotation)).toEqual([
        {
          level: 'warning',
          title: 'Image reference not pinned',
          message: `${API}:release-\${GIT_SHA} was left as it is: the tag runs into template syntax (\${), so the reference it renders is not known.`,
          file: { path: 'compose.yaml', line: 6, column: 12 }
        }
      ])
      expect(lines).toContain(
        `compose.yaml:4:12: ${API}:v1 is a build output, never pinned: service "api" builds it (build:), so its image: names what the build produces`
      )
      expect(lines).toContain(
        `compose.yaml:6:12: ${API}:release-\${GIT_SHA} is left as it is: the tag runs into template syntax (\${), so the reference it renders is not known`
      )
      expect(outcome.summary).toContain(
        '3 ECR reference(s) in 1 file(s): 1 build output, never pinned, 1 ⚠️ skipped, 1 pinned.'
      )
      // Cells escaped as every summary cell is (what the file says is untrusted text).
      const skippedReason =
        'the tag runs into template syntax (${), so the reference it renders is not known'
      expect(outcome.summary).toContain(
        `| compose.yaml:6 | ${escapeCell(`${API}:release-\${GIT_SHA}`)} | — | ${escapeCell(`⚠️ skipped: ${skippedReason}`)} |`
      )
      const buildReason =
        'service "api" builds it (build:), so its image: names what the build produces'
      expect(outcome.summary).toContain(
        `| compose.yaml:4 | \`${API}:v1\` | — | ${escapeCell(`build output, never pinned: ${buildReason}`)} |`
      )
    })

    it('in check mode, fails for what it could not verify, and not for build outputs', async () => {
      const { outcome, lines } = apply(
        await read({ 'compose.yaml': COMPOSE }, 'compose.yaml', 'check')
      )
      expect(
        outcome.annotations.map(({ annotation }) => [annotation.title, annotation.file?.line])
      ).toEqual([
        ['Unverified image reference', 6],
        ['Unpinned image reference', 8]
      ])
      expect(outcome.annotations[0]?.annotation.message).toBe(
        `${API}:release-\${GIT_SHA} cannot be verified: the tag runs into template syntax (\${), so the reference it renders is not known.`
      )
      expect(outcome.annotations[0]?.about).toBe('unverified references')
      expect(outcome.failure).toBe(
        'pin-mode is check and 1 ECR reference(s) in pin-files are not pinned to the digest their ' +
          'tag resolves to; run with pin-mode: write to pin them; and 1 ECR reference(s) in ' +
          'pin-files could not be verified (each is annotated with why); write them as references ' +
          'the action reads, or leave them out of pin-files.'
      )
      expect(lines).toContain(
        `compose.yaml:6:12: ${API}:release-\${GIT_SHA} is not verified: the tag runs into template syntax (\${), so the reference it renders is not known`
      )
      expect(outcome.summary).toContain(`| ${escapeCell('❌ not verified: the tag runs into')}`)

      // Build outputs alone, beside references pinned right: check mode passes.
      const clean = COMPOSE.replace(/ {2}web:\n.*\n/, '').replace(
        `  worker:\n    image: ${API}:v1`,
        `  worker:\n    image: ${API}:v1@${IMAGE.digest}`
      )
      const passing = apply(await read({ 'compose.yaml': clean }, 'compose.yaml', 'check'))
      expect(passing.outcome.failure).toBeUndefined()
      expect(passing.outcome.annotations).toEqual([])
    })

    it('lists at most 1,000 entries in the log, and counts the rest', async () => {
      const text = Array.from({ length: 1_005 }, (_, i) => `R${i}=${HOST}`).join('\n')
      const { lines, outcome } = apply(await read({ 'many.env': text }))
      const entryLines = lines.filter((line) => line.startsWith('many.env:'))
      expect(entryLines).toHaveLength(1_000)
      expect(entryLines[999]).toBe(
        `many.env:1000:6: ${HOST} is left as it is: a registry host alone names no image`
      )
      expect(lines).toContain('… and 5 more (the job summary counts them).')
      expect(outcome.summary).toContain('1005 ECR reference(s) in 1 file(s): 1005 ⚠️ skipped.')
      expect(outcome.summary).toMatch(/\n\d+ more not shown; the log lists the first 1,000\.\n/)
    })

    it('fails check mode for an ECR host it does not understand, alone', async () => {
      const { outcome } = apply(
        await read({ 'ci.yml': `env:\n  REGISTRY: ${HOST}\n` }, 'ci.yml', 'check')
      )
      expect(outcome.failure).toBe(
        'pin-mode is check and 1 ECR reference(s) in pin-files could not be verified (each is ' +
          'annotated with why); write them as references the action reads, or leave them out of ' +
          'pin-files.'
      )
      expect(outcome.annotations[0]?.annotation).toMatchObject({
        message: `${HOST} cannot be verified: a registry host alone names no image.`,
        file: { path: 'ci.yml', line: 2, column: 13 }
      })
    })
  })
})
