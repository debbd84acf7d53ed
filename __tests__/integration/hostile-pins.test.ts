// Issue 20, in process: pin-files writes only what it fully understands, and check mode never
// passes what it did not check. run() against the local ECR server: a tag that
// runs into a template, a digest of another algorithm or a malformed one, a YAML string folded
// over lines, what a compose service builds, an ECR host alone; and the shapes it must
// understand, each written and then checked: Helm values, kustomize images, `${VAR:-ref}`.
import { describe, expect, it } from '@jest/globals'
import { SEED_REGISTRY_ID, SEEDED } from '../../server/fixtures.js'
import { runInProcess } from '../helpers/in-process.js'
import { useServers } from '../helpers/servers.js'
import { useWorkspace } from '../helpers/workspace.js'

const HOST = `${SEED_REGISTRY_ID}.dkr.ecr.us-east-1.amazonaws.com`
const API = `${HOST}/team/api`
const TAG = SEEDED.api.tags[0] // v1.13.6
const API_DIGEST = SEEDED.api.image.digest

const servers = useServers()
const workspace = useWorkspace('hostile-pins-')
const { put, read } = workspace

function run(pinFiles: string, mode: 'write' | 'check' = 'write') {
  servers.ecr.clearCalls()
  return runInProcess({
    inputs: { 'pin-files': pinFiles, 'pin-mode': mode, 'max-attempts': '1' },
    endpoint: servers.ecr.url,

    env: { GITHUB_WORKSPACE: workspace.path }
  })
}

/** The tags BatchGetImage was asked for. */
const askedTags = () =>
  servers
    .batchGetImageCalls()
    .flatMap((call) => (call.body.imageIds as { imageTag?: string }[]).map((id) => id.imageTag))
    .sort()

type Run = Awaited<ReturnType<typeof run>>
const onFiles = (result: Run, level: string) =>
  result.annotations
    .filter((annotation) => annotation.level === level && annotation.properties.file)
    .map(({ properties, message }) => [properties.file, properties.line, message])

describe('left alone, with why: written as it was, warned in write mode, failed in check mode', () => {
  const CASES: [string, string, string, string][] = [
    [
      'a tag that runs into a template',
      `image: ${API}:release-\${GIT_SHA}\n`,
      `${API}:release-\${GIT_SHA}`,
      'the tag runs into template syntax (${), so the reference it renders is not known'
    ],
    [
      'a tag after a Helm template',
      `image: ${API}:{{ .Values.tag }}\n`,
      `${API}:{{`,
      'the tag is template syntax ({{), so the reference it renders is not known'
    ],
    [
      'a sha512 digest',
      `image: ${API}:${TAG}@sha512:${'ab'.repeat(64)}\n`,
      `${API}:${TAG}@sha512:${'ab'.repeat(64)}`,
      "it already carries a sha512 digest, and pins are sha256 (ECR's)"
    ],
    [
      'a malformed sha256 digest',
      `image: ${API}:${TAG}@sha256:${'c'.repeat(63)}\n`,
      `${API}:${TAG}@sha256:${'c'.repeat(63)}`,
      'its sha256 digest has 63 hex digits, not 64'
    ],
    [
      'a YAML string folded over lines',
      `args: "--image=${API}:${TAG}\n  @sha256:${'c'.repeat(64)}"\n`,
      `${API}:${TAG}`,
      'it stands at a line break inside a YAML string folded over lines, so the reference may go on across it'
    ]
  ]

  it.each(CASES)('%s: write mode leaves it as it is, and warns', async (_, text, shown, reason) => {
    await put({ 'k8s/app.yaml': text })

    const written = await run('k8s/*.yaml')

    expect(written.code).toBe(0)
    expect(await read('k8s/app.yaml')).toBe(text)
    expect(written.outputs['pinned-files']).toBe('[]')
    expect(written.outputs.pins).toBe('{}')
    expect(servers.ecr.calls).toEqual([]) // nothing it could pin, so nothing asked
    expect(onFiles(written, 'warning')).toEqual([
      ['k8s/app.yaml', '1', `${shown} was left as it is: ${reason}.`]
    ])
    expect(written.stdout).toContain(`k8s/app.yaml:1:`)
    expect(written.summary).toContain('1 ⚠️ skipped')
  })

  it.each(CASES)('%s: check mode fails, naming it', async (_, text, shown, reason) => {
    await put({ 'k8s/app.yaml': text })

    const checked = await run('k8s/*.yaml', 'check')

    expect(checked.code).toBe(1)
    expect(await read('k8s/app.yaml')).toBe(text)
    expect(onFiles(checked, 'error')).toEqual([
      ['k8s/app.yaml', '1', `${shown} cannot be verified: ${reason}.`]
    ])
    expect(checked.stdout).toMatch(
      /::error::pin-mode is check and 1 ECR reference\(s\) in pin-files could not be verified/
    )
  })

  it('an ECR host alone fails check mode at its file and line, and only warns in write mode', async () => {
    const text = `env:\n  REGISTRY: ${HOST}\njobs: {}\n`
    await put({ '.github/workflows/deploy.yml': text })

    const checked = await run('.github/workflows/*.yml', 'check')

    expect(checked.code).toBe(1)
    expect(onFiles(checked, 'error')).toEqual([
      [
        '.github/workflows/deploy.yml',
        '2',
        `${HOST} cannot be verified: a registry host alone names no image.`
      ]
    ])
    expect(checked.summary).toContain('❌ not verified')

    const written = await run('.github/workflows/*.yml')

    expect(written.code).toBe(0)
    expect(await read('.github/workflows/deploy.yml')).toBe(text)
    expect(onFiles(written, 'warning')).toHaveLength(1)
  })
})

