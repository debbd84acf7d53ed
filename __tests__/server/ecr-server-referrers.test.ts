// The local server's ListImageReferrers through the real clients: referrers pushed with the AWS
// CLI's put-image, listed with the SDK's ListImageReferrersCommand (Debian's awscli 2.9 predates
// the operation), and ECR's errors as the SDK surfaces them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { ECRClient, ListImageReferrersCommand } from '@aws-sdk/client-ecr'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEcrServer, type EcrServer } from '../../server/ecr-server.js'
import { FIXTURES, SEED_REGISTRY_ID } from '../../server/fixtures.js'
import { runAwsCli, startAwsCli } from '../helpers/aws-cli.js'

// The CLI's session starts with the file's servers, not inside the first test that asks it.
beforeAll(startAwsCli)

let server: EcrServer
let client: ECRClient
let dir: string

beforeAll(async () => {
  server = await startEcrServer()
  dir = await mkdtemp(join(tmpdir(), 'referrers-'))
  client = new ECRClient({
    region: 'us-east-1',
    endpoint: server.url,
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' }
  })
})

afterAll(async () => {
  client.destroy()
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

describe('ListImageReferrers on the local server', () => {
  it('lists a referrer pushed with aws ecr put-image, with its artifact type and status', async () => {
    const subject = FIXTURES.ociImage
    const referrer = FIXTURES.signedSpdxSbom.manifest.replace(
      FIXTURES.signedImage.digest,
      subject.digest
    )
    const path = join(dir, 'sbom.json')
    await writeFile(path, referrer)
    const put = await runAwsCli(server.url, [
      'ecr',
      'put-image',
      '--repository-name',
      'team/web',
      '--registry-id',
      SEED_REGISTRY_ID,
      '--image-manifest',
      `file://${path}`
    ])
    expect(put.stderr).toBe('')
    const digest = JSON.parse(put.stdout).image.imageId.imageDigest as string
    const listed = await client.send(
      new ListImageReferrersCommand({
        repositoryName: 'team/web',
        subjectId: { imageDigest: subject.digest }
      })
    )
    expect(listed.referrers).toEqual([
      {
        digest,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/spdx+json',
        size: Buffer.byteLength(referrer),
        annotations: { 'org.opencontainers.image.created': '2026-11-20T09:30:00Z' },
        artifactStatus: 'ACTIVE'
      }
    ])
    expect(listed.nextToken).toBeUndefined()
  })

  it('answers ECR errors: unknown repository, bad digest, bad maxResults', async () => {
    const ask = (input: Partial<ConstructorParameters<typeof ListImageReferrersCommand>[0]>) =>
      client
        .send(
          new ListImageReferrersCommand({
            repositoryName: 'team/signed',
            subjectId: { imageDigest: FIXTURES.signedImage.digest },
            ...input
          })
        )
        .catch((error: Error) => error.name)
    expect(await ask({ repositoryName: 'team/nope' })).toBe('RepositoryNotFoundException')
    expect(await ask({ subjectId: { imageDigest: 'sha256:xyz' } })).toBe(
      'InvalidParameterException'
    )
    expect(await ask({ maxResults: 0 })).toBe('InvalidParameterException')
  })
})
