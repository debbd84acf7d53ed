// `pin-files`, run() against the local ECR server. Files live in a
// workspace of their own; each test asserts the bytes on disk after the run, the outputs, the
// annotations with their file and line, and the calls that reached the server.
import { describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FIXTURES, SEED_REGISTRY_ID, SEEDED } from '../../server/fixtures.js'
import { runInProcess } from '../helpers/in-process.js'
import { useServers } from '../helpers/servers.js'
import { useWorkspace } from '../helpers/workspace.js'

const HOST = `${SEED_REGISTRY_ID}.dkr.ecr.us-east-1.amazonaws.com`
const API = `${HOST}/team/api`
const MULTI = `${HOST}/team/multi`
const API_DIGEST = SEEDED.api.image.digest
const MULTI_DIGEST = SEEDED.multi.image.digest
// A digest team/api:v1.13.6 does not point to: what a file pinned before the tag moved holds.
const OLD_DIGEST = FIXTURES.ociImage.digest

const servers = useServers()
const workspace = useWorkspace('pin-files-')
const { put, read } = workspace

function run(inputs: Record<string, string>) {
  servers.ecr.clearCalls()
  return runInProcess({
    inputs,
    endpoint: servers.ecr.url,

    env: { GITHUB_WORKSPACE: workspace.path }
  })
}

const batchCalls = () => servers.ecr.calls.filter((call) => call.operation === 'BatchGetImage')

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'spec:',
  '  template:',
  '    spec:',
  '      initContainers:',
  `        - image: "${API}:v1.13.6" # migrations`,
  '      containers:',
  `        - image: ${MULTI}:v2`,
  '        - image: ghcr.io/octo/sidecar:1.0',
  ''
].join('\n')

const TASK_DEFINITION = JSON.stringify(
  { containerDefinitions: [{ name: 'api', image: `${API}:v1.13.6` }, { image: `${API}:latest` }] },
  null,
  2
)

