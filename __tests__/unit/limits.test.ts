// GitHub's limits kept (annotation-budget.ts, results-file.ts, the log table) and list files
// (list-file.ts), as pure functions.
import { afterAll, describe, expect, it } from '@jest/globals'
import { withinBudget, type CountedAnnotation } from '../../src/insight/annotation-budget.js'
import { imageIdsInput, imageReferencesInput, isFileReference } from '../../src/inputs/list-file.js'
import { renderLogTable } from '../../src/reports/log-table.js'
import type { ReportRow } from '../../src/reports/render.js'
import {
  outputsWithinLimits,
  OUTPUT_LIMIT,
  resultsFileText
} from '../../src/reports/results-file.js'
import { JsonOutput } from '../../src/reports/json-output.js'
import type { ActionCore } from '../../src/runtime.js'
import { tempWorkspace } from '../helpers/temp-workspace.js'

const entry = (level: 'error' | 'warning', about: string, n: number): CountedAnnotation => ({
  annotation: { level, title: `id ${n}`, message: `${about} ${n}` },
  about
})

describe('withinBudget', () => {
  it('10 per level pass as they are', () => {
    const entries = Array.from({ length: 10 }, (_, n) => entry('warning', 'not found', n))
    expect(withinBudget(entries)).toEqual(entries.map((e) => e.annotation))
  })

  it('past 10, 9 are shown and the 10th counts the rest, per level', () => {
    const entries = [
      ...Array.from({ length: 3000 }, (_, n) => entry('warning', 'not found', n)),
      ...Array.from({ length: 12 }, (_, n) => entry('error', n % 2 ? 'failed' : 'not found', n))
    ]
    const shown = withinBudget(entries)
    const warnings = shown.filter((a) => a.level === 'warning')
    const errors = shown.filter((a) => a.level === 'error')
    expect(warnings).toHaveLength(10)
    expect(warnings[9]).toEqual({
      level: 'warning',
      title: '2,991 more image ids',
      message: 'and 2,991 more not found; see the job summary'
    })
    expect(errors).toHaveLength(10)
    expect(errors[9]?.message).toBe('and 3 more (2 failed, 1 not found); see the job summary')
  })
})

describe('the log table', () => {
  const row = (n: number, result: ReportRow['result']): ReportRow => ({
    repository: 'team/api',
    id: `t${n}`,
    result
  })

  it('shows 100 rows and counts the rest by result', () => {
    const rows = Array.from({ length: 10_000 }, (_, n) => row(n, n % 4 ? 'found' : 'missing'))
    const lines = renderLogTable(rows).split('\n')
    expect(lines).toHaveLength(102)
    expect(lines[101]).toBe(
      '… and 9,900 more rows (2,475 missing, 7,425 found); the job summary and the results-file output have every id.'
    )
  })

  it('100 rows or fewer: no count', () => {
    expect(renderLogTable([row(1, 'found')]).split('\n')).toHaveLength(2)
  })
})

describe('outputs within limits', () => {
  const warnings: string[] = []
  const core = {
    warning: (message: string) => void warnings.push(message)
  } as unknown as ActionCore

  it('writes every output to the results file, JSON outputs as JSON, and leaves out the big ones', () => {
    const written: { path: string; text: string }[] = []
    const big = ['x'.repeat(OUTPUT_LIMIT)]
    const outputs = { digest: 'sha256:1', images: JsonOutput.list(big), 'found-count': '1' }
    const kept = outputsWithinLimits(outputs, {
      core,
      env: { RUNNER_TEMP: '/runner/temp', GITHUB_ACTION: 'images/1' },
      writeFile: (path, chunks) => void written.push({ path, text: [...chunks].join('') })
    })
    expect(kept).toEqual({
      digest: 'sha256:1',
      'found-count': '1',
      'results-file': '/runner/temp/ecr-batch-get-image-images_1.json'
    })
    expect(JSON.parse(written[0]!.text)).toEqual({ ...outputs, images: big })
    expect(warnings).toEqual([
      expect.stringMatching(/^The output 'images' is not set: its value is 1,048,580 characters/)
    ])
  })

  it('exactly 1 MiB is set; UTF-16 code units are what counts', () => {
    const kept = outputsWithinLimits(
      { a: 'x'.repeat(OUTPUT_LIMIT), b: '😀'.repeat(OUTPUT_LIMIT / 2 + 1) },
      { core, env: {}, writeFile: () => undefined }
    )
    expect(Object.keys(kept)).toEqual(['a'])
  })

  it('resultsFileText embeds JSON outputs as JSON and keeps strings as strings', () => {
    const outputs = { 'all-found': 'true', missing: JsonOutput.list([]), tag: '[v1]' }
    expect(JSON.parse([...resultsFileText(outputs)].join(''))).toEqual({
      'all-found': 'true',
      missing: [],
      tag: '[v1]'
    })
  })

  it('a JSON output set within the limit is exactly JSON.stringify of its value', () => {
    const record = { a: 'x"\n', b: undefined, 'c"': [1, { d: null }] }
    const list = [1, undefined, 'é😀', { e: undefined }]
    const kept = outputsWithinLimits(
      {
        record: JsonOutput.record(record),
        list: JsonOutput.list(list),
        empty: JsonOutput.list([])
      },
      { core, env: {}, writeFile: () => undefined }
    )
    expect(kept).toEqual({
      record: JSON.stringify(record),
      list: JSON.stringify(list),
      empty: '[]'
    })
    expect(JsonOutput.list([2, 3], (n) => n * 2).text).toBe('[4,6]')
  })

  it('the results file gets every piece even when an output is far over the limit', () => {
    let text = ''
    const entries = Array.from({ length: 3000 }, (_, n) => `${n}`.padEnd(1000, '.'))
    outputsWithinLimits(
      { images: JsonOutput.list(entries) },
      {
        core,
        env: { RUNNER_TEMP: '/t' },
        writeFile: (_path, chunks) => {
          for (const chunk of chunks) text += chunk
        }
      }
    )
    expect(JSON.parse(text)).toEqual({ images: entries })
  })
})

