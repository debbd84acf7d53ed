// The server as `npm run server` runs it (server/cli.ts in its own process), driven by the real
// AWS CLI with only --endpoint-url set: proof that the wire protocol is ECR's, not the SDK's idea
// of it. Assumes `aws` on PATH (CI installs it).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { ECRClient, BatchGetImageCommand } from '@aws-sdk/client-ecr'
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import {
  AWS_CLI_SERVICE_ERRORS,
  type AwsCliRun,
  runAwsCli,
  startAwsCli
} from '../helpers/aws-cli.js'
import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LISTENING_LINE_PREFIX } from '../../server/ecr-server.js'
import { FIXTURES, SEEDED } from '../../server/fixtures.js'
import { MEDIA_TYPES } from '../../server/media-types.js'
import { PROJECT_ROOT } from '../../harness/run-action.js'

// The CLI's session starts with the file's servers, not inside the first test that asks it.
beforeAll(startAwsCli)

interface ServerProcess {
  url: string
  child: ChildProcessWithoutNullStreams
  stdout: () => string
}

/** Starts `server/cli.ts` and resolves with the URL from the one line it prints. */
function startServerProcess(args: string[]): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '' }
    })
    let stdout = ''
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const line = stdout.split('\n')[0] ?? ''
      if (stdout.includes('\n') && line.startsWith(LISTENING_LINE_PREFIX)) {
        resolve({ url: line.slice(LISTENING_LINE_PREFIX.length), child, stdout: () => stdout })
      }
    })
    child.on('exit', (code) => reject(new Error(`server/cli.ts exited with ${code}: ${stderr}`)))
  })
}

function stop(server: ServerProcess): Promise<number | null> {
  return new Promise((resolve) => {
    server.child.once('exit', (code) => resolve(code))
    server.child.kill('SIGTERM')
  })
}

/** `aws ecr …` with dummy credentials and no configuration of the developer's. */
function aws(endpoint: string, args: string[]): Promise<AwsCliRun> {
  return runAwsCli(endpoint, ['ecr', ...args])
}

let server: ServerProcess
/** Started with --no-seed; stopped by its test. */
let bare: ServerProcess
let dir: string

beforeAll(async () => {
  // The two processes start at once: each spends most of a second compiling server/ with tsx.
  ;[server, bare] = await Promise.all([
    startServerProcess(['--port', '0']),
    startServerProcess(['--no-seed'])
  ])
  dir = await mkdtemp(join(tmpdir(), 'ecr-cli-'))
})

afterAll(async () => {
  for (const running of [server, bare]) if (running.child.exitCode === null) await stop(running)
  await rm(dir, { recursive: true, force: true })
})

describe('server/cli.ts', () => {
  it('prints exactly the listening line with the real port', () => {
    expect(server.stdout()).toMatch(/^ECR server listening on http:\/\/127\.0\.0\.1:[1-9][0-9]*\n$/)
  })

  it('starts empty with --no-seed and exits 0 on SIGTERM', async () => {
    const ecr = new ECRClient({
      endpoint: bare.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      maxAttempts: 1
    })
    await expect(
      ecr.send(
        new BatchGetImageCommand({ repositoryName: 'team/api', imageIds: [{ imageTag: 'latest' }] })
      )
    ).rejects.toMatchObject({ name: 'RepositoryNotFoundException' })
    expect(await stop(bare)).toBe(0)
  })
})

describe('aws ecr against the server', () => {
  it('batch-get-image finds a seeded image by tag', async () => {
    const run = await aws(server.url, [
      'batch-get-image',
      '--repository-name',
      'team/api',
      '--image-ids',
      'imageTag=v1.13.6'
    ])
    expect(run.code).toBe(0)
    const output = JSON.parse(run.stdout)
    expect(output.failures).toEqual([])
    expect(output.images).toEqual([
      {
        registryId: '123456789012',
        repositoryName: 'team/api',
        imageId: { imageDigest: SEEDED.api.image.digest, imageTag: 'v1.13.6' },
        imageManifest: FIXTURES.dockerImage.manifest,
        imageManifestMediaType: MEDIA_TYPES.dockerManifest
      }
    ])
  })

  it('batch-get-image reports a missing tag as a failure and converts by tag on request', async () => {
    const run = await aws(server.url, [
      'batch-get-image',
      '--repository-name',
      'team/api',
      '--image-ids',
      'imageTag=nope',
      'imageTag=latest',
      '--accepted-media-types',
      MEDIA_TYPES.ociManifest
    ])
    expect(run.code).toBe(0)
    const output = JSON.parse(run.stdout)
    expect(output.failures).toEqual([
      {
        imageId: { imageTag: 'nope' },
        failureCode: 'ImageNotFound',
        failureReason: 'Requested image not found'
      }
    ])
    expect(output.images[0].imageManifestMediaType).toBe(MEDIA_TYPES.ociManifest)
  })

  it('batch-get-image on an unknown repository fails with RepositoryNotFoundException', async () => {
    const run = await aws(server.url, [
      'batch-get-image',
      '--repository-name',
      'team/nope',
      '--image-ids',
      'imageTag=v1'
    ])
    expect(AWS_CLI_SERVICE_ERRORS).toContain(run.code)
    expect(run.stderr).toContain('RepositoryNotFoundException')
    expect(run.stderr).toContain(
      "The repository with name 'team/nope' does not exist in the registry with id '123456789012'"
    )
  })

  it('create-repository and put-image round-trip through batch-get-image by digest', async () => {
    const manifestPath = join(dir, 'manifest.json')
    const manifest = FIXTURES.ociIndexArm64.manifest
    await writeFile(manifestPath, manifest)
    const digest = 'sha256:' + createHash('sha256').update(manifest).digest('hex')

    const created = await aws(server.url, ['create-repository', '--repository-name', 'cli/pushed'])
    expect(JSON.parse(created.stdout).repository.repositoryUri).toBe(
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/cli/pushed'
    )
    const put = await aws(server.url, [
      'put-image',
      '--repository-name',
      'cli/pushed',
      '--image-tag',
      'arm64',
      '--image-manifest',
      `file://${manifestPath}`
    ])
    expect(put.code).toBe(0)
    expect(JSON.parse(put.stdout).image.imageId).toEqual({ imageDigest: digest, imageTag: 'arm64' })

    const got = await aws(server.url, [
      'batch-get-image',
      '--repository-name',
      'cli/pushed',
      '--image-ids',
      `imageDigest=${digest}`
    ])
    const image = JSON.parse(got.stdout).images[0]
    expect(image.imageId).toEqual({ imageDigest: digest })
    expect(image.imageManifest).toBe(manifest)
    expect(image.imageManifestMediaType).toBe(MEDIA_TYPES.ociManifest)
  })
})
