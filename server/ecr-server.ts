// A local server that speaks ECR's real wire protocol (AWS JSON 1.1 over HTTP), so the real AWS
// SDK and the real AWS CLI work against it with only an endpoint URL set. Used by the end-to-end
// tests, the demo and the benchmark; faults can be injected to exercise retries and timeouts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BLOB_ROUTE, createBlobUrls, serveBlob } from './blob-downloads.js'
import { seedConfigFixtures } from './config-fixtures.js'
import { EcrError } from './ecr-errors.js'
import { Faults, InvalidFaultPlanError } from './faults.js'
import { seedFixtures } from './fixtures.js'
import { seedGateFixtures } from './gate-fixtures.js'
import {
  operationOf,
  parseJsonObject,
  readBody,
  regionOf,
  sendError,
  sendJson
} from './json-protocol.js'
import { OPERATIONS, unknownOperation } from './operations.js'
import { seedProvenanceFixtures } from './provenance-fixtures.js'
import { seedSignatureFixtures, type SigningState } from './signature-fixtures.js'
import {
  KMS_TARGET_PREFIX,
  kmsOperation,
  REVOCATIONS_ROUTE,
  serveRevocationStatus
} from './signing-services.js'
import { overrideResponse } from './response-overrides.js'
import { Registry, type PutImageArgs } from './store.js'
import { realSleep, whileOpen, type Pace, type Sleep } from './trickle.js'

export type { Sleep }

/** What `server/cli.ts` prints, followed by the URL, once the server listens. */
export const LISTENING_LINE_PREFIX = 'ECR server listening on '

export interface RecordedCall {
  operation: string
  region: string
  body: Record<string, unknown>
  /** Epoch milliseconds when the server received the call. */
  at: number
}

/** A GET of a download URL (the S3 side of GetDownloadUrlForLayer). */
export interface RecordedDownload {
  /** `/blobs/<registry>/<repository>/<digest>`, without the signature. */
  path: string
  at: number
}

export interface EcrServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  host?: string
  /** Seed the fixture repositories and images (default true). */
  seed?: boolean
  /** How latency, hangs and trickles wait; tests inject one to observe them without waiting. */
  sleep?: Sleep
}

export interface EcrServer {
  /** `http://127.0.0.1:<port>`: the endpoint URL for the SDK and the CLI. */
  url: string
  port: number
  /** Every ECR call received (faulted ones too), in order. */
  calls: RecordedCall[]
  /** Every blob download received, in order. */
  downloads: RecordedDownload[]
  faults: Faults
  registry: Registry
  /** KMS keys (GetPublicKey) and revoked AWS Signer entities (GetRevocationStatus). */
  signing: SigningState
  clearCalls(): void
  createRepository(repositoryName: string, registryId?: string): void
  /** Stores a manifest (ECR's PutImage rules) and returns its digest. */
  putImage(args: PutImageArgs): string
  /** Stores a blob in a repository and returns its digest. */
  putBlob(args: { repositoryName: string; registryId?: string; blob: Buffer }): string
  close(): Promise<void>
}

/** Headers and the start of a body, then a TCP reset: a connection dropped mid-response. */
function resetMidResponse(request: IncomingMessage): void {
  request.socket.write(
    'HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 4096\r\n\r\n{"images":[{"registr'
  )
  request.socket.resetAndDestroy()
}