describe('list files', () => {
  const ws = tempWorkspace({}, 'list-files-')
  afterAll(() => ws.remove())
  const files = (text: string) => {
    ws.put({ 'ids.txt': text })
    return ws.workspace
  }
  const problems = <T>(checked: { ok: true; value: T } | { ok: false; problems: string[] }) =>
    checked.ok ? [] : checked.problems

  it('one id per line, comments and blank lines ignored, duplicates asked once', () => {
    const checked = imageIdsInput(
      '@ids.txt',
      files(
        '# release\nv1\n\nv2 # second\nv1\nimageTag=v3, imageDigest=sha256:' + 'a'.repeat(64) + '\n'
      )
    )
    expect(checked.ok && checked.value.map((id) => id.key)).toEqual([
      'v1',
      'v2',
      `imageTag=v3,imageDigest=sha256:${'a'.repeat(64)}`
    ])
  })

  it('problems name the input, the file and the line', () => {
    const checked = imageIdsInput('@ids.txt', files('v1\nv2 v3\na\u0001b\n'))
    expect(problems(checked)).toEqual([
      'image-ids (ids.txt line 2): "v2 v3" has whitespace inside; write one entry per line.'
    ])
    const control = imageIdsInput('@ids.txt', files('a\u0001b\n'))
    expect(problems(control)[0]).toMatch(
      /^image-ids \(ids.txt line 1\): the tag "a\\u0001b" contains a control character/
    )
    expect(problems(imageReferencesInput('@other.txt', files('')))).toEqual([
      'images: other.txt does not exist.'
    ])
    expect(problems(imageReferencesInput('@ids.txt', files('# nothing\n')))).toEqual([
      'images: ids.txt lists nothing (only blank lines and comments).'
    ])
  })

  it('quotes a short, neutralised excerpt of a line, never the line', () => {
    const secret = `AWS_SECRET_ACCESS_KEY=${'s'.repeat(40)}\u202e`
    const long = `${'x'.repeat(300)}\u202e${'y'.repeat(300)}`
    const checked = imageReferencesInput('@ids.txt', files(`${secret}\n${long}\n`))
    const all = problems(checked).join('\n')
    expect(problems(checked)).toHaveLength(4)
    expect(all).not.toContain('s'.repeat(40))
    expect(all).not.toContain('x'.repeat(40))
    expect(all).not.toContain('\u202e')
    expect(all).toMatch(/"AWS_SECRET_ACCESS_KEY=s+…"/)
  })

  it('refuses a line longer than any entry without quoting it', () => {
    const checked = imageIdsInput('@ids.txt', files(`v1\n${'z'.repeat(5000)}\n`))
    expect(problems(checked)).toEqual([
      'image-ids (ids.txt line 2): 5,000 characters long; an entry is at most 1024.'
    ])
  })

  it('lists 20 problems of a file and counts the rest', () => {
    const lines = Array.from({ length: 80_000 }, (_, n) => `bad tag ${n}`).join('\n')
    const listed = problems(imageIdsInput('@ids.txt', files(lines)))
    expect(listed).toHaveLength(21)
    expect(listed[20]).toBe('image-ids: and 79,980 more problems in the file, not listed.')
  })

  it('reads only inside the workspace, and only with one', () => {
    expect(problems(imageIdsInput('@../ids.txt', files('v1')))).toEqual([
      'image-ids: ../ids.txt is outside the workspace.'
    ])
    expect(problems(imageIdsInput('@/etc/passwd', files('v1')))).toEqual([
      'image-ids: /etc/passwd is outside the workspace.'
    ])
    expect(problems(imageIdsInput('@ids.txt', undefined))).toEqual([
      'image-ids: "@ids.txt" names a file, but GITHUB_WORKSPACE is not set; @path files are read only inside the workspace.'
    ])
  })

  it('@sha256:… is a digest with a stray @, not a file', () => {
    expect(isFileReference('@sha256:abc')).toBe(false)
    expect(isFileReference('@ids.txt')).toBe(true)
  })
})