describe('pin-mode: write', () => {
  it('pins every reference in place, one call per repository, and reports the changes', async () => {
    await put({ 'k8s/api.yaml': DEPLOYMENT, 'ecs/task.json': TASK_DEFINITION })

    const result = await run({ 'pin-files': 'k8s/**/*.yaml\necs/*.json' })

    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(await read('k8s/api.yaml')).toBe(
      DEPLOYMENT.replace(`${API}:v1.13.6`, `${API}:v1.13.6@${API_DIGEST}`).replace(
        `${MULTI}:v2`,
        `${MULTI}:v2@${MULTI_DIGEST}`
      )
    )
    expect(await read('ecs/task.json')).toBe(
      TASK_DEFINITION.replace(`${API}:v1.13.6`, `${API}:v1.13.6@${API_DIGEST}`).replace(
        `${API}:latest`,
        `${API}:latest@${API_DIGEST}`
      )
    )
    expect(JSON.parse(result.outputs['pinned-files'] ?? '')).toEqual([
      'k8s/api.yaml',
      'ecs/task.json'
    ])
    expect(JSON.parse(result.outputs.pins ?? '')).toEqual({
      [`${API}:v1.13.6`]: `${API}:v1.13.6@${API_DIGEST}`,
      [`${API}:latest`]: `${API}:latest@${API_DIGEST}`,
      [`${MULTI}:v2`]: `${MULTI}:v2@${MULTI_DIGEST}`
    })
    // team/api is named three times in two files: one call asks each of its tags once.
    // Calls run concurrently: compared in repository order, not arrival order.
    const bodies = batchCalls()
      .map(({ body }) => [body.repositoryName, body.imageIds])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    expect(bodies).toEqual([
      ['team/api', [{ imageTag: 'v1.13.6' }, { imageTag: 'latest' }]],
      ['team/multi', [{ imageTag: 'v2' }]]
    ])
    expect(result.stdout).toContain(
      `-        - image: ${MULTI}:v2\n+        - image: ${MULTI}:v2@${MULTI_DIGEST}`
    )
    expect(result.stdout).toContain('--- a/k8s/api.yaml\n+++ b/k8s/api.yaml\n@@ -4,7 +4,7 @@')
    expect(result.summary).toContain('### Pinned references')
    expect(result.summary).toContain(
      `| k8s/api.yaml:7 | \`${API}:v1.13.6\` | \`${API}:v1.13.6@${API_DIGEST}\` |`
    )
  })

  it('pins the platform digest with platform', async () => {
    await put({ Dockerfile: `FROM ${MULTI}:v2 AS build\r\nRUN make\r\n` })

    const result = await run({ 'pin-files': 'Dockerfile', platform: 'linux/arm64' })

    expect(result.code).toBe(0)
    const arm64 = FIXTURES.dockerListArm64.digest
    expect(await read('Dockerfile')).toBe(`FROM ${MULTI}:v2@${arm64} AS build\r\nRUN make\r\n`)
  })

  it('leaves a file already pinned to the right digest as it is', async () => {
    const text = `IMAGE=${API}:v1.13.6@${API_DIGEST}\n`
    await put({ '.env': text })

    const result = await run({ 'pin-files': '.env' })

    expect(result.code).toBe(0)
    expect(await read('.env')).toBe(text)
    expect(result.outputs['pinned-files']).toBe('[]')
    expect(JSON.parse(result.outputs.pins ?? '')).toEqual({
      [`${API}:v1.13.6@${API_DIGEST}`]: `${API}:v1.13.6@${API_DIGEST}`
    })
    expect(result.annotations.filter((a) => a.level === 'notice')).toEqual([])
  })

  it('re-pins a reference whose tag moved, with a notice naming both digests', async () => {
    await put({
      'values.yaml': `image:\n  repository: x\n  full: '${API}:v1.13.6@${OLD_DIGEST}'\n`
    })

    const result = await run({ 'pin-files': 'values.yaml' })

    expect(result.code).toBe(0)
    expect(await read('values.yaml')).toBe(
      `image:\n  repository: x\n  full: '${API}:v1.13.6@${API_DIGEST}'\n`
    )
    const notices = result.annotations.filter((a) => a.level === 'notice')
    expect(notices).toHaveLength(1)
    expect(notices[0]?.properties).toMatchObject({ file: 'values.yaml', line: '3', col: '10' })
    expect(notices[0]?.message).toMatch(/^Re-pinned /)
    expect(notices[0]?.message).toContain(OLD_DIGEST)
    expect(notices[0]?.message).toContain(API_DIGEST)
    // Asked by tag alone: ECR would fail a tag and digest that no longer agree.
    expect(batchCalls()[0]?.body.imageIds).toEqual([{ imageTag: 'v1.13.6' }])
  })

  it('writes no file when an image is missing', async () => {
    const good = `image: ${API}:v1.13.6\n`
    const missing = `image: ${API}:no-such-tag\n`
    await put({ 'a.yaml': good, 'b.yaml': missing })

    const result = await run({ 'pin-files': '*.yaml' })

    expect(result.code).toBe(1)
    expect(await read('a.yaml')).toBe(good)
    expect(await read('b.yaml')).toBe(missing)
    expect(result.outputs['pinned-files']).toBe('[]')
    expect(result.stdout).toContain('no file was written')
    expect(result.summary).toContain('No file was written: the job fails.')
  })
})

