// What a YAML file's structure adds to the text rules: Helm values and kustomize images whose
// repository and tag are separate fields (pinned where the chart or kustomize reads the digest),
// what compose services and build steps produce (never pinned), strings folded over lines, and
// the read-back check that every pinned file still says the same but for the pins.
import { describe, expect, it } from '@jest/globals'
import { parseAllDocuments } from 'yaml'
import { type FileScan, scanPinFiles, YAML_LIMIT } from '../../src/inputs/pin-references.js'
import { findEcrHosts } from '../../src/inputs/pin-text.js'
import { readYaml } from '../../src/inputs/pin-yaml.js'
import { splice } from '../../src/text.js'

const HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com'
const API = `${HOST}/team/api`
const D = `sha256:${'d'.repeat(64)}`
const OLD = `sha256:${'0'.repeat(64)}`

async function scan(text: string, path = 'values.yaml'): Promise<FileScan> {
  const scanned = await scanPinFiles([{ path, text }])
  if (!scanned.ok) throw new Error(scanned.problems.join('\n'))
  return scanned.value[0] as FileScan
}

/** Every entry as [line, what, text, reason]: `pin` (with an edit), `digest` (none), `skip`, `build`. */
async function entries(text: string, path?: string) {
  const { references, skipped } = await scan(text, path)
  return [
    ...references.map((found) => [found.line, found.edit ? 'pin' : 'digest', found.text]),
    ...skipped.map((left) => [
      left.line,
      left.buildOutput ? 'build' : 'skip',
      left.text,
      left.reason
    ])
  ].sort((a, b) => Number(a[0]) - Number(b[0]))
}

/** The text with every reference pinned to D (as if every tag resolved to it). */
async function pinAll(text: string, path?: string): Promise<string> {
  const { references } = await scan(text, path)
  const edits = references.flatMap(({ edit }) => (edit ? [edit] : []))
  return splice(
    text,
    edits.map((edit) => ({ start: edit.start, end: edit.end, text: edit.prefix + D + edit.suffix }))
  )
}

/** Pinning then scanning again: each reference now claims D, under the same lookup key. */
async function rescanned(text: string, path?: string) {
  const before = await scan(text, path)
  const after = await scan(await pinAll(text, path), path)
  expect(after.references.map((found) => found.key)).toEqual(
    before.references.map((found) => found.key)
  )
  return after.references.map((found) => [found.text, found.reference.imageDigest])
}

