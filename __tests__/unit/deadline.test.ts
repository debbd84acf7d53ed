// The whole-request deadline against the real clients and the local ECR server's trickles: the
// AWS SDK's ECRClient through DeadlineHttpHandler (each of the three ECR calls the action makes),
// and the blob download. A trickling server sends the headers at once and then a byte every
// 40 ms, so an idle-socket timeout would never fire; the deadline (300 ms) ends each attempt, and
// the SDK's own retry strategy retries it. No test waits for anything but that deadline.
import { describe, expect, it } from '@jest/globals'
import {
  BatchGetImageCommand,
  ECRClient,
  GetDownloadUrlForLayerCommand,
  ListImageReferrersCommand
} from '@aws-sdk/client-ecr'
import { DeadlineHttpHandler, RequestDeadlineError } from '../../src/net/deadline-handler.js'
import { downloadBlob, DownloadError } from '../../src/net/blob-download.js'
import { deadlineMessage, durationText } from '../../src/net/deadline.js'
import { useEcrServer } from '../helpers/ecr-fixture.js'
import { SEEDED } from '../../server/fixtures.js'
import { CONFIG_FIXTURES, SEEDED_APP } from '../../server/config-fixtures.js'

const CONFIG = CONFIG_FIXTURES.amd64Config
const CONFIG_BLOB = {
  registryId: SEEDED_APP.registryId,
  repositoryName: SEEDED_APP.repositoryName,
  layerDigest: CONFIG.digest
}

const DEADLINE_MS = 300
const TRICKLE_MS = 40

const ecr = useEcrServer({ resetAfterEach: ['faults', 'calls'] })

function client(maxAttempts: number, maxAnswerBytes = 1024 * 1024): ECRClient {
  return new ECRClient({
    endpoint: ecr.server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts,
    requestHandler: new DeadlineHttpHandler({}, { deadlineMs: DEADLINE_MS, maxAnswerBytes })
  })
}

const batchGet = new BatchGetImageCommand({
  repositoryName: SEEDED.api.repositoryName,
  imageIds: [{ imageTag: 'v1.13.6' }]
})

/** The error a send ends with, and how long it took. */
async function failure(send: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now()
  const error = await send.then(
    () => new Error('expected a failure'),
    (e: unknown) => e
  )
  return { error, ms: Date.now() - started }
}

describe('deadlineMessage', () => {
  it('says which request, how long, and that it is the whole-request deadline', () => {
    expect(durationText(1000)).toBe('1 s')
    expect(durationText(1500)).toBe('1.5 s')
    expect(durationText(250)).toBe('250 ms')
    expect(deadlineMessage('BatchGetImage', 1000)).toBe(
      'BatchGetImage did not complete within 1 s (request-timeout: the deadline of each ' +
        'attempt, from sending the request to the last byte of the answer)'
    )
  })
})

