// End to end, one happy path per feature through dist/index.js, and what each run loads (issue
// 15). A `--import` probe logs every module node loads (the bundle's chunks, node's built-ins)
// and, at exit, whether undici was evaluated (it installs its global dispatcher as it loads). A
// default lookup must read no chunk of the request parser (yaml), the pull-request comment
// (Octokit), the proxy agents or any gate, and must not evaluate undici; each feature's run
// reads its own chunks and no other, and does what the feature is for (its outputs, its
// comment, its pinned file), as the runner sees it: the exit code and the GITHUB_OUTPUT file.
// The cases of each feature run in process (__tests__/integration/).
import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CONFIG_FIXTURES, SEEDED_APP } from '../../server/config-fixtures.js'
import { FIXTURES, SEED_REGISTRY_ID, SEEDED } from '../../server/fixtures.js'
import {
  DIST_INDEX,
  runAction,
  type ActionRun,
  type RunActionOptions
} from '../../harness/run-action.js'
import { shown } from '../helpers/action-run.js'
import { pullRequestEvent } from '../helpers/events.js'
import { DEFAULT_MEDIA_TYPES, pinnedUri, registryHost } from '../helpers/images.js'
import { useServers } from '../helpers/servers.js'

const DIST = join(DIST_INDEX, '..')
const TOKEN = 'ghs_e2eFeaturesToken00000000000000000'
const UNDICI_LOADED = 'undici evaluated:'

/** Logs each loaded URL to LOAD_LOG; at exit, whether undici's global dispatcher exists. */
const PROBE = `
import { registerHooks } from 'node:module'
import { appendFileSync } from 'node:fs'
const log = process.env.LOAD_LOG
registerHooks({
  load(url, context, nextLoad) {
    appendFileSync(log, url + '\\n')
    return nextLoad(url, context)
  }
})
process.on('exit', () => {
  const loaded = globalThis[Symbol.for('undici.globalDispatcher.1')] !== undefined
  appendFileSync(log, '${UNDICI_LOADED} ' + loaded + '\\n')
})
`

/** A string only the chunk of each optional feature holds. */
const FEATURES = {
  yaml: 'Implicit keys need to be on a single line',
  comment: 'octokit-core.js',
  proxyAgents: 'https-proxy-agent',
  config: 'ConfigUnreadable',
  referrers: 'ListImageReferrers returned the same nextToken twice',
  compare: 'the baseline has no valid digest',
  pinFiles: 'no ECR image reference in the'
} as const
type Feature = keyof typeof FEATURES

interface Loads {
  /** Features whose chunk was read. */
  features: Feature[]
  undici: boolean
}

const servers = useServers({ tempDir: 'e2e-features-', githubToken: TOKEN })
let probe: string

beforeAll(async () => {
  probe = join(servers.dir, 'probe.mjs')
  await writeFile(probe, PROBE)
})

let runs = 0

/** The features of the chunks a run read, from the probe's log. */
async function loadsIn(log: string, stderr: string): Promise<Loads> {
  const lines = (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '')
  const distFiles = lines
    .filter((line) => line.startsWith('file:'))
    .map((url) => fileURLToPath(url))
    .filter((path) => path.startsWith(DIST))
    .map((path) => basename(path))
  expect(distFiles).toContain('index.js')
  const features: Feature[] = []
  for (const [feature, marker] of Object.entries(FEATURES) as [Feature, string][]) {
    for (const file of distFiles) {
      if (file !== 'index.js' && (await readFile(join(DIST, file), 'utf8')).includes(marker)) {
        features.push(feature)
        break
      }
    }
  }
  const undici = lines.find((line) => line.startsWith(UNDICI_LOADED))
  if (!undici) throw new Error(`The probe did not run:\n${stderr}`)
  return { features, undici: undici.endsWith('true') }
}

/** Runs the bundle under the probe: what the runner sees, and what the run loaded. */
async function runWithProbe(
  inputs: Record<string, string>,
  options: Partial<RunActionOptions> = {}
): Promise<{ result: ActionRun; loads: Loads }> {
  const log = join(servers.dir, `loads-${++runs}.txt`)
  await writeFile(log, '')
  const result = await runAction({
    endpoint: servers.ecr.url,
    ...options,
    inputs: { 'max-attempts': '1', ...inputs },
    env: { NODE_OPTIONS: `--import=${probe}`, LOAD_LOG: log, ...options.env }
  })
  return { result, loads: await loadsIn(log, result.stderr) }
}

/** A workspace of its own for a run that reads files. */
async function workspaceWith(files: Record<string, string>): Promise<string> {
  const workspace = join(servers.dir, `workspace-${++runs}`)
  await mkdir(workspace)
  for (const [path, text] of Object.entries(files)) await writeFile(join(workspace, path), text)
  return workspace
}

/** Exit 0 and no annotation shown. */
function expectClean(result: ActionRun): void {
  expect({ code: result.code, shown: shown(result), stderr: result.stderr }).toEqual({
    code: 0,
    shown: [],
    stderr: ''
  })
}

