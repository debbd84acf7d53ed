// verifyProvenance, the provenance stage's entry, against the local ECR server seeded with the
// provenance fixtures (referrers as actions/attest-build-provenance attaches them) and the local
// GitHub server serving the attestations API (bundles inline and behind a snappy bundle_url),
// through the real ECR client and the real Octokit: the right build passes from either source,
// each mismatch fails with its own reason, unsigned provenance is shown and not counted.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { ECRClient } from '@aws-sdk/client-ecr'
import { startEcrServer, type EcrServer } from '../../server/ecr-server.js'
import { SEED_REGISTRY_ID } from '../../server/fixtures.js'
import { startGitHubServer, type GitHubServer } from '../../server/github-server.js'
import {
  attestedDigest,
  PROVENANCE_CATALOG,
  PROVENANCE_FIXTURES_DIR,
  provenanceAttestations
} from '../../server/provenance-fixtures.js'
import { signedDigest } from '../../server/signature-fixtures.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseRequireProvenance, type ProvenancePolicy } from '../../src/inputs/provenance.js'
import { downloadBlob } from '../../src/net/blob-download.js'
import { createGitHubClient } from '../../src/net/github-client.js'
import { judgeProvenance } from '../../src/insight/provenance/types.js'
import {
  loadProvenanceTrust,
  type ProvenanceClients,
  type ProvenanceImage,
  type ProvenanceTrust,
  verifyProvenance
} from '../../src/insight/provenance/verify-provenance.js'
import type { ArtifactClients } from '../../src/insight/referrer-artifacts.js'

let ecrServer: EcrServer
let github: GitHubServer
let ecr: ECRClient
let trust: ProvenanceTrust
const TOKEN = 'ghs_provenance'
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' }
const clock = { now: () => Date.parse('2026-12-03T00:00:00Z'), sleep: () => Promise.resolve() }
const { conditions } = PROVENANCE_CATALOG
const REQUIRED = [
  `repository=${conditions.repository}`,
  `workflow=${conditions.workflow}`,
  `ref=${conditions.ref}`,
  `commit=${conditions.commit}`
].join('\n')

const download = (url: URL) => downloadBlob(url, { agents: {}, timeoutMs: 5000, maxBytes: 4 << 20 })

beforeAll(async () => {
  ecrServer = await startEcrServer()
  github = await startGitHubServer({ token: TOKEN, attestations: provenanceAttestations() })
  ecr = new ECRClient({ region: 'us-east-1', endpoint: ecrServer.url, maxAttempts: 1, credentials })
  trust = await loadProvenanceTrust(
    {
      path: 'trusted_root.json',
      json: JSON.parse(readFileSync(join(PROVENANCE_FIXTURES_DIR, 'trusted_root.json'), 'utf8'))
    },
    {}
  )
})
afterAll(async () => {
  ecr.destroy()
  await Promise.all([ecrServer.close(), github.close()])
})

const registryClients = (): ArtifactClients => ({
  lookup: {
    acceptedMediaTypes: ['application/vnd.oci.image.manifest.v1+json'],
    clientFor: () => ecr
  },
  referrers: () => ecr,
  blobs: { clientFor: () => ecr, download },
  maxAttempts: 1
})

const clients = (): ProvenanceClients => ({
  registry: registryClients(),
  github: {
    octokit: createGitHubClient({ token: TOKEN, apiUrl: github.url, env: {}, timeoutMs: 5000 }),
    download
  }
})

function policy(source: ProvenancePolicy['source'], text = REQUIRED): ProvenancePolicy {
  const parsed = parseRequireProvenance(text)
  if (!parsed.ok || !parsed.value) throw new Error('bad conditions')
  return { conditions: parsed.value, source }
}

function image(name: string, options: { platform?: boolean } = {}): ProvenanceImage {
  const fixture = PROVENANCE_CATALOG.images[name]
  return {
    id: name,
    region: 'us-east-1',
    registryId: SEED_REGISTRY_ID,
    repositoryName: fixture?.repositoryName ?? `team/${name}`,
    digest: fixture ? attestedDigest(name) : signedDigest(name),
    ...(options.platform && fixture?.platformDigest
      ? { platformDigest: fixture.platformDigest }
      : {}),
    ...(fixture && fixture.attestationManifests.length > 0
      ? { attestationManifests: fixture.attestationManifests }
      : {})
  }
}

