// verifySignatures, the signature stage's entry, against the local server seeded with the
// signature fixtures, through the real ECR, KMS and Signer clients: every signed image verifies
// by its key, identity, subject or profile; every bad one fails with its own reason; an unsigned
// image has no signature. The clock is injected: Notation's "now" is fixed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { ECRClient } from '@aws-sdk/client-ecr'
import { dirname } from 'node:path'
import { startEcrServer, type EcrServer } from '../../server/ecr-server.js'
import { SEED_REGISTRY_ID } from '../../server/fixtures.js'
import { SIGNATURE_CATALOG, signatureFile, signedDigest } from '../../server/signature-fixtures.js'
import { openWorkspace } from '../../src/files/workspace.js'
import { downloadBlob } from '../../src/net/blob-download.js'
import { kmsClients, revocationStatus, signerClients } from '../../src/ecr/aws-signing.js'
import { parseSignatureInputs, type SignatureInputValues } from '../../src/inputs/signatures.js'
import { signatureInputs } from '../helpers/signature-inputs.js'
import { checkTrustedRoot } from '../../src/insight/signatures/sigstore.js'
import { loadSignatureTrust } from '../../src/insight/signatures/trust.js'
import { judgeSignatures } from '../../src/insight/signatures/types.js'
import {
  type SignatureClients,
  type SignedImage,
  verifySignatures
} from '../../src/insight/signatures/verify-signatures.js'

let server: EcrServer
let ecr: ECRClient
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' }
const clock = { now: () => Date.parse('2026-12-03T00:00:00Z'), sleep: () => Promise.resolve() }

const values = signatureInputs

/** The signature fixtures as a workspace: `@path` inputs are read only inside one. */
const FIXTURE_FILES = openWorkspace(dirname(signatureFile('cosign.pub')))

const ALL = values({
  'cosign-key': `@cosign.pub\nawskms:///${SIGNATURE_CATALOG.kms[0]!.alias}`,
  'cosign-certificate-identity':
    'https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
  'cosign-certificate-oidc-issuer': 'https://token.actions.githubusercontent.com',
  'sigstore-trusted-root': `@trusted_root.json`,
  'notation-trust-store': `@notation-ca.pem\n@aws-signer-root.pem`,
  'notation-trusted-identities': 'x509.subject: C=US, ST=WA, O=Acme, CN=release',
  'aws-signer-profile': 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/release_signing'
})

beforeAll(async () => {
  server = await startEcrServer()
  process.env.AWS_ENDPOINT_URL_KMS = server.url
  process.env.AWS_ENDPOINT_URL_SIGNER = server.url
  ecr = new ECRClient({ region: 'us-east-1', endpoint: server.url, maxAttempts: 1, credentials })
})
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_KMS
  delete process.env.AWS_ENDPOINT_URL_SIGNER
  ecr.destroy()
  await server.close()
})

type Revocation = SignatureClients['revocation']

/** The clients verifySignatures is given: the real ECR client for calls and blob URLs. */
const clientsWith = (revocation: Revocation): SignatureClients => ({
  lookup: {
    acceptedMediaTypes: ['application/vnd.oci.image.manifest.v1+json'],
    clientFor: () => ecr
  },
  referrers: () => ecr,
  blobs: {
    clientFor: () => ecr,
    download: (url) => downloadBlob(url, { agents: {}, timeoutMs: 5000, maxBytes: 4 << 20 })
  },
  ...(revocation ? { revocation } : {}),
  maxAttempts: 1
})

async function verifyAll(inputValues: SignatureInputValues, names: string[]) {
  const policy = parseSignatureInputs(inputValues, FIXTURE_FILES, checkTrustedRoot)
  if (!policy.ok) throw new Error(policy.problems.join('\n'))
  const kms = kmsClients({ maxAttempts: 1 })
  const signer = signerClients({ maxAttempts: 1, endpointOverride: true })
  for (const client of [kms('us-east-1'), signer('us-east-1')])
    Object.assign(client.config, { credentials: () => Promise.resolve(credentials) })
  const trust = await loadSignatureTrust(policy.value!, { kms, defaultRegion: 'us-east-1' })
  const images: SignedImage[] = names.map((name) => ({
    id: name,
    region: 'us-east-1',
    registryId: SEED_REGISTRY_ID,
    repositoryName: `team/${name}`,
    digest: signedDigest(name)
  }))
  const facts = await verifySignatures(
    images,
    trust,
    clientsWith(({ region, ...input }) => revocationStatus(signer(region), input)),
    clock
  )
  return facts
}

