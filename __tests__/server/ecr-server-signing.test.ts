// The local server's KMS GetPublicKey and Signer GetRevocationStatus through the real SDK clients
// (the ones the action loads for awskms:/// keys and aws-signer-profile), found through their
// endpoint settings, and their documented errors.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { GetRevocationStatusCommand, SignerClient } from '@aws-sdk/client-signer'
import { createPublicKey } from 'node:crypto'
import { startEcrServer, type EcrServer } from '../../server/ecr-server.js'
import { SIGNATURE_CATALOG } from '../../server/signature-fixtures.js'
import {
  kmsClients,
  kmsPublicKey,
  revocationStatus,
  signerClients
} from '../../src/ecr/aws-signing.js'

let server: EcrServer
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' }
const key = SIGNATURE_CATALOG.kms[0]!
const revoked = SIGNATURE_CATALOG.revokedProfileVersions[0]!
const good = revoked.replace(/\/[^/]+$/, '/a1B2c3D4e5')
const job =
  'arn:aws:signer:us-east-1:123456789012:/signing-jobs/0a1b2c3d-1111-2222-3333-444455556666'
const hash = 'ab'.repeat(96)

beforeAll(async () => {
  server = await startEcrServer()
})
afterAll(() => server.close())

describe('KMS GetPublicKey on the local server', () => {
  let kms: KMSClient
  beforeAll(() => {
    kms = new KMSClient({ region: 'us-east-1', endpoint: server.url, maxAttempts: 1, credentials })
  })
  afterAll(() => kms.destroy())

  it.each([
    ['key id', key.keyId],
    ['key ARN', key.arn],
    ['alias', key.alias]
  ])('answers by %s with the key ARN and a DER public key that parses', async (_, id) => {
    const output = await kms.send(new GetPublicKeyCommand({ KeyId: id }))
    expect(output.KeyId).toBe(key.arn)
    expect(output.KeyUsage).toBe('SIGN_VERIFY')
    const parsed = createPublicKey({
      key: Buffer.from(output.PublicKey!),
      format: 'der',
      type: 'spki'
    })
    expect(parsed.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
    expect(server.calls.at(-1)?.operation).toBe('kms:GetPublicKey')
  })

  it('throws NotFoundException for an unknown key and InvalidArnException for a malformed ARN', async () => {
    await expect(kms.send(new GetPublicKeyCommand({ KeyId: 'alias/nope' }))).rejects.toMatchObject({
      name: 'NotFoundException'
    })
    await expect(
      kms.send(new GetPublicKeyCommand({ KeyId: 'arn:aws:kms:bad' }))
    ).rejects.toMatchObject({ name: 'InvalidArnException' })
  })

  it('kmsPublicKey, through a client from kmsClients, reads the key or says which call failed', async () => {
    process.env.AWS_ENDPOINT_URL_KMS = server.url
    try {
      const clients = kmsClients({ maxAttempts: 1 })
      const client = clients('us-east-1')
      Object.assign(client.config, { credentials: () => Promise.resolve(credentials) })
      const found = await kmsPublicKey(client, `alias/${key.alias.slice('alias/'.length)}`)
      expect('key' in found && found.key.asymmetricKeyType).toBe('ec')
      const missing = await kmsPublicKey(client, 'alias/missing')
      expect(missing).toEqual({
        error: expect.stringMatching(
          /kms:GetPublicKey failed for alias\/missing \(NotFoundException/
        )
      })
      client.destroy()
    } finally {
      delete process.env.AWS_ENDPOINT_URL_KMS
    }
  })
})

describe('Signer GetRevocationStatus on the local server', () => {
  let signer: SignerClient
  beforeAll(() => {
    process.env.AWS_ENDPOINT_URL_SIGNER = server.url
    signer = signerClients({ maxAttempts: 1, endpointOverride: true })('us-east-1')
    Object.assign(signer.config, { credentials: () => Promise.resolve(credentials) })
  })
  afterAll(() => {
    signer.destroy()
    delete process.env.AWS_ENDPOINT_URL_SIGNER
  })
  const input = (profileVersionArn: string) => ({
    signatureTimestamp: new Date('2026-12-01T12:00:00Z'),
    platformId: 'Notation-OCI-SHA384-ECDSA',
    profileVersionArn,
    jobArn: job,
    certificateHashes: [hash, hash]
  })

  it('reports a revoked profile version, and nothing for a good one', async () => {
    expect(
      (await signer.send(new GetRevocationStatusCommand(input(revoked)))).revokedEntities
    ).toEqual([revoked])
    expect(
      (await signer.send(new GetRevocationStatusCommand(input(good)))).revokedEntities
    ).toEqual([])
    const call = server.calls.at(-1)!
    expect(call.operation).toBe('signer:GetRevocationStatus')
    expect(call.body).toMatchObject({
      platformId: 'Notation-OCI-SHA384-ECDSA',
      profileVersionArn: good,
      jobArn: job
    })
  })

  it('answers ValidationException for a malformed request, which revocationStatus reports', async () => {
    await expect(
      signer.send(new GetRevocationStatusCommand({ ...input(good), certificateHashes: ['zz'] }))
    ).rejects.toMatchObject({ name: 'ValidationException' })
    expect(await revocationStatus(signer, { ...input(good), jobArn: 'not-an-arn' })).toEqual({
      error: expect.stringMatching(/^ValidationException: jobArn/)
    })
  })
})