async function judge(
  names: string[],
  source: ProvenancePolicy['source'],
  options: { platform?: boolean; text?: string } = {}
) {
  const facts = await verifyProvenance(
    names.map((name) => image(name, options)),
    policy(source, options.text),
    trust,
    clients(),
    clock
  )
  return new Map(names.map((name) => [name, judgeProvenance(facts.get(name)!)]))
}

const outcome = (judgement: ReturnType<typeof judgeProvenance>) =>
  judgement.verified ? 'verified' : judgement.reason

describe('verifyProvenance from ECR referrers', () => {
  const names = Object.keys(PROVENANCE_CATALOG.images).filter(
    (name) => PROVENANCE_CATALOG.images[name]!.referrers.length > 0 || name.includes('unsigned')
  )

  it.each(names)('%s: the outcome its fixture was made for', async (name) => {
    const judgement = (await judge([name], 'registry')).get(name)!
    expect(outcome(judgement)).toBe(PROVENANCE_CATALOG.images[name]!.expect.outcome)
  })

  it('names the build: repository, workflow, ref, commit, the subject and the signing time', async () => {
    const judgement = (await judge(['provenance-good'], 'registry')).get('provenance-good')!
    expect(judgement).toMatchObject({
      verified: true,
      check: {
        origin: 'registry',
        build: {
          repository: conditions.repository,
          workflow: '.github/workflows/release.yml',
          workflowRef: 'refs/heads/main',
          ref: conditions.ref,
          commit: conditions.commit
        },
        subject: { digest: attestedDigest('provenance-good'), of: 'image' },
        signingTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/)
      }
    })
  })

  it('a cosign signature bundle is no provenance: none found', async () => {
    const judgement = (await judge(['signed-keyless'], 'registry')).get('signed-keyless')!
    expect(judgement).toEqual({
      verified: false,
      reason: 'none-found',
      detail: 'no provenance attestation found'
    })
  })

  it('multi-arch: the index digest is the subject, with or without platform', async () => {
    for (const platform of [false, true]) {
      const judgement = (await judge(['provenance-multi'], 'registry', { platform })).get(
        'provenance-multi'
      )!
      expect(judgement).toMatchObject({
        verified: true,
        check: { subject: { digest: attestedDigest('provenance-multi'), of: 'image' } }
      })
    }
  })

  it('attested per platform: verified only with platform, naming the platform digest', async () => {
    const without = (await judge(['provenance-platform'], 'registry')).get('provenance-platform')!
    expect(outcome(without)).toBe('none-found')
    const withPlatform = (await judge(['provenance-platform'], 'registry', { platform: true })).get(
      'provenance-platform'
    )!
    expect(withPlatform).toMatchObject({
      verified: true,
      check: {
        subject: {
          digest: PROVENANCE_CATALOG.images['provenance-platform']!.platformDigest,
          of: 'platform'
        }
      }
    })
  })

  it('buildx mode=max provenance is shown as unsigned, never counted', async () => {
    const judgement = (await judge(['provenance-unsigned'], 'registry')).get('provenance-unsigned')!
    expect(judgement).toEqual({
      verified: false,
      reason: 'unsigned',
      detail: expect.stringContaining('https://slsa.dev/provenance/v0.2')
    })
  })

  it('fewer conditions pass a build that differs only in what is not asked', async () => {
    const judgement = await judge(['provenance-other-commit', 'provenance-other-ref'], 'registry', {
      text: `repository=${conditions.repository}`
    })
    expect(outcome(judgement.get('provenance-other-commit')!)).toBe('verified')
    // The identity's ref is the workflow's: refs/heads/feature, as asked by no condition.
    expect(outcome(judgement.get('provenance-other-ref')!)).toBe('verified')
  })

  it('could not check: the referrers cannot be listed', async () => {
    const broken: ProvenanceClients = {
      registry: {
        ...registryClients(),
        referrers: () => ({ send: () => Promise.reject(new Error('AccessDeniedException')) })
      }
    }
    const facts = await verifyProvenance(
      [image('provenance-good')],
      policy('registry'),
      trust,
      broken,
      clock
    )
    expect(judgeProvenance(facts.get('provenance-good')!)).toMatchObject({
      verified: false,
      reason: 'could-not-check',
      detail: expect.stringContaining('AccessDeniedException')
    })
  })

  it('could not check: no trusted root could be had', async () => {
    const facts = await verifyProvenance(
      [image('provenance-good')],
      policy('registry'),
      { unavailable: ['the Sigstore public-good trusted root could not be fetched'] },
      clients(),
      clock
    )
    expect(judgeProvenance(facts.get('provenance-good')!)).toMatchObject({
      verified: false,
      reason: 'could-not-check'
    })
  })
})