describe('Helm values: repository and tag in separate fields', () => {
  it('pins the helm create default in its tag, keeping quotes and style', async () => {
    const text = [
      'replicaCount: 1',
      'image:',
      `  repository: ${API}`,
      '  pullPolicy: IfNotPresent',
      '  # Overrides the image tag whose default is the chart appVersion.',
      '  tag: "v1.13.6"',
      `sidecar: { repository: ${HOST}/team/side, tag: v2 }`,
      'worker:',
      `  image: ${HOST}/team/worker`,
      "  tag: 'v3'",
      ''
    ].join('\n')
    expect(await entries(text)).toEqual([
      [6, 'pin', `${API}:v1.13.6`],
      [7, 'pin', `${HOST}/team/side:v2`],
      [10, 'pin', `${HOST}/team/worker:v3`]
    ])
    expect(await pinAll(text)).toBe(
      text
        .replace('tag: "v1.13.6"', `tag: "v1.13.6@${D}"`)
        .replace('tag: v2 }', `tag: v2@${D} }`)
        .replace("tag: 'v3'", `tag: 'v3@${D}'`)
    )
    // What Helm's default template renders from the pinned values is a valid pinned reference.
    const pinned = parseAllDocuments(await pinAll(text))[0]?.toJS() as {
      image: { repository: string; tag: string }
    }
    expect(`${pinned.image.repository}:${pinned.image.tag}`).toBe(`${API}:v1.13.6@${D}`)
    expect(await rescanned(text)).toEqual([
      [`${API}:v1.13.6@${D}`, D],
      [`${HOST}/team/side:v2@${D}`, D],
      [`${HOST}/team/worker:v3@${D}`, D]
    ])
  })

  it('writes the digest field when the chart has one (registry, repository, tag, digest)', async () => {
    const text = [
      'image:',
      `  registry: ${HOST}`,
      '  repository: team/api',
      '  tag: 1.2.3',
      '  digest: ""',
      'metrics:',
      `  image: { registry: ${HOST}, repository: team/metrics, tag: v1, digest: }`,
      'old:',
      `  registry: ${HOST}`,
      '  repository: team/old',
      '  tag: v9',
      `  digest: ${OLD}`,
      'nulled:',
      `  repository: ${HOST}/team/nulled`,
      '  tag: v1',
      '  digest: ~',
      ''
    ].join('\n')
    expect(await entries(text)).toEqual([
      [5, 'pin', `${API}:1.2.3`],
      [7, 'pin', `${HOST}/team/metrics:v1`],
      [12, 'pin', `${HOST}/team/old:v9@${OLD}`],
      [16, 'pin', `${HOST}/team/nulled:v1`]
    ])
    expect(await pinAll(text)).toBe(
      text
        .replace('digest: ""', `digest: "${D}"`)
        .replace('digest: }', `digest: ${D} }`)
        .replace(`digest: ${OLD}`, `digest: ${D}`)
        .replace('digest: ~', `digest: ${D}`)
    )
    const found = (await scan(text)).references[2]
    expect([found?.key, found?.reference.imageTag, found?.reference.imageDigest]).toEqual([
      `${HOST}/team/old:v9`,
      'v9',
      OLD
    ])
  })

  it('leaves alone, with why, what it cannot read as one reference', async () => {
    const text = [
      'number:',
      `  repository: ${HOST}/team/a`,
      '  tag: 1.10',
      'boolean:',
      `  repository: ${HOST}/team/b`,
      '  tag: on',
      'underscores:',
      `  repository: ${HOST}/team/bb`,
      '  tag: 1_000',
      'empty:',
      `  repository: ${HOST}/team/c`,
      '  tag: ""',
      'template:',
      `  repository: ${HOST}/team/d`,
      '  tag: "{{ .Chart.AppVersion }}"',
      'sha512:',
      `  repository: ${HOST}/team/e`,
      `  tag: v1@sha512:${'e'.repeat(128)}`,
      'both:',
      `  repository: ${HOST}/team/f`,
      `  tag: v1@${OLD}`,
      `  digest: ${OLD}`,
      'untagged:',
      `  repository: ${HOST}/team/g`,
      '  pullPolicy: Always',
      'block:',
      `  repository: ${HOST}/team/h`,
      '  tag: |',
      '    v1',
      'malformed:',
      `  repository: ${HOST}/team/i`,
      '  tag: v1',
      '  digest: sha256:abc',
      ''
    ].join('\n')
    expect(await entries(text)).toEqual([
      [
        3,
        'skip',
        `${HOST}/team/a:1.10`,
        'its tag is read as the number 1.1, not as text, so what is rendered may differ (1.10 becomes 1.1); quote it'
      ],
      [
        6,
        'skip',
        `${HOST}/team/b:on`,
        'its tag is read as the YAML 1.1 boolean on, not as text, so what is rendered may differ (1.10 becomes 1.1); quote it'
      ],
      [
        9,
        'skip',
        `${HOST}/team/bb:1_000`,
        'its tag is read as the YAML 1.1 number 1_000, not as text, so what is rendered may differ (1.10 becomes 1.1); quote it'
      ],
      [
        12,
        'skip',
        `${HOST}/team/c`,
        "its tag is empty, so the chart's default (often its appVersion) decides what runs"
      ],
      [
        15,
        'skip',
        `${HOST}/team/d:"{{ .Chart.AppVersion }}"`,
        'its tag is template syntax ({{), so the reference it renders is not known'
      ],
      [
        18,
        'skip',
        `${HOST}/team/e:v1@sha512:${'e'.repeat(128)}`,
        "its tag: it already carries a sha512 digest, and pins are sha256 (ECR's)"
      ],
      [21, 'skip', `${HOST}/team/f:v1@${OLD}`, 'both its tag and its digest: hold a digest'],
      [
        24,
        'skip',
        `${HOST}/team/g`,
        'there is no tag beside it, so what runs is decided elsewhere'
      ],
      [28, 'skip', `${HOST}/team/h:|\n    v1`, 'its tag is written with escapes or over lines'],
      [33, 'skip', `${HOST}/team/i:v1`, 'its digest: its sha256 digest has 3 hex digits, not 64']
    ])
    expect(await pinAll(text)).toBe(text)
  })

  it('pins a tag shared through a merge once, and leaves one another image shares alone', async () => {
    const text = [
      'defaults: &defaults',
      `  repository: ${API}`,
      '  tag: v1',
      'api:',
      '  <<: *defaults',
      '  pullPolicy: Always',
      'canary:',
      '  <<: *defaults',
      '  tag: v2',
      'versions:',
      '  shared: &shared v5',
      'one:',
      `  repository: ${HOST}/team/one`,
      '  tag: *shared',
      'two:',
      `  repository: ${HOST}/team/two`,
      '  tag: *shared',
      'label: &label v7',
      'three:',
      `  repository: ${HOST}/team/three`,
      '  tag: *label',
      'labels:',
      '  version: *label',
      ''
    ].join('\n')
    // Each left alone where its tag is written (the alias), not where the anchor is.
    const shared = 'its tag is shared (an anchor or a merge) with something a pin would change too'
    expect(await entries(text)).toEqual([
      [3, 'pin', `${API}:v1`],
      [9, 'pin', `${API}:v2`],
      [14, 'skip', `${HOST}/team/one:v5`, shared],
      [17, 'skip', `${HOST}/team/two:v5`, shared],
      [21, 'skip', `${HOST}/team/three:v7`, shared]
    ])
    expect(await pinAll(text)).toBe(
      text.replace('  tag: v1', `  tag: v1@${D}`).replace('  tag: v2', `  tag: v2@${D}`)
    )
  })
})