describe('verifySignatures against the seeded server', () => {
  const names = Object.keys(SIGNATURE_CATALOG.images)

  it.each(names)('%s: the outcome its fixture was made for', async (name) => {
    const facts = await verifyAll(ALL, [name])
    const judgement = judgeSignatures(facts.get(name)!)
    const expected = SIGNATURE_CATALOG.images[name]!.expect
    if (expected.outcome === 'verified') {
      expect(judgement).toMatchObject({ verified: true, check: { kind: expected.kind } })
    } else {
      expect(judgement).toMatchObject({ verified: false, reason: expected.outcome })
    }
  })

  it('names who signed: the key fingerprint, the keyless identity, the subject, the profile', async () => {
    const facts = await verifyAll(ALL, [
      'signed-cosign-key',
      'signed-keyless',
      'signed-notation',
      'signed-aws-signer'
    ])
    const by = (name: string) => {
      const judgement = judgeSignatures(facts.get(name)!)
      return judgement.verified ? judgement.check : undefined
    }
    expect(by('signed-cosign-key')?.by).toEqual({
      key: expect.stringMatching(/^sha256:[0-9a-f]{64}$/)
    })
    expect(by('signed-keyless')).toMatchObject({
      by: {
        identity: ALL['cosign-certificate-identity'],
        issuer: ALL['cosign-certificate-oidc-issuer']
      },
      signingTime: expect.stringMatching(/^\d{4}-/)
    })
    expect(by('signed-notation')?.by).toEqual({ subject: 'CN=release, O=Acme, ST=WA, C=US' })
    expect(by('signed-aws-signer')).toMatchObject({
      by: { profile: ALL['aws-signer-profile'] },
      signingTime: SIGNATURE_CATALOG.signingTime
    })
  })

  it('batches: one BatchGetImage for every .sig tag, one for every referrer manifest, per repository', async () => {
    server.clearCalls()
    const names = ['signed-cosign-key', 'bad-wrong-key', 'unsigned']
    await verifyAll(values({ 'cosign-key': `@cosign.pub` }), names)
    const batch = server.calls.filter((call) => call.operation === 'BatchGetImage')
    expect(batch).toHaveLength(names.length)
    expect(server.calls.filter((call) => call.operation === 'ListImageReferrers')).toHaveLength(
      names.length
    )
  })

  it('only the wrong key configured: the signed image fails with wrong-key', async () => {
    const facts = await verifyAll(values({ 'cosign-key': `@other.pub` }), ['signed-cosign-key'])
    expect(judgeSignatures(facts.get('signed-cosign-key')!)).toMatchObject({
      verified: false,
      reason: 'wrong-key'
    })
  })

  it('an AWS Signer revocation call that fails makes the signature could-not-check', async () => {
    server.signing.revoked.clear()
    const facts = await verifyAll(ALL, ['signed-aws-signer'])
    expect(judgeSignatures(facts.get('signed-aws-signer')!).verified).toBe(true)
    const policy = parseSignatureInputs(ALL, FIXTURE_FILES, checkTrustedRoot)
    const trust = await loadSignatureTrust(policy.ok ? policy.value! : {}, {
      defaultRegion: 'us-east-1'
    })
    const image: SignedImage = {
      id: 'x',
      region: 'us-east-1',
      registryId: SEED_REGISTRY_ID,
      repositoryName: 'team/signed-aws-signer',
      digest: signedDigest('signed-aws-signer')
    }
    const result = await verifySignatures(
      [image],
      trust,
      clientsWith(() => Promise.resolve({ error: 'AccessDeniedException: not allowed' })),
      clock
    )
    expect(judgeSignatures(result.get('x')!)).toMatchObject({
      verified: false,
      reason: 'could-not-check',
      detail: expect.stringContaining('signer:GetRevocationStatus')
    })
    // The KMS key could not be read without a client: said, and the image is not passed on it alone.
    expect(trust.unavailable).toEqual([expect.stringContaining('KMS key alias/cosign')])
  })
})