const API = SEEDED.api
const LOOKUP = { repository: API.repositoryName, 'image-ids': API.tags[0] }
const REFERENCE = `${registryHost()}/${API.repositoryName}:${API.tags[0]}`

describe('a default lookup', () => {
  it('sets the outputs from the image ECR returned, reads no optional chunk, never evaluates undici', async () => {
    const { result, loads } = await runWithProbe(LOOKUP)
    expectClean(result)
    const uri = pinnedUri(API.repositoryName, API.image.digest)
    expect(result.outputs).toMatchObject({
      digest: API.image.digest,
      'media-type': API.image.mediaType,
      'image-uri': uri,
      digests: JSON.stringify({ [API.tags[0]]: API.image.digest }),
      'image-uris': JSON.stringify({ [API.tags[0]]: uri }),
      missing: '[]',
      failures: '[]',
      'found-count': '1',
      'missing-count': '0',
      'all-found': 'true'
    })
    expect(JSON.parse(result.outputs.images ?? 'null')).toEqual([
      {
        registryId: SEED_REGISTRY_ID,
        repositoryName: API.repositoryName,
        imageId: { imageDigest: API.image.digest, imageTag: API.tags[0] },
        imageManifest: API.image.manifest,
        imageManifestMediaType: API.image.mediaType
      }
    ])
    expect(result.summary).toContain(`| ${API.repositoryName} | ${API.tags[0]} | ✅ found |`)
    expect(servers.batchGetImageCalls().map((call) => call.body)).toEqual([
      {
        repositoryName: API.repositoryName,
        imageIds: [{ imageTag: API.tags[0] }],
        acceptedMediaTypes: DEFAULT_MEDIA_TYPES
      }
    ])
    expect(loads).toEqual({ features: [], undici: false })
  })
})

describe('each feature: its happy path, its own chunks and no other', () => {
  it('comment: creates the pull-request comment, loading Octokit and undici', async () => {
    const { result, loads } = await runWithProbe(
      { ...LOOKUP, comment: 'true', 'github-token': TOKEN },
      {
        event: pullRequestEvent(7),
        env: { GITHUB_API_URL: servers.github.url, GITHUB_WORKFLOW: 'CI', GITHUB_JOB: 'images' }
      }
    )
    expectClean(result)
    const [comment, ...more] = servers.github.comments
    expect(more).toEqual([])
    expect(comment?.issueNumber).toBe(7)
    expect(comment?.body).toMatch(/^<!-- ecr-batch-get-image: workflow=CI; job=images -->\n/)
    expect(result.stdout).toContain(
      `Pull request comment created: https://github.com/octo-org/octo-repo/pull/7#issuecomment-${comment?.id}`
    )
    expect(loads).toEqual({ features: ['comment'], undici: true })
  })

  it('HTTP_PROXY: the ECR call goes through the proxy, loading the proxy agents, not undici', async () => {
    const { result, loads } = await runWithProbe(LOOKUP, { env: { HTTP_PROXY: servers.proxy.url } })
    expectClean(result)
    expect(result.outputs.digest).toBe(API.image.digest)
    expect(servers.proxy.requests).toEqual([{ method: 'POST', target: `${servers.ecr.url}/` }])
    expect(loads).toEqual({ features: ['proxyAgents'], undici: false })
  })

  it('require-labels: reads the config and passes on the required revision', async () => {
    const revision = (
      JSON.parse(CONFIG_FIXTURES.amd64Config.text) as {
        config: { Labels: Record<string, string> }
      }
    ).config.Labels['org.opencontainers.image.revision']
    const { result, loads } = await runWithProbe({
      repository: SEEDED_APP.repositoryName,
      'image-ids': SEEDED_APP.tags.amd64,
      'require-labels': `org.opencontainers.image.revision=${revision}`
    })
    expectClean(result)
    const labels = JSON.parse(result.outputs.labels ?? 'null') as Record<string, object>
    expect(labels[SEEDED_APP.tags.amd64]).toMatchObject({
      'org.opencontainers.image.revision': revision
    })
    expect(loads).toEqual({ features: ['config'], undici: false })
  })

  it('referrers: lists the referrers of a signed image', async () => {
    const { result, loads } = await runWithProbe({
      repository: SEEDED.signed.repositoryName,
      'image-ids': 'v1',
      'require-referrers': 'signature, sbom'
    })
    expectClean(result)
    const listed = (
      JSON.parse(result.outputs.referrers ?? 'null') as Record<string, { digest: string }[]>
    ).v1
    expect(listed?.map((referrer) => referrer.digest).sort()).toEqual(
      [
        FIXTURES.signedInTotoAttestation.digest,
        FIXTURES.signedSpdxSbom.digest,
        FIXTURES.signedNotationSignature.digest,
        FIXTURES.signedCosignBundle.digest
      ].sort()
    )
    expect(loads).toEqual({ features: ['referrers'], undici: false })
  })

  it('compare-to: reports the change against the baseline', async () => {
    const { result, loads } = await runWithProbe({
      repository: 'team/shop',
      'image-ids': 'pr-123',
      'compare-to': 'prod',
      'max-size-increase': '10%'
    })
    expectClean(result)
    expect(JSON.parse(result.outputs.changes ?? 'null')).toMatchObject({
      'pr-123': {
        baseline: 'prod',
        changed: true,
        digest: FIXTURES.shopPr.digest,
        baselineDigest: FIXTURES.shopProd.digest,
        sizeDelta: 1_518_708
      }
    })
    expect(result.outputs.changed).toBe('true')
    expect(loads).toEqual({ features: ['compare'], undici: false })
  })

  it('request: a YAML request, loading the YAML parser', async () => {
    const request = `repositoryName: ${LOOKUP.repository}\nimageIds:\n  - imageTag: ${LOOKUP['image-ids']}\n`
    const { result, loads } = await runWithProbe({ request })
    expectClean(result)
    // Keyed as the CLI's shorthand writes the request's ids.
    expect(result.outputs.digests).toBe(
      JSON.stringify({ [`imageTag=${API.tags[0]}`]: API.image.digest })
    )
    expect(loads).toEqual({ features: ['yaml'], undici: false })
  })

  it('platform and wait-timeout: the platform digest of a multi-arch image found at once, its config read', async () => {
    const { result, loads } = await runWithProbe({
      repository: SEEDED.multi.repositoryName,
      'image-ids': SEEDED.multi.tags[0],
      platform: 'linux/arm64',
      'wait-timeout': '1m'
    })
    expectClean(result)
    expect(result.outputs['platform-digest']).toBe(SEEDED.multi.children[1]?.digest)
    expect(result.outputs['waited-seconds']).toBe('0.0')
    expect(servers.batchGetImageCalls()).toHaveLength(1)
    // The platform is checked against the image's config: the config chunk.
    expect(loads).toEqual({ features: ['config'], undici: false })
  })

  it('dry-run: prints and outputs the requests, sends nothing', async () => {
    const { result, loads } = await runWithProbe({ ...LOOKUP, 'dry-run': 'true' })
    expectClean(result)
    expect(JSON.parse(result.outputs.requests ?? 'null')).toEqual([
      {
        repositoryName: API.repositoryName,
        imageIds: [{ imageTag: API.tags[0] }],
        acceptedMediaTypes: DEFAULT_MEDIA_TYPES
      }
    ])
    expect(servers.ecr.calls).toEqual([])
    expect(loads).toEqual({ features: [], undici: false })
  })
})