describe('kustomize images: newName, newTag and digest', () => {
  const KUSTOMIZATION = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    '  - deployment.yaml',
    'images:',
    '  - name: api',
    `    newName: ${API}`,
    '    newTag: v1.13.6 # the release',
    `  - name: ${HOST}/team/worker`,
    '    newTag: "v3"',
    `    digest: ${OLD}`,
    `  - {name: flow, newName: ${HOST}/team/flow, newTag: v9}`,
    '  - name: postgres',
    '    newTag: "16"',
    ''
  ].join('\n')

  it('adds digest: after newTag, or updates the one there, in block and flow entries', async () => {
    expect(await entries(KUSTOMIZATION, 'kustomization.yaml')).toEqual([
      [8, 'pin', `${API}:v1.13.6`],
      [11, 'pin', `${HOST}/team/worker:v3@${OLD}`],
      [12, 'pin', `${HOST}/team/flow:v9`]
    ])
    expect(await pinAll(KUSTOMIZATION, 'kustomization.yaml')).toBe(
      KUSTOMIZATION.replace('# the release\n', `# the release\n    digest: ${D}\n`)
        .replace(`digest: ${OLD}`, `digest: ${D}`)
        .replace('newTag: v9}', `newTag: v9, digest: ${D}}`)
    )
    expect(await rescanned(KUSTOMIZATION, 'kustomization.yaml')).toEqual([
      [`${API}:v1.13.6@${D}`, D],
      [`${HOST}/team/worker:v3@${D}`, D],
      [`${HOST}/team/flow:v9@${D}`, D]
    ])
  })

  it('keeps CRLF line ends and the indentation of a first key after "- "', async () => {
    const text = `images:\r\n- newTag: v2\r\n  name: api\r\n  newName: ${API}\r\n`
    expect(await pinAll(text, 'kustomization.yml')).toBe(
      `images:\r\n- newTag: v2\r\n  digest: ${D}\r\n  name: api\r\n  newName: ${API}\r\n`
    )
  })

  it('leaves alone an entry whose tag comes from the manifests, and reads a digest alone', async () => {
    const text = [
      'images:',
      '  - name: api',
      `    newName: ${API}`,
      `  - name: ${HOST}/team/pinned`,
      `    digest: ${OLD}`,
      `  - name: ${HOST}/team/moved`,
      '    newName: ghcr.io/octo/moved',
      '    newTag: v1',
      '  - name: tagged',
      `    newName: ${API}:v1`,
      '  - name: with-digest',
      `    newName: ${API}`,
      `    newTag: v1@${OLD}`,
      ''
    ].join('\n')
    expect(await entries(text, 'kustomization.yaml')).toEqual([
      [3, 'skip', API, 'there is no newTag, so the tag comes from the manifests kustomize edits'],
      [5, 'digest', `${HOST}/team/pinned@${OLD}`],
      [
        6,
        'skip',
        `${HOST}/team/moved`,
        'kustomize replaces it with newName "ghcr.io/octo/moved", which is not an ECR repository'
      ],
      [
        10,
        'skip',
        `${API}:v1`,
        'kustomize names an image by repository alone (newTag and digest: carry the rest)'
      ],
      [13, 'skip', `${API}:v1@${OLD}`, 'its newTag carries a digest; write it in digest:']
    ])
  })
})