describe('DeadlineHttpHandler with the real ECRClient', () => {
  it('answers as NodeHttpHandler does when the server is quick', async () => {
    const output = await client(1).send(batchGet)
    expect(output.images?.[0]?.imageId?.imageDigest).toBe(SEEDED.api.image.digest)
  })

  it('ends a trickled BatchGetImage answer at the deadline, as a TimeoutError', async () => {
    ecr.server.faults.trickle({ operation: 'BatchGetImage', intervalMs: TRICKLE_MS })
    const { error, ms } = await failure(client(1).send(batchGet))
    expect(error).toBeInstanceOf(RequestDeadlineError)
    expect(error).toMatchObject({
      name: 'TimeoutError',
      message: deadlineMessage('BatchGetImage', DEADLINE_MS),
      $metadata: { attempts: 1 }
    })
    // The whole answer, a byte every 40 ms, would take tens of seconds.
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 20)
    expect(ms).toBeLessThan(DEADLINE_MS + 1500)
  })

  it('is retried by the SDK as any timeout is, and the retry answers', async () => {
    ecr.server.faults.trickle({ operation: 'BatchGetImage', count: 1, intervalMs: TRICKLE_MS })
    const output = await client(2).send(batchGet)
    expect(output.$metadata.attempts).toBe(2)
    expect(output.images).toHaveLength(1)
    expect(ecr.server.calls.map((call) => call.operation)).toEqual([
      'BatchGetImage',
      'BatchGetImage'
    ])
  })

  it('ends a trickled error answer too: the deadline covers every answer', async () => {
    ecr.server.faults
      .failRepository({ repositoryName: SEEDED.api.repositoryName, code: 'ServerException' })
      .trickle({ intervalMs: TRICKLE_MS })
    const { error } = await failure(client(1).send(batchGet))
    expect(error).toMatchObject({ name: 'TimeoutError' })
  })

  it('ends a call that gets no headers at all (a hang) at the same deadline', async () => {
    ecr.server.faults.hang(1, 20_000)
    const { error, ms } = await failure(client(1).send(batchGet))
    expect(error).toMatchObject({ message: deadlineMessage('BatchGetImage', DEADLINE_MS) })
    expect(ms).toBeLessThan(DEADLINE_MS + 1500)
  })

  it('bounds ListImageReferrers and GetDownloadUrlForLayer, naming each', async () => {
    ecr.server.faults
      .trickle({ operation: 'ListImageReferrers', intervalMs: TRICKLE_MS })
      .trickle({ operation: 'GetDownloadUrlForLayer', intervalMs: TRICKLE_MS })
    const referrers = await failure(
      client(1).send(
        new ListImageReferrersCommand({
          repositoryName: SEEDED.api.repositoryName,
          subjectId: { imageDigest: SEEDED.api.image.digest }
        })
      )
    )
    expect(referrers.error).toMatchObject({
      message: deadlineMessage('ListImageReferrers', DEADLINE_MS)
    })
    const url = await failure(client(1).send(new GetDownloadUrlForLayerCommand(CONFIG_BLOB)))
    expect(url.error).toMatchObject({
      message: deadlineMessage('GetDownloadUrlForLayer', DEADLINE_MS)
    })
  })

  it('refuses an answer past its byte cap, and does not retry it', async () => {
    const { error } = await failure(client(3, 100).send(batchGet))
    expect(error).toMatchObject({
      name: 'AnswerTooLargeError',
      message: 'the answer to BatchGetImage is larger than 100 bytes',
      $metadata: { attempts: 1 }
    })
    expect(ecr.server.calls).toHaveLength(1)
  })
})

describe('downloadBlob', () => {
  async function blobUrl(): Promise<URL> {
    const output = await client(1).send(new GetDownloadUrlForLayerCommand(CONFIG_BLOB))
    return new URL(output.downloadUrl ?? '')
  }

  const options = { agents: {}, timeoutMs: DEADLINE_MS, maxBytes: 1024 * 1024 }

  it('downloads the blob whole', async () => {
    const blob = await downloadBlob(await blobUrl(), options)
    expect(blob.toString('utf8')).toBe(CONFIG.text)
  })

  it('ends a trickled download at the deadline, retryable, naming the host only', async () => {
    const url = await blobUrl()
    ecr.server.faults.trickle({ operation: 'download', intervalMs: TRICKLE_MS })
    const { error, ms } = await failure(downloadBlob(url, options))
    expect(error).toBeInstanceOf(DownloadError)
    expect(error).toMatchObject({
      retryable: true,
      message: deadlineMessage(`the GET of the blob from ${url.host}`, DEADLINE_MS)
    })
    expect(String((error as Error).message)).not.toContain('X-Amz-Signature')
    expect(ms).toBeLessThan(DEADLINE_MS + 1500)
  })

  it('refuses a blob past its cap, not retryable', async () => {
    const error = await downloadBlob(await blobUrl(), { ...options, maxBytes: 10 }).catch(
      (e: unknown) => e
    )
    expect(error).toMatchObject({ retryable: false, name: 'DownloadError' })
    expect((error as Error).message).toMatch(
      /^the blob from 127\.0\.0\.1:\d+ is larger than 10 bytes$/
    )
  })
})