describe('understood shapes: written, then checked', () => {
  async function writeThenCheck(path: string, text: string, pinned: string) {
    await put({ [path]: text })
    const written = await run(path)
    expect(written.code).toBe(0)
    expect(await read(path)).toBe(pinned)
    expect(JSON.parse(written.outputs['pinned-files'] ?? '')).toEqual([path])
    expect(askedTags()).toEqual([TAG])

    const checked = await run(path, 'check')
    expect(checked.code).toBe(0)
    expect(checked.annotations.filter((annotation) => annotation.level === 'error')).toEqual([])
    expect(await read(path)).toBe(pinned)
    return written
  }

  it('Helm values: repository and tag in separate fields, pinned in the tag', async () => {
    const values = [
      'image:',
      `  repository: ${API}`,
      '  pullPolicy: IfNotPresent',
      '  # Overrides the image tag whose default is the chart appVersion.',
      `  tag: "${TAG}"`,
      ''
    ].join('\n')

    const written = await writeThenCheck(
      'chart/values.yaml',
      values,
      values.replace(`tag: "${TAG}"`, `tag: "${TAG}@${API_DIGEST}"`)
    )

    expect(JSON.parse(written.outputs.pins ?? '')).toEqual({
      [`${API}:${TAG}`]: `${API}:${TAG}@${API_DIGEST}`
    })
    expect(written.summary).toContain(`| chart/values.yaml:5 | \`${API}:${TAG}\` |`)
  })

  it('kustomize images: digest: added after newTag', async () => {
    const kustomization = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'images:',
      '  - name: api',
      `    newName: ${API}`,
      `    newTag: ${TAG} # release`,
      ''
    ].join('\n')

    await writeThenCheck(
      'kustomization.yaml',
      kustomization,
      kustomization.replace('# release\n', `# release\n    digest: ${API_DIGEST}\n`)
    )
  })

  it('${VAR:-ref}: the default pinned where it stands', async () => {
    const env = `API_IMAGE=\${API_IMAGE:-${API}:${TAG}}\n`

    await writeThenCheck(
      'deploy.env',
      env,
      `API_IMAGE=\${API_IMAGE:-${API}:${TAG}@${API_DIGEST}}\n`
    )
  })
})

describe('what a compose service builds', () => {
  it('is never pinned nor asked for, and check mode passes with it', async () => {
    const compose = [
      'services:',
      '  api:',
      '    build:',
      '      context: .',
      `      tags: ["${API}:ci"]`,
      `    image: \${API_IMAGE:-${API}:latest}`,
      '  worker:',
      `    image: ${API}:${TAG}`,
      ''
    ].join('\n')
    await put({ 'compose.yaml': compose })

    const written = await run('compose.yaml')

    expect(written.code).toBe(0)
    expect(await read('compose.yaml')).toBe(
      compose.replace(`image: ${API}:${TAG}`, `image: ${API}:${TAG}@${API_DIGEST}`)
    )
    // Only the worker's image is asked for: latest and ci name what the build produces.
    expect(askedTags()).toEqual([TAG])
    expect(JSON.parse(written.outputs.pins ?? '')).toEqual({
      [`${API}:${TAG}`]: `${API}:${TAG}@${API_DIGEST}`
    })
    expect(written.annotations.filter((annotation) => annotation.level === 'warning')).toEqual([])
    expect(written.stdout).toContain(
      `compose.yaml:6:25: ${API}:latest is a build output, never pinned: service "api" builds it`
    )
    expect(written.summary).toContain('2 build output, never pinned')

    const checked = await run('compose.yaml', 'check')

    expect(checked.code).toBe(0)
    expect(checked.annotations.filter((annotation) => annotation.level === 'error')).toEqual([])
  })
})