describe('compose and build steps: what a build produces is never pinned', () => {
  it('leaves image:, build.tags and caches of a service that builds; pins the rest', async () => {
    const text = [
      'x-base: &base',
      `  image: ${HOST}/team/shared:v1`,
      'services:',
      '  api:',
      '    build:',
      '      context: .',
      `      tags: ["${API}:ci"]`,
      `      cache_from: [${API}:cache]`,
      '      args:',
      `        BASE_IMAGE: ${HOST}/base/node:22`,
      `    image: \${API_IMAGE:-${API}:v1}`,
      '  worker:',
      `    image: \${WORKER_IMAGE:-${HOST}/team/worker:v2}`,
      '  built:',
      '    <<: *base',
      '    build: ./shared',
      '  runs:',
      '    <<: *base',
      ''
    ].join('\n')
    expect(await entries(text, 'docker-compose.yml')).toEqual([
      [
        2,
        'skip',
        `${HOST}/team/shared:v1`,
        'one anchor names both what a service builds and what service "runs" runs; give each its own image:'
      ],
      [7, 'build', `${API}:ci`, 'service "api": a tag its build adds'],
      [8, 'build', `${API}:cache`, 'service "api": a cache of its build (build.cache_from)'],
      [10, 'pin', `${HOST}/base/node:22`],
      [
        11,
        'build',
        `${API}:v1`,
        'service "api" builds it (build:), so its image: names what the build produces'
      ],
      [13, 'pin', `${HOST}/team/worker:v2`]
    ])
  })

  it('leaves the tags and caches of docker/build-push-action and metadata-action steps', async () => {
    const text = [
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    container:',
      `      image: ${HOST}/ci/runner:2024`,
      '    services:',
      '      db:',
      `        image: ${HOST}/ci/postgres:16`,
      '    steps:',
      `      - uses: docker://${HOST}/ci/lint:v3`,
      '      - uses: docker/metadata-action@v5',
      '        with:',
      `          images: ${API}`,
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          build-args: |',
      `            BASE=${HOST}/base/node:22`,
      '          tags: |',
      `            ${API}:latest`,
      `            ${API}:\${{ github.sha }}`,
      `          cache-from: type=registry,ref=${API}:buildcache`,
      '      - run: |',
      `          docker build -t ${API}:local .`,
      `          docker run --rm ${HOST}/ci/smoke:v1`,
      ''
    ].join('\n')
    const found = await entries(text, '.github/workflows/build.yml')
    expect(found.map(([line, what, written]) => [line, what, written])).toEqual([
      [5, 'pin', `${HOST}/ci/runner:2024`],
      [8, 'pin', `${HOST}/ci/postgres:16`],
      [10, 'pin', `${HOST}/ci/lint:v3`],
      [13, 'build', API],
      [17, 'pin', `${HOST}/base/node:22`],
      [19, 'build', `${API}:latest`],
      [20, 'build', `${API}:\${{`],
      [21, 'build', `${API}:buildcache`],
      [23, 'build', `${API}:local`],
      [24, 'pin', `${HOST}/ci/smoke:v1`]
    ])
    expect(found[6]?.[3]).toBe("docker/build-push-action's tags names what the build produces")
  })
})

describe('strings folded over lines', () => {
  it('never splices a digest where the string goes on past a line break', async () => {
    const text = [
      `quoted: "${API}:v1`,
      `  @${OLD}"`,
      `escaped: "${API}:v2\\`,
      '  -rc"',
      'continued: "prefix\\',
      `  ${API}:v3"`,
      'plain: run',
      `  ${API}:v4`,
      '  --flag',
      'folded: >',
      `  docker run ${API}:v5`,
      '  --rm',
      'literal: |',
      `  docker run ${API}:v6`,
      '  echo done',
      'midline: >-',
      `  run ${API}:v7 --rm`,
      '  and more',
      `split: "${HOST}/team/`,
      '  api:v8"',
      ''
    ].join('\n')
    const folded =
      'it stands at a line break inside a YAML string folded over lines, so the reference may go on across it'
    expect(await entries(text)).toEqual([
      [1, 'skip', `${API}:v1`, folded],
      [3, 'skip', `${API}:v2\\`, 'the tag is followed by "\\\\", so where it ends is unclear'],
      [6, 'skip', `${API}:v3`, folded],
      [8, 'skip', `${API}:v4`, folded],
      [11, 'skip', `${API}:v5`, folded],
      [14, 'pin', `${API}:v6`],
      [17, 'pin', `${API}:v7`],
      [
        19,
        'skip',
        `${HOST}/team/`,
        'the repository name is followed by "/", so where it ends is unclear'
      ]
    ])
    expect(await pinAll(text)).toBe(
      text.replace(`${API}:v6`, `${API}:v6@${D}`).replace(`${API}:v7`, `${API}:v7@${D}`)
    )
  })
})

