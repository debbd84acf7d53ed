// GetDownloadUrlForLayer and the download route it points at, standing in for S3: ECR answers
// with a presigned URL (a signature and an expiry in the query), and a GET of that URL returns
// the blob's bytes. A URL whose signature does not match, or that has expired, gets S3's 403.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { EcrError, invalidParameter } from './ecr-errors.js'
import { isWellFormedDigest, registryIdOf, requireRepositoryName } from './ecr-validation.js'
import type { Registry } from './store.js'
import { endWith, type Pace } from './trickle.js'

/** Where the server's blobs are served: `/blobs/<registry>/<repository>/<digest>`. */
export const BLOB_ROUTE = '/blobs/'
/** ECR's presigned URLs are valid for an hour. */
const EXPIRES_SECONDS = 3600

export interface BlobUrls {
  /** The presigned URL of one blob. */
  sign(registryId: string, repositoryName: string, digest: string): string
  /** The blob a GET asks for, when its URL is one this server signed and it has not expired. */
  verify(url: URL): { registryId: string; repositoryName: string; digest: string } | string
}

/** `20261201T120000Z`, as SigV4 query parameters write the signing time. */
const amzDate = (epochSeconds: number): string =>
  new Date(epochSeconds * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '')

function parseAmzDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  if (!m) return NaN
  const [, y, mo, d, h, mi, s] = m.map(Number)
  return Date.UTC(y!, mo! - 1, d, h, mi, s) / 1000
}

export function createBlobUrls(baseUrl: () => string, now: () => number = Date.now): BlobUrls {
  const key = randomBytes(32)
  const signature = (path: string, expiresAt: number) =>
    createHmac('sha256', key).update(`${path}\n${expiresAt}`).digest('hex')
  return {
    sign(registryId, repositoryName, digest) {
      const path = `${BLOB_ROUTE}${registryId}/${repositoryName}/${digest}`
      const expiresAt = Math.floor(now() / 1000) + EXPIRES_SECONDS
      const query = new URLSearchParams({
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Date': amzDate(expiresAt - EXPIRES_SECONDS),
        'X-Amz-Expires': String(EXPIRES_SECONDS),
        'X-Amz-Signature': signature(path, expiresAt)
      })
      return `${baseUrl()}${path}?${query.toString()}`
    },
    verify(url) {
      const match = /^\/blobs\/(\d{12})\/(.+)\/([a-z0-9]+:[a-f0-9]+)$/.exec(url.pathname)
      const signed = parseAmzDate(url.searchParams.get('X-Amz-Date') ?? '')
      const expires = Number(url.searchParams.get('X-Amz-Expires'))
      const given = Buffer.from(url.searchParams.get('X-Amz-Signature') ?? '', 'utf8')
      if (!match || !Number.isInteger(signed) || !Number.isInteger(expires))
        return 'SignatureDoesNotMatch'
      const expected = Buffer.from(signature(url.pathname, signed + expires), 'utf8')
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return 'SignatureDoesNotMatch'
      if (now() / 1000 > signed + expires) return 'AccessDenied'
      return { registryId: match[1]!, repositoryName: match[2]!, digest: match[3]! }
    }
  }
}

function layersNotFound(digest: string, repositoryName: string, registryId: string): EcrError {
  return new EcrError(
    'LayersNotFoundException',
    `The layer with digest '${digest}' does not exist in the repository with name '${repositoryName}' in the registry with id '${registryId}'`
  )
}

/** `GetDownloadUrlForLayer(registryId?, repositoryName, layerDigest)` → `{downloadUrl, layerDigest}`. */
export function getDownloadUrlForLayer(
  registry: Registry,
  urls: BlobUrls,
  body: Record<string, unknown>
): { downloadUrl: string; layerDigest: string } {
  const repositoryName = requireRepositoryName(body.repositoryName)
  const registryId = registryIdOf(body.registryId)
  const digest = body.layerDigest
  if (typeof digest !== 'string') throw invalidParameter('layerDigest', 'Member must not be null')
  if (!isWellFormedDigest(digest))
    throw invalidParameter(
      'layerDigest',
      "Member must satisfy regular expression pattern: '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'"
    )
  const repository = registry.getRepository(repositoryName, registryId)
  if (!repository.blobs.has(digest)) throw layersNotFound(digest, repositoryName, registryId)
  return { downloadUrl: urls.sign(registryId, repositoryName, digest), layerDigest: digest }
}

/** How a download is answered wrongly on purpose: S3's 503 SlowDown, or in a trickle. */
export interface DownloadFaults {
  slowDown?: boolean
  pace?: Pace | undefined
}

function s3Error(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  pace?: Pace
): void {
  const xml = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`
  )
  response.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': xml.length })
  void endWith(response, xml, pace)
}

/** Answers a GET of a presigned URL with the blob's bytes, or S3's error. */
export function serveBlob(
  registry: Registry,
  urls: BlobUrls,
  request: IncomingMessage,
  response: ServerResponse,
  faults: DownloadFaults = {}
): void {
  const { pace } = faults
  if (faults.slowDown)
    return s3Error(response, 503, 'SlowDown', 'Please reduce your request rate.', pace)
  const url = new URL(request.url ?? '/', 'http://localhost')
  if (request.method !== 'GET') return s3Error(response, 405, 'MethodNotAllowed', 'Only GET', pace)
  const blob = urls.verify(url)
  if (typeof blob === 'string') {
    const message =
      blob === 'AccessDenied'
        ? 'Request has expired'
        : 'The request signature we calculated does not match the signature you provided.'
    return s3Error(response, 403, blob, message, pace)
  }
  let bytes: Buffer | undefined
  try {
    bytes = registry.getRepository(blob.repositoryName, blob.registryId).blobs.get(blob.digest)
  } catch {
    bytes = undefined
  }
  if (!bytes) return s3Error(response, 404, 'NoSuchKey', 'The specified key does not exist.', pace)
  response.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': bytes.length,
    ETag: `"${blob.digest.slice(7, 39)}"`
  })
  void endWith(response, bytes, pace)
}
