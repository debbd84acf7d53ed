// The local server's GetDownloadUrlForLayer and its presigned blob route, through the real AWS
// CLI (as a user would call it) and plain HTTP GETs (as S3 is read): ECR's errors, S3's 403 for a
// URL that was not signed by the server or has expired, and the fixtures' real config blobs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { createBlobUrls } from '../../server/blob-downloads.js'
import { CONFIG_FIXTURES, SEEDED_APP } from '../../server/config-fixtures.js'
import { startEcrServer, type EcrServer } from '../../server/ecr-server.js'
import { AWS_CLI_SERVICE_ERRORS, awsCliJson, runAwsCli, startAwsCli } from '../helpers/aws-cli.js'

// The CLI's session starts with the file's servers, not inside the first test that asks it.
beforeAll(startAwsCli)

let ecr: EcrServer

beforeAll(async () => {
  ecr = await startEcrServer()
})

afterAll(async () => {
  await ecr.close()
})

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

const getUrl = (digest: string, repository: string = SEEDED_APP.repositoryName) =>
  awsCliJson<{ downloadUrl: string; layerDigest: string }>(ecr.url, [
    'ecr',
    'get-download-url-for-layer',
    '--repository-name',
    repository,
    '--layer-digest',
    digest
  ])

describe('GetDownloadUrlForLayer', () => {
  it('answers the AWS CLI with a presigned URL that serves the blob', async () => {
    for (const config of [CONFIG_FIXTURES.amd64Config, CONFIG_FIXTURES.arm64Config]) {
      const answer = await getUrl(config.digest)
      expect(answer.layerDigest).toBe(config.digest)
      const url = new URL(answer.downloadUrl)
      expect(url.searchParams.get('X-Amz-Expires')).toBe('3600')
      expect(url.searchParams.get('X-Amz-Date')).toMatch(/^\d{8}T\d{6}Z$/)
      const response = await fetch(url)
      expect(response.status).toBe(200)
      const bytes = Buffer.from(await response.arrayBuffer())
      expect(sha256(bytes)).toBe(config.digest)
      expect(bytes.toString('utf8')).toBe(config.text)
    }
  })

  it('says LayersNotFoundException for a digest the repository has no blob of', async () => {
    const digest = `sha256:${'0'.repeat(64)}`
    const run = await runAwsCli(ecr.url, [
      'ecr',
      'get-download-url-for-layer',
      '--repository-name',
      SEEDED_APP.repositoryName,
      '--layer-digest',
      digest
    ])
    expect(AWS_CLI_SERVICE_ERRORS).toContain(run.code)
    expect(run.stderr).toContain('(LayersNotFoundException)')
    expect(run.stderr).toContain(digest)
    // A blob of another repository is not this one's.
    const other = await runAwsCli(ecr.url, [
      'ecr',
      'get-download-url-for-layer',
      '--repository-name',
      'team/api',
      '--layer-digest',
      CONFIG_FIXTURES.amd64Config.digest
    ])
    expect(other.stderr).toContain('(LayersNotFoundException)')
  })

  it('says InvalidParameterException for a malformed digest and RepositoryNotFound for no repository', async () => {
    const bad = await runAwsCli(ecr.url, [
      'ecr',
      'get-download-url-for-layer',
      '--repository-name',
      SEEDED_APP.repositoryName,
      '--layer-digest',
      'not-a-digest'
    ])
    expect(bad.stderr).toContain('(InvalidParameterException)')
    const none = await runAwsCli(ecr.url, [
      'ecr',
      'get-download-url-for-layer',
      '--repository-name',
      'team/nothing-here',
      '--layer-digest',
      CONFIG_FIXTURES.amd64Config.digest
    ])
    expect(none.stderr).toContain('(RepositoryNotFoundException)')
  })

  it('refuses a URL whose signature or path was changed, as S3 does', async () => {
    const { downloadUrl } = await getUrl(CONFIG_FIXTURES.amd64Config.digest)
    const forged = new URL(downloadUrl)
    forged.searchParams.set('X-Amz-Signature', '0'.repeat(64))
    const response = await fetch(forged)
    expect(response.status).toBe(403)
    expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>')
    const moved = new URL(
      downloadUrl.replace(CONFIG_FIXTURES.amd64Config.digest, CONFIG_FIXTURES.arm64Config.digest)
    )
    expect((await fetch(moved)).status).toBe(403)
  })

  it('refuses an expired URL', () => {
    let now = Date.parse('2026-12-01T12:00:00Z')
    const urls = createBlobUrls(
      () => 'http://127.0.0.1:1',
      () => now
    )
    const url = new URL(urls.sign('123456789012', 'team/app', `sha256:${'a'.repeat(64)}`))
    expect(urls.verify(url)).toEqual({
      registryId: '123456789012',
      repositoryName: 'team/app',
      digest: `sha256:${'a'.repeat(64)}`
    })
    now += 3601_000
    expect(urls.verify(url)).toBe('AccessDenied')
  })
})
