import { describe, expect, it } from '@jest/globals'
import { Buffer } from 'node:buffer'
import { withPlatformDetails } from '../../src/insight/manifest.js'
import { shortDigest } from '../../src/reports/format.js'
import { humanSize } from '../../src/sizes.js'
import { renderLogTable } from '../../src/reports/log-table.js'
import {
  COMMENT_LIMIT,
  renderMarkdown,
  SUMMARY_LIMIT,
  type Report,
  type ReportRow
} from '../../src/reports/render.js'
import { analyzeRealWorld } from '../helpers/real-world-fixtures.js'

const analyze = analyzeRealWorld

const INDEX = analyze('oci-index-buildx-attestations.json')
const IMAGE = analyze('oci-image.json')
const HELM = analyze('helm-chart-oci.json')
const AMD64 = INDEX.platforms?.[0]?.digest ?? ''
const WEB_DIGEST = 'sha256:1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988'
const CHART_DIGEST = 'sha256:aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44'

const ROWS: ReportRow[] = [
  {
    repository: 'team/web',
    id: 'v1',
    result: 'found',
    digest: WEB_DIGEST,
    manifest: withPlatformDetails(INDEX, (digest) => (digest === AMD64 ? IMAGE : undefined)),
    platform: 'linux/amd64',
    platformDigest: AMD64,
    imageUri: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web@${WEB_DIGEST}`
  },
  {
    repository: 'charts/billing',
    id: '0.4.2',
    result: 'exists',
    digest: CHART_DIGEST,
    manifest: HELM
  },
  {
    repository: 'team/api',
    id: 'v9',
    result: 'missing',
    failureCode: 'ImageNotFound',
    failureReason: 'Requested image not found'
  }
]

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')

describe('humanSize', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [1000, '1 kB'],
    [1001, '1 kB'],
    [1499, '1.5 kB'],
    [12_345, '12.3 kB'],
    [999_499, '999 kB'],
    [999_500, '1 MB'],
    [1_000_000, '1 MB'],
    [12_345_678, '12.3 MB'],
    [999_999_999, '1 GB'],
    [1_500_000_000, '1.5 GB'],
    [2e12, '2 TB'],
    [-1, '—'],
    [Number.NaN, '—'],
    [Number.POSITIVE_INFINITY, '—']
  ])('%d → %s', (size, expected) => {
    expect(humanSize(size)).toBe(expected)
  })
})

describe('shortDigest', () => {
  it('keeps the algorithm and 12 hex digits', () => {
    expect(shortDigest(WEB_DIGEST)).toBe('sha256:1f2e3d4c5b6a')
  })
  it('leaves anything that is not a digest as it is', () => {
    expect(shortDigest('latest')).toBe('latest')
    expect(shortDigest('sha256:abc')).toBe('sha256:abc')
  })
})

const EXPECTED_MARKDOWN = `## ECR images

- Waited 40 s for team/api

| Repository | Image | Result | Digest | Kind | Platforms | Size |
| --- | --- | --- | --- | --- | --- | --- |
| team/web | v1 | ✅ found | \`sha256:1f2e3d4c5b6a\` | multi-arch | linux/amd64, linux/arm64, linux/arm/v7 | 52.9 MB (linux/amd64) |
| charts/billing | 0.4.2 | ⚠️ exists | \`sha256:aa11bb22cc33\` | artifact | — | 3.75 kB |
| team/api | v9 | ❌ missing | — | — | — | — |

### Failures

| Repository | Image | Code | Reason |
| --- | --- | --- | --- |
| team/api | v9 | \`ImageNotFound\` | Requested image not found |

### Details

<details>
<summary>team/web v1</summary>

| Field | Value |
| --- | --- |
| Digest | \`${WEB_DIGEST}\` |
| Image URI | \`123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web@${WEB_DIGEST}\` |
| Media type | \`application/vnd.oci.image.index.v1+json\` |
| Kind | multi-arch |
| Digest for linux/amd64 | \`${AMD64}\` |

| Platform | Digest | Image size | Layers |
| --- | --- | --- | --- |
| linux/amd64 | \`${AMD64}\` | 52.9 MB | 3 |
| linux/arm64 | \`sha256:6e5cb5ac80099ba6dfde63b03ead8c2238859ae1dda45d7cec851220f202c9eb\` | — | — |
| linux/arm/v7 | \`sha256:0b77f478fd30a89bc4d65bb494cbeee3b4037f2e9e0ea714f7e79f0e947672b0\` | — | — |

| Attestation | Type | Of |
| --- | --- | --- |
| \`sha256:d17637143a99cb70ab2afc8617902c60ebbe2e923c6ed1b435c04ba1324f0271\` | attestation-manifest | linux/amd64 |
| \`sha256:a3f63d0eda48a183de977f478d46f28a6b5206ba44962fd51db3e1c18489cbe9\` | attestation-manifest | linux/arm64 |
| \`sha256:6ef1a24945539e45871a5045626538c4c2059da33b7e7dd1e324e51e0928c8ca\` | attestation-manifest | linux/arm/v7 |

</details>

<details>
<summary>charts/billing 0.4.2</summary>

| Field | Value |
| --- | --- |
| Digest | \`${CHART_DIGEST}\` |
| Media type | \`application/vnd.oci.image.manifest.v1+json\` |
| Kind | artifact |
| Artifact type | \`application/vnd.cncf.helm.config.v1+json\` |
| Config | \`sha256:55d69a564278ad0fd40cb5cfaf2176c305d1d30848286fda26216960315d5afb\` |
| Layers | 1 |
| Compressed size | 3.75 kB |

| Annotation | Value |
| --- | --- |
| org.opencontainers.image.created | 2024-10-02T13:04:55+02:00 |
| org.opencontainers.image.description | A Helm chart for Kubernetes |
| org.opencontainers.image.title | billing |
| org.opencontainers.image.version | 0.4.2 |

</details>
`

describe('renderMarkdown', () => {
  it('renders the table, the failures and the details exactly', () => {
    const report: Report = { title: 'ECR images', rows: ROWS, notes: ['Waited 40 s for team/api'] }
    expect(renderMarkdown(report)).toBe(EXPECTED_MARKDOWN)
  })

  it('renders a schema 1 image with its platform and problem', () => {
    const markdown = renderMarkdown({
      title: 'Old',
      notes: [],
      rows: [
        {
          repository: 'legacy/busybox',
          id: '1.21',
          result: 'found',
          manifest: analyze('schema1-signed.json')
        }
      ]
    })
    expect(markdown).toContain(
      '| legacy/busybox | 1.21 | ✅ found | — | schema 1 | linux/amd64 | — |\n'
    )
    expect(markdown).toContain('| Problem | Docker schema 1 is deprecated')
  })

  it('escapes hostile repository names, tags, reasons, annotations and notes everywhere', () => {
    const hostile = '<script>x</script> | col | [link](http://x) @octocat @org/team\nrow\u0007'
    const markdown = renderMarkdown({
      title: `Images ${hostile}`,
      notes: [hostile],
      rows: [
        {
          repository: hostile,
          id: hostile,
          result: 'failed',
          failureCode: hostile,
          failureReason: hostile,
          manifest: { kind: 'image', annotations: { [hostile]: hostile }, problem: hostile }
        }
      ]
    })
    expect(markdown).not.toMatch(/<script|@octocat|@org/)
    expect(markdown).not.toContain('\u0007')
    // Outside the raw-HTML <summary> line (where brackets are plain text), no link syntax survives.
    const markdownLines = markdown.split('\n').filter((line) => !line.startsWith('<summary>'))
    expect(markdownLines.join('\n')).not.toMatch(/(?<!\\)[[\]()]/)
    // Every table line has exactly the cell separators of its columns: no `|` came through unescaped.
    for (const line of markdown.split('\n').filter((text) => text.startsWith('|'))) {
      const separators = line.replace(/\\\\/g, '').match(/(?<!\\)\|/g)?.length ?? 0
      expect([3, 5, 8]).toContain(separators)
    }
    expect(markdown).toContain(
      '<summary>&lt;script&gt;x&lt;/script&gt; | col | [link](http:&#8203;//x) @&#8203;octocat'
    )
    expect(markdown).toContain(
      '| &lt;script&gt;x&lt;/script&gt; \\| col \\| \\[link\\]\\(http:&#8203;//x\\) @&#8203;octocat @&#8203;org/team row\\\\u0007 |'
    )
  })

  it('shows a digest that is not code-safe as escaped text, never in a code span', () => {
    const markdown = renderMarkdown({
      title: 'T',
      notes: [],
      rows: [{ repository: 'r/x', id: 'v1', result: 'found', digest: 'sha256:`|x' }]
    })
    expect(markdown).toContain('| r/x | v1 | ✅ found | sha256:\\`\\|x | — | — | — |')
  })

  /** 5,000 images across repositories, every one multi-arch with attestations, a quarter missing. */
  function bigReport(runUrl?: string): Report {
    const rows: ReportRow[] = Array.from({ length: 5000 }, (_, n) =>
      n % 4 === 3
        ? {
            repository: `team/service-${n}`,
            id: `release-${n}`,
            result: 'missing',
            failureCode: 'ImageNotFound',
            failureReason: `Requested image not found for release-${n}`
          }
        : {
            repository: `team/service-${n}`,
            id: `release-${n}`,
            result: 'found',
            digest: WEB_DIGEST,
            manifest: INDEX
          }
    )
    return { title: 'ECR images', rows, notes: [], ...(runUrl ? { runUrl } : {}) }
  }

  it('stays under the job summary limit by dropping details first, and says so', () => {
    const markdown = renderMarkdown(bigReport())
    expect(bytes(markdown)).toBeLessThan(SUMMARY_LIMIT)
    expect(markdown).toContain('| team/service-4999 | release-4999 | ❌ missing |')
    expect(markdown).toContain('| team/service-4999 | release-4999 | `ImageNotFound` |')
    const shown = markdown.match(/<details>/g)?.length ?? 0
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBeLessThan(3750)
    expect(markdown).toContain(
      `> **Details of ${3750 - shown} images left out** to stay under GitHub's size limit: the step outputs`
    )
    expect(markdown).not.toContain('more images:')
  })

  it('stays under the comment limit by dropping rows, pointing to the run', () => {
    const runUrl = 'https://github.com/acme/deploy/actions/runs/123456'
    const markdown = renderMarkdown(bigReport(runUrl), { limit: COMMENT_LIMIT })
    expect(markdown.length).toBeLessThan(COMMENT_LIMIT)
    expect(bytes(markdown)).toBeLessThan(COMMENT_LIMIT)
    const rowsShown = markdown.split('\n').filter((line) => line.startsWith('| team/')).length
    expect(rowsShown).toBeGreaterThan(100)
    expect(rowsShown).toBeLessThan(5000)
    expect(markdown).toContain(
      `> **${5000 - rowsShown} more images:** see [the job summary of this run](${runUrl}).`
    )
    expect(markdown).toContain('> **1250 more failures:**')
    expect(markdown).toContain('> **Details of 3750 images left out**')
    expect(markdown).not.toContain('<details>')
  })

  it('links only to http(s) run URLs, with parentheses encoded', () => {
    const link = (runUrl: string) =>
      renderMarkdown(bigReport(runUrl), { limit: 5000 }).match(
        /see \[the job summary of this run\]\(([^ ]*)\)\./
      )?.[1]
    expect(link('https://example.com/runs/(1)')).toBe('https://example.com/runs/%281%29')
    expect(link('javascript:alert(1)')).toBeUndefined()
  })

  it('holds a tiny limit with a huge title and notes', () => {
    const report: Report = {
      title: 'x'.repeat(10_000),
      notes: Array.from({ length: 200 }, () => '@'.repeat(900)),
      rows: ROWS
    }
    for (const limit of [50, 500, 5000]) {
      expect(bytes(renderMarkdown(report, { limit }))).toBeLessThan(limit)
    }
    expect(renderMarkdown(report, { limit: 5000 })).toMatch(
      /_\(cut to stay under the size limit\)_\n$/
    )
  })
})

describe('renderLogTable', () => {
  it('aligns a short plain-text table', () => {
    expect(renderLogTable(ROWS)).toBe(
      [
        'REPOSITORY      IMAGE  RESULT   DIGEST               KIND/PLATFORMS',
        'team/web        v1     found    sha256:1f2e3d4c5b6a  multi-arch linux/amd64, linux/arm64, linux/arm/v7',
        'charts/billing  0.4.2  exists   sha256:aa11bb22cc33  artifact',
        'team/api        v9     missing  -                    -'
      ].join('\n')
    )
  })

  it('never lets a cell start a workflow command or a new line', () => {
    const table = renderLogTable([
      { repository: '::error::pwned', id: '\n::set-output name=x::y', result: 'failed' },
      { repository: '', id: '::stop-commands::t', result: 'found', digest: 'a ##[add-mask]b' }
    ])
    const lines = table.split('\n')
    expect(lines).toHaveLength(3)
    for (const line of lines) {
      expect(line.trimStart().startsWith('::')).toBe(false)
      expect(line).not.toContain('##[')
    }
    expect(lines[1]).toMatch(/^\\::error::pwned +\\n::set-output/)
  })
})