describe('files it cannot read as YAML, and the read-back check', () => {
  it('leaves every reference in a file that is not YAML (a Helm template) alone', async () => {
    const text = [
      '{{- if .Values.enabled }}',
      'spec:',
      '  containers:',
      `    - image: ${API}:v1`,
      `    - image: ${API}:{{ .Values.tag }}`,
      '{{- end }}',
      ''
    ].join('\n')
    expect(await entries(text, 'templates/deployment.yaml')).toEqual([
      [
        4,
        'skip',
        `${API}:v1`,
        expect.stringMatching(
          /^the file is not YAML the action can read \(line 1: .+\), so nothing in it is pinned$/
        )
      ],
      [
        5,
        'skip',
        `${API}:{{`,
        'the tag is template syntax ({{), so the reference it renders is not known'
      ]
    ])
  })

  it('reads multi-document files, anchors and aliases, and a BOM', async () => {
    const text = [
      '\uFEFF---',
      'kind: Deployment',
      'spec:',
      `  image: &api ${API}:v1`,
      '  sidecar: *api',
      '---',
      'kind: CronJob',
      'spec:',
      `  image: &api ${API}:v2`,
      '  again: *api',
      '...',
      ''
    ].join('\n')
    expect(await entries(text, 'all.yaml')).toEqual([
      [4, 'pin', `${API}:v1`],
      [9, 'pin', `${API}:v2`]
    ])
    expect(await pinAll(text, 'all.yaml')).toBe(
      text.replace(`${API}:v1`, `${API}:v1@${D}`).replace(`${API}:v2`, `${API}:v2@${D}`)
    )
    // An anchor is not seen from the next document: such a file is not YAML.
    const dangling = text.replace(`  image: &api ${API}:v2`, `  image: ${API}:v2`)
    expect((await entries(dangling, 'all.yaml')).map((entry) => entry[3])).toEqual([
      'the file is not YAML the action can read (line 10: an alias with no anchor before it in its document), so nothing in it is pinned',
      'the file is not YAML the action can read (line 10: an alias with no anchor before it in its document), so nothing in it is pinned'
    ])
  })

  it('reads a map with a repeated key as no YAML (the parser of kubectl refuses it)', async () => {
    const text = `image: ${API}:v1\nreplicas: 1\nimage: ${API}:v2\n`
    expect((await entries(text, 'pod.yaml')).map((entry) => entry[3])).toEqual([
      'the file is not YAML the action can read (line 3: a key repeated in its map), so nothing in it is pinned',
      'the file is not YAML the action can read (line 3: a key repeated in its map), so nothing in it is pinned'
    ])
  })

  it('reads no YAML file over 1 MiB as YAML: every reference in it is left alone', async () => {
    const padding = Math.ceil(YAML_LIMIT / 10)
    const text = `image: ${API}:v1\n${'# padding\n'.repeat(padding)}tag: ${HOST}\n`
    expect(await entries(text, 'big.yaml')).toEqual([
      [
        1,
        'skip',
        `${API}:v1`,
        'the file is over 1 MiB, more than the action reads as YAML, so nothing in it is pinned'
      ],
      [padding + 2, 'skip', HOST, 'a registry host alone names no image']
    ])
    // The text rules alone read any other file of that size.
    expect(await entries(text, 'big.env')).toEqual([
      [1, 'pin', `${API}:v1`],
      [padding + 2, 'skip', HOST, 'a registry host alone names no image']
    ])
  })

  it('pins nothing in a file that would not read back the same', () => {
    // An occurrence taken for a reference where a pin would break the YAML: an anchor's name.
    const text = `a: &${API}:v1 value\nb: *${API}:v1\nc: ${API}:v2\n`
    const anchor = text.indexOf(HOST)
    const occurrences = [
      {
        kind: 'reference' as const,
        start: anchor,
        end: anchor + `${API}:v1`.length,
        host: anchor,
        tagged: true
      },
      ...findEcrHosts(text).filter((occurrence) => occurrence.kind === 'reference')
    ]
    const read = readYaml(text, occurrences)
    expect(read.pinnable).toEqual([])
    expect(read.leftAlone.map(({ text: written, reason }) => [written, reason])).toEqual([
      [
        `${API}:v1`,
        expect.stringMatching(
          /^the file would not read back as the same YAML once pinned \(.+\), so nothing in it is pinned$/
        )
      ],
      [`${API}:v2`, expect.stringContaining('would not read back')]
    ])
  })
})