export async function startEcrServer(options: EcrServerOptions = {}): Promise<EcrServer> {
  const registry = new Registry()
  const faults = new Faults()
  const calls: RecordedCall[] = []
  const downloads: RecordedDownload[] = []
  let baseUrl = ''
  const blobUrls = createBlobUrls(() => baseUrl)
  const sleep = options.sleep ?? realSleep
  const closing = new AbortController()
  const signing: SigningState = { kmsKeys: new Map(), revoked: new Set() }

  /** Applies the injected faults to a call; true when the call is already answered (or dropped). */
  async function injectFaults(
    operation: string,
    body: Record<string, unknown>,
    request: IncomingMessage,
    signal: AbortSignal
  ): Promise<boolean> {
    if (faults.latencyMs > 0) await sleep(faults.latencyMs, signal)
    const fault = faults.takeNext(operation)
    switch (fault?.kind) {
      case 'hang':
        await sleep(fault.ms, signal)
        break
      case 'reset':
        resetMidResponse(request)
        return true
      case 'throttle':
        throw new EcrError('ThrottlingException', 'Rate exceeded', 400)
      case 'serverError':
        throw fault.status === 500
          ? new EcrError('ServerException', 'Internal server error', 500)
          : new EcrError('ServiceUnavailableException', 'Service unavailable', fault.status)
    }
    if (signal.aborted) return true
    const permanent = faults.permanentFailure(operation, body)
    if (permanent) throw permanent
    return false
  }

  /** The pace of this answer when the faults say to trickle it. */
  function paceOf(operation: string, signal: AbortSignal): Pace | undefined {
    const intervalMs = faults.takeTrickle(operation)
    return intervalMs === undefined ? undefined : { intervalMs, sleep, signal }
  }

  async function handleEcrCall(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const signal = whileOpen(response, closing.signal)
    let pace: Pace | undefined
    try {
      const text = await readBody(request)
      const region = regionOf(request)
      const target = String(request.headers['x-amz-target'] ?? '')
      if (target.startsWith(KMS_TARGET_PREFIX)) {
        const kmsName = target.slice(KMS_TARGET_PREFIX.length)
        const kmsBody = parseJsonObject(text)
        calls.push({ operation: `kms:${kmsName}`, region, body: kmsBody, at: Date.now() })
        return sendJson(response, 200, kmsOperation(kmsName, kmsBody, signing))
      }
      const operation = operationOf(request)
      if (operation === undefined) throw unknownOperation(target)
      const body = parseJsonObject(text)
      calls.push({ operation, region, body, at: Date.now() })
      // A trickled answer is trickled whatever it says, an error as well as a success.
      pace = paceOf(operation, signal)
      if (await injectFaults(operation, body, request, signal)) return
      const run = OPERATIONS[operation]
      if (!run) throw unknownOperation(operation)
      const answer = run(body, { registry, region, blobUrls })
      sendJson(
        response,
        200,
        operation === 'BatchGetImage'
          ? overrideResponse(faults.responseOverrides, body, answer, registry)
          : answer,
        {},
        pace
      )
    } catch (error) {
      if (response.headersSent || response.destroyed) return
      sendError(
        response,
        error instanceof EcrError ? error : new EcrError('ServerException', String(error), 500),
        pace
      )
    }
  }

  /** `/__faults` and `/__calls`: control of a server running in another process. */
  async function handleControl(
    path: string,
    request: IncomingMessage,
    response: ServerResponse
  ): Promise<void> {
    const method = request.method ?? 'GET'
    try {
      if (path === '/__faults' && method === 'POST') {
        faults.apply(parseJsonObject(await readBody(request)))
      } else if (path === '/__faults' && method === 'DELETE') {
        faults.clear()
      } else if (path === '/__calls' && method === 'DELETE') {
        calls.length = 0
      }
      if (path === '/__faults') return sendJson(response, 200, faults.snapshot())
      if (path === '/__calls') return sendJson(response, 200, { calls })
      sendJson(response, 404, { message: `No control route ${method} ${path}` })
    } catch (error) {
      const known = error instanceof InvalidFaultPlanError || error instanceof EcrError
      sendJson(response, known ? 400 : 500, { message: String((error as Error).message ?? error) })
    }
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (path.startsWith('/__')) return void handleControl(path, request, response)
    if (path === REVOCATIONS_ROUTE) {
      const query = Object.fromEntries(new URL(request.url ?? '/', 'http://localhost').searchParams)
      calls.push({
        operation: 'signer:GetRevocationStatus',
        region: '',
        body: query,
        at: Date.now()
      })
      return serveRevocationStatus(request, response, signing)
    }
    if (path.startsWith(BLOB_ROUTE)) {
      downloads.push({ path, at: Date.now() })
      const failure = faults.takeDownloadFailure()
      const pace = paceOf('download', whileOpen(response, closing.signal))
      return serveBlob(registry, blobUrls, request, response, { slowDown: failure, pace })
    }
    if (request.method !== 'POST' || path !== '/') {
      return sendError(
        response,
        new EcrError(
          'UnknownOperationException',
          `${request.method} ${path} is not an ECR call`,
          404
        )
      )
    }
    void handleEcrCall(request, response)
  })

  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  const ecrServer: EcrServer = {
    url: baseUrl,
    port,
    calls,
    downloads,
    faults,
    registry,
    signing,
    clearCalls: () => void ((calls.length = 0), (downloads.length = 0)),
    createRepository: (repositoryName, registryId) =>
      void registry.createRepository(repositoryName, registryId),
    putImage: (args) => registry.putImage(args).image.digest,
    putBlob: (args) => registry.putBlob(args),
    close: async () => {
      closing.abort()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
  if (options.seed ?? true) {
    seedFixtures(ecrServer)
    seedConfigFixtures(ecrServer)
    seedGateFixtures(ecrServer)
    seedSignatureFixtures(ecrServer, signing)
    seedProvenanceFixtures(ecrServer)
  }
  return ecrServer
}