describe('verifyProvenance from the GitHub attestations API', () => {
  const names = Object.keys(PROVENANCE_CATALOG.images).filter(
    (name) => PROVENANCE_CATALOG.images[name]!.github.length > 0
  )

  it.each(names)('%s: the outcome its fixture was made for', async (name) => {
    const judgement = (await judge([name], 'github')).get(name)!
    expect(outcome(judgement)).toBe(PROVENANCE_CATALOG.images[name]!.expect.outcome)
  })

  it('reads a bundle behind bundle_url (snappy), fetched without the token', async () => {
    github.requests.length = 0
    const judgement = (await judge(['provenance-github-url'], 'github')).get(
      'provenance-github-url'
    )!
    expect(judgement).toMatchObject({ verified: true, check: { origin: 'github' } })
    const list = github.requests.filter((request) => request.path.includes('/attestations/'))
    expect(list).toHaveLength(1)
    expect(list[0]!.headers.authorization).toBe(`token ${TOKEN}`)
    const bundles = github.requests.filter((request) =>
      request.path.startsWith('/attestation-bundles/')
    )
    expect(bundles).toHaveLength(1)
    expect(bundles[0]!.headers.authorization).toBeUndefined()
  })

  it('none on GitHub (404): none found', async () => {
    const judgement = (await judge(['provenance-wrong-predicate'], 'github')).get(
      'provenance-wrong-predicate'
    )!
    expect(outcome(judgement)).toBe('none-found')
  })

  it('any: verified when either source verifies', async () => {
    const judgement = await judge(['provenance-github-url', 'provenance-good'], 'any')
    expect(outcome(judgement.get('provenance-github-url')!)).toBe('verified')
    expect(judgement.get('provenance-good')).toMatchObject({ verified: true })
  })

  it('per platform on GitHub: the platform digest is asked for too', async () => {
    const judgement = (await judge(['provenance-platform'], 'github', { platform: true })).get(
      'provenance-platform'
    )!
    expect(judgement).toMatchObject({ verified: true, check: { subject: { of: 'platform' } } })
  })

  it('a bundle_url on another host is refused before any request: could not check', async () => {
    const elsewhere = await startGitHubServer({ attestations: provenanceAttestations() })
    github.tampering.bundleUrl = (index) => `${elsewhere.url}/attestation-bundles/${index}.json.sn`
    try {
      const judgement = (await judge(['provenance-github-url'], 'github')).get(
        'provenance-github-url'
      )!
      expect(judgement).toMatchObject({
        verified: false,
        reason: 'could-not-check',
        detail: expect.stringContaining('not https')
      })
      expect(elsewhere.requests).toHaveLength(0)
    } finally {
      delete github.tampering.bundleUrl
      await elsewhere.close()
    }
  })

  it('a GitHub error other than 404 is could not check, naming the call', async () => {
    github.faults.next('all', { status: 500 })
    try {
      const judgement = (await judge(['provenance-good'], 'github')).get('provenance-good')!
      expect(judgement).toMatchObject({
        verified: false,
        reason: 'could-not-check',
        detail: expect.stringContaining('HTTP 500')
      })
    } finally {
      github.faults.clear()
    }
  })

  it('a next page at another address is not followed: could not check', async () => {
    github.tampering.link = () => '<https://attacker.example/steal>; rel="next"'
    try {
      const judgement = (await judge(['provenance-good'], 'github')).get('provenance-good')!
      expect(judgement).toMatchObject({
        verified: false,
        reason: 'could-not-check',
        detail: expect.stringContaining('another address')
      })
    } finally {
      delete github.tampering.link
    }
  })
})
