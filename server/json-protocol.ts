// The HTTP side of AWS JSON 1.1 as ECR speaks it: the target header, the SigV4 credential scope,
// request bodies, and the success and error responses.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { EcrError } from './ecr-errors.js'
import { endWith, type Pace } from './trickle.js'

export const TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.'
export const CONTENT_TYPE = 'application/x-amz-json-1.1'
/** ECR's manifests are at most 4 MiB; leave room for the JSON around one. */
const MAX_BODY_BYTES = 8 * 1024 * 1024

/** The operation named by `X-Amz-Target`, or undefined when the header is not ECR's. */
export function operationOf(request: IncomingMessage): string | undefined {
  const target = request.headers['x-amz-target']
  if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) return undefined
  return target.slice(TARGET_PREFIX.length)
}

/**
 * The region of the SigV4 credential scope (`Credential=AKID/20261127/<region>/ecr/aws4_request`).
 * The signature itself is not verified: the server only needs to know the client signed.
 */
export function regionOf(request: IncomingMessage): string {
  const header = request.headers.authorization
  if (typeof header !== 'string' || !header.startsWith('AWS4-HMAC-SHA256 ')) {
    throw new EcrError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400)
  }
  const scope = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/[a-z0-9-]+\/aws4_request/.exec(header)
  if (!scope?.[1]) {
    throw new EcrError(
      'IncompleteSignatureException',
      `Authorization header requires a 'Credential' parameter with a valid scope: ${header.split(',')[0]}`
    )
  }
  return scope[1]
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES)
      throw new EcrError('SerializationException', 'Request body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Parses a JSON 1.1 body: an object, or an empty body meaning no fields. */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new EcrError(
      'SerializationException',
      'Start of structure or map found where not expected'
    )
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new EcrError('SerializationException', 'The request body must be a JSON object')
  }
  return parsed as Record<string, unknown>
}

/** Answers with `body` as JSON 1.1; with a pace, the body goes out a byte at a time. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  pace?: Pace
): void {
  const bytes = Buffer.from(JSON.stringify(body))
  response.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': bytes.length,
    'x-amzn-RequestId': randomUUID(),
    ...headers
  })
  void endWith(response, bytes, pace)
}

/** An ECR error as AWS sends it: `__type` in the body and `x-amzn-ErrorType` in the headers. */
export function sendError(response: ServerResponse, error: EcrError, pace?: Pace): void {
  sendJson(
    response,
    error.status,
    { __type: error.code, message: error.message },
    { 'x-amzn-ErrorType': error.code },
    pace
  )
}
