// End to end, issue 15: what a run of dist/index.js loads. A `--import` probe logs every module
// node loads (the bundle's chunks, node's built-ins) and, at exit, whether undici was evaluated
// (it installs its global dispatcher as it loads). A default lookup must read no chunk of the
// request parser (yaml), the pull-request comment (Octokit) or the proxy agents, and must not
// evaluate undici; the comment, proxy and request runs are the controls that show the probe sees
// each of them when it is asked for.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { pullRequestEvent } from '../helpers/events.js'
import { DIST_INDEX, runAction, type RunActionOptions } from '../../harness/run-action.js'
import { startEcrServer, type EcrServer } from '../../server/ecr-server.js'
import { SEED_REGISTRY_ID, SEEDED } from '../../server/fixtures.js'
import { startGitHubServer, type GitHubServer } from '../../server/github-server.js'
import { startProxyServer, type ProxyServer } from '../../server/proxy-server.js'

const DIST = join(DIST_INDEX, '..')
const TOKEN = 'ghs_e2eStartupToken000000000000000000'
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
  code: number
  stderr: string
  /** dist/ files the run read. */
  distFiles: string[]
  /** Features whose chunk was read. */
  features: Feature[]
  undici: boolean
}

let workDir: string
let probe: string
let ecr: EcrServer
let github: GitHubServer
let proxy: ProxyServer

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'e2e-startup-'))
  probe = join(workDir, 'probe.mjs')
  await writeFile(probe, PROBE)
  ecr = await startEcrServer()
  github = await startGitHubServer({ token: TOKEN })
  proxy = await startProxyServer()
})

afterAll(async () => {
  await Promise.all([ecr.close(), github.close(), proxy.close()])
  await rm(workDir, { recursive: true, force: true })
})

let runs = 0

/** Runs the bundle under the probe and reads back what it loaded. */
async function loadsOf(
  inputs: Record<string, string>,
  options: Partial<RunActionOptions> = {}
): Promise<Loads> {
  const log = join(workDir, `loads-${++runs}.txt`)
  await writeFile(log, '')
  const result = await runAction({
    endpoint: ecr.url,
    ...options,
    inputs: { 'max-attempts': '1', ...inputs },
    env: { NODE_OPTIONS: `--import=${probe}`, LOAD_LOG: log, ...options.env }
  })
  const lines = (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '')
  const distFiles = lines
    .filter((line) => line.startsWith('file:'))
    .map((url) => fileURLToPath(url))
    .filter((path) => path.startsWith(DIST))
    .map((path) => basename(path))
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
  if (!undici) throw new Error(`The probe did not run:\n${result.stderr}`)
  return {
    code: result.code,
    stderr: result.stderr,
    distFiles,
    features,
    undici: undici.endsWith('true')
  }
}

const LOOKUP = { repository: SEEDED.api.repositoryName, 'image-ids': SEEDED.api.tags[0] }

describe('a default lookup', () => {
  it('reads no optional chunk and never evaluates undici', async () => {
    const loads = await loadsOf(LOOKUP)
    expect(loads.code).toBe(0)
    expect(loads.distFiles).toContain('index.js')
    expect(loads.features).toEqual([])
    expect(loads.undici).toBe(false)
  })
})

describe('the controls: each feature loads its chunk when asked for', () => {
  it('the pull-request comment loads Octokit and undici', async () => {
    const loads = await loadsOf(
      { ...LOOKUP, comment: 'true', 'github-token': TOKEN },
      {
        event: pullRequestEvent(7),
        env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'octo-org/octo-repo' }
      }
    )
    expect(loads.code).toBe(0)
    expect(loads.features).toEqual(['comment'])
    expect(loads.undici).toBe(true)
    expect(github.comments.length).toBeGreaterThan(0)
  })

  it('a proxy loads the proxy agents, not undici', async () => {
    const loads = await loadsOf(LOOKUP, { env: { HTTP_PROXY: proxy.url } })
    expect(loads.code).toBe(0)
    expect(loads.features).toEqual(['proxyAgents'])
    expect(loads.undici).toBe(false)
    expect(proxy.requests.length).toBeGreaterThan(0)
  })

  it.each([
    ['config' as const, { 'read-config': 'true' }],
    ['referrers' as const, { referrers: 'true' }],
    ['compare' as const, { 'compare-to': 'prod' }]
  ])('%s loads its chunk when its input is set', async (feature, inputs) => {
    const loads = await loadsOf({ ...LOOKUP, ...inputs })
    expect(loads.features).toEqual([feature])
  })

  it('the request input loads the YAML parser', async () => {
    const request = `repositoryName: ${LOOKUP.repository}\nimageIds:\n  - imageTag: ${LOOKUP['image-ids']}\n`
    const loads = await loadsOf({ request })
    expect(loads.code).toBe(0)
    expect(loads.features).toEqual(['yaml'])
    expect(loads.undici).toBe(false)
  })
})

describe('pin-files', () => {
  const reference = `${SEED_REGISTRY_ID}.dkr.ecr.us-east-1.amazonaws.com/${LOOKUP.repository}:${LOOKUP['image-ids']}`

  it.each([
    ['a Dockerfile: no YAML parser', 'Dockerfile', `FROM ${reference}\n`, ['pinFiles']],
    ['YAML with no ECR host: no YAML parser', 'k8s.yaml', 'image: nginx:1.27\n', ['pinFiles']],
    [
      'YAML naming an ECR host: the YAML parser',
      'k8s.yaml',
      `image: ${reference}\n`,
      ['yaml', 'pinFiles']
    ]
  ])('%s', async (_, path, text, features) => {
    const workspace = join(workDir, `workspace-${++runs}`)
    await mkdir(workspace)
    await writeFile(join(workspace, path), text)
    const loads = await loadsOf({ 'pin-files': path }, { env: { GITHUB_WORKSPACE: workspace } })
    expect(loads.code).toBe(0)
    expect(loads.features).toEqual(features)
  })
})