describe('pin-files: pins the file, loading the YAML parser only for YAML naming an ECR host', () => {
  it.each([
    [
      'a Dockerfile',
      'Dockerfile',
      `FROM ${REFERENCE}\n`,
      `FROM ${REFERENCE}@${API.image.digest}\n`,
      ['pinFiles']
    ],
    [
      'YAML with no ECR host',
      'k8s.yaml',
      'image: nginx:1.27\n',
      'image: nginx:1.27\n',
      ['pinFiles']
    ],
    [
      'YAML naming an ECR host',
      'k8s.yaml',
      `image: ${REFERENCE}\n`,
      `image: ${REFERENCE}@${API.image.digest}\n`,
      ['yaml', 'pinFiles']
    ]
  ])('%s', async (_, path, text, pinned, features) => {
    const workspace = await workspaceWith({ [path]: text })
    const { result, loads } = await runWithProbe(
      { 'pin-files': path },
      { env: { GITHUB_WORKSPACE: workspace } }
    )
    expect(result.code).toBe(0)
    expect(await readFile(join(workspace, path), 'utf8')).toBe(pinned)
    expect(loads).toEqual({ features, undici: false })
  })
})

describe('every gate in one step', () => {
  it('passes and pins the files when every gate passes', async () => {
    const app = `${registryHost()}/${SEEDED_APP.repositoryName}`
    const tag = SEEDED_APP.tags.amd64
    const workspace = await workspaceWith({ 'deploy.yaml': `image: ${app}:${tag}\n` })
    const { result, loads } = await runWithProbe(
      {
        platform: 'linux/amd64',
        'read-config': 'true',
        'require-labels': 'org.opencontainers.image.version=4.2.0',
        'compare-to': tag,
        'pin-files': 'deploy.yaml',
        summary: 'true'
      },
      { env: { GITHUB_WORKSPACE: workspace } }
    )
    expectClean(result)
    const digest = JSON.parse(result.outputs.digests ?? 'null')[`${app}:${tag}`] as string
    expect(await readFile(join(workspace, 'deploy.yaml'), 'utf8')).toBe(
      `image: ${app}:${tag}@${digest}\n`
    )
    expect(result.outputs['pinned-files']).toBe(JSON.stringify(['deploy.yaml']))
    expect(result.summary).toContain('### Pinned references')
    expect(loads).toEqual({ features: ['yaml', 'config', 'compare', 'pinFiles'], undici: false })
  })
})