describe('pin-mode: check', () => {
  it('writes nothing and fails with an error on the file and line of each reference to pin', async () => {
    const text = [
      `FROM ${API}:v1.13.6@${API_DIGEST} AS base`,
      `FROM ${API}:latest`,
      `COPY --from=${API}:v1.13.6@${OLD_DIGEST} /app /app`,
      ''
    ].join('\n')
    await put({ 'docker/Dockerfile': text })

    const result = await run({ 'pin-files': 'docker/Dockerfile', 'pin-mode': 'check' })

    expect(result.code).toBe(1)
    expect(await read('docker/Dockerfile')).toBe(text)
    const errors = result.annotations.filter((a) => a.level === 'error' && a.properties.file)
    expect(errors.map((a) => [a.properties.file, a.properties.line, a.properties.col])).toEqual([
      ['docker/Dockerfile', '2', '6'],
      ['docker/Dockerfile', '3', '13']
    ])
    expect(errors[0]?.message).toContain(`pin it as ${API}:latest@${API_DIGEST}`)
    expect(errors[1]?.message).toContain(OLD_DIGEST)
    expect(result.stdout).toMatch(/::error::pin-mode is check and 2 ECR reference\(s\)/)
    expect(result.outputs['pinned-files']).toBe('[]')
  })

  it('passes when every reference is pinned', async () => {
    await put({ 'deploy.yaml': `image: ${API}:v1.13.6@${API_DIGEST}\n` })

    const result = await run({ 'pin-files': 'deploy.yaml', 'pin-mode': 'check' })

    expect(result.code).toBe(0)
    expect(result.annotations.filter((a) => a.level === 'error')).toEqual([])
  })
})

describe('input problems', () => {
  it('refuses globs outside the workspace and globs that match nothing, before any call', async () => {
    await put({ 'ok.yaml': `image: ${API}:v1.13.6\n` })

    const result = await run({
      'pin-files': 'ok.yaml ../outside/*.yaml /etc/hosts k8s/*.yaml',
      'pin-mode': 'rewrite'
    })

    expect(result.code).toBe(1)
    expect(servers.ecr.calls).toEqual([])
    const failure = result.annotations.find((a) => a.level === 'error')?.message ?? ''
    expect(failure).toContain('4 input problems; nothing was sent to ECR')
    expect(failure).toContain('pin-files: "../outside/*.yaml" is outside the workspace')
    expect(failure).toContain('pin-files: "/etc/hosts" is outside the workspace')
    expect(failure).toContain('pin-files: "k8s/*.yaml" matches no file in the workspace')
    expect(failure).toContain('pin-mode: "rewrite" is not one of write, check.')
    expect(await read('ok.yaml')).toBe(`image: ${API}:v1.13.6\n`)
  })
})

describe('links', () => {
  it('does not follow a link out of the workspace', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'pin-files-outside-'))
    try {
      const target = join(outside, 'secret.yaml')
      await writeFile(target, `image: ${API}:v1.13.6\n`)
      await mkdir(join(workspace.path, 'k8s'))
      await symlink(target, join(workspace.path, 'k8s', 'link.yaml'))

      const result = await run({ 'pin-files': 'k8s/*.yaml' })

      expect(result.code).toBe(1)
      expect(servers.ecr.calls).toEqual([])
      expect(result.stdout).toContain('pin-files: "k8s/*.yaml" matches no file in the workspace')
      expect(await readFile(target, 'utf8')).toBe(`image: ${API}:v1.13.6\n`)
    } finally {
      await rm(outside, { recursive: true, force: true })
    }
  })
})

describe('with other inputs', () => {
  it('looks up the images input and the files together, each distinct id once', async () => {
    await put({ 'k8s/api.yaml': `image: ${API}:v1.13.6\n` })

    const result = await run({ 'pin-files': 'k8s/api.yaml', images: `${API}:v1.13.6\n${MULTI}:v2` })

    expect(result.code).toBe(0)
    expect(await read('k8s/api.yaml')).toBe(`image: ${API}:v1.13.6@${API_DIGEST}\n`)
    expect(JSON.parse(result.outputs.digests ?? '')).toEqual({
      [`${API}:v1.13.6`]: API_DIGEST,
      [`${MULTI}:v2`]: MULTI_DIGEST
    })
    expect(batchCalls().map((call) => call.body.imageIds)).toHaveLength(2)
  })

  it('makes no call for files without an ECR reference', async () => {
    await put({ 'k8s/nginx.yaml': 'image: nginx:1.27\n' })

    const result = await run({ 'pin-files': 'k8s/*.yaml' })

    expect(result.code).toBe(0)
    expect(servers.ecr.calls).toEqual([])
    expect(result.outputs['pinned-files']).toBe('[]')
    expect(result.outputs.pins).toBe('{}')
    expect(await read('k8s/nginx.yaml')).toBe('image: nginx:1.27\n')
  })
})
